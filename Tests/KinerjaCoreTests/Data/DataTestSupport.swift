import Testing
@testable import KinerjaCore

/// Chunk sizes every reader test runs with, so chunk boundaries fall everywhere: inside strings, numbers,
/// CRLF pairs, multi-byte characters and the byte order mark.
let dataTestChunkSizes = [1, 2, 3, 5, 7, 64, 1 << 20]

/// Reads `bytes` once per chunk size, expects every run to give the same records, and returns them.
func readDataRecords(_ bytes: [UInt8], _ format: DataFormat, limits: DataLimits = .default,
                     chunkSizes: [Int] = dataTestChunkSizes,
                     sourceLocation: SourceLocation = #_sourceLocation) -> [DataRecord] {
    var results: [[DataRecord]] = []
    for chunkSize in chunkSizes {
        let reader = RecordReader(format: format, source: ByteSource(bytes: bytes, chunkSize: chunkSize), limits: limits)
        results.append(Array(reader))
    }
    let reference = results.last ?? []
    for (chunkSize, result) in zip(chunkSizes, results) where result != reference {
        Issue.record("chunk size \(chunkSize) reads differently: \(result.map(dataSummary)) vs \(reference.map(dataSummary))",
                     sourceLocation: sourceLocation)
    }
    return reference
}

func readDataRecords(_ text: String, _ format: DataFormat, limits: DataLimits = .default,
                     chunkSizes: [Int] = dataTestChunkSizes,
                     sourceLocation: SourceLocation = #_sourceLocation) -> [DataRecord] {
    readDataRecords(Array(text.utf8), format, limits: limits, chunkSizes: chunkSizes, sourceLocation: sourceLocation)
}

/// Records as one line each, e.g. `#1 L1 {"a":1}` or `#2 L3 D001 3:5 invalid JSON: ...`.
func dataSummaries(_ text: String, _ format: DataFormat, limits: DataLimits = .default,
               sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    readDataRecords(text, format, limits: limits, sourceLocation: sourceLocation).map(dataSummary)
}

func dataSummaries(_ bytes: [UInt8], _ format: DataFormat, limits: DataLimits = .default,
               sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    readDataRecords(bytes, format, limits: limits, sourceLocation: sourceLocation).map(dataSummary)
}

func dataSummary(_ record: DataRecord) -> String {
    "#\(record.number) L\(record.line) " + describeData(record.content)
}

func describeData(_ content: Result<DataObject, DataError>) -> String {
    switch content {
    case .success(let object):
        return renderDataValue(.object(object))
    case .failure(let error):
        return describeData(error)
    }
}

/// `D001 3:5 message`, with `-` for an unknown column.
func describeData(_ error: DataError) -> String {
    "\(error.code.rawValue) \(error.line):\(error.column.map(String.init) ?? "-") \(error.message)"
}

/// Compact JSON-like text for a value; a CSV cell is written `c"text"`.
func renderDataValue(_ value: DataValue) -> String {
    switch value {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let literal): return literal
    case .string(let text): return quotedJSON(text)
    case .cell(let text): return "c" + quotedJSON(text)
    case .array(let elements): return "[" + elements.map(renderDataValue).joined(separator: ",") + "]"
    case .object(let object):
        return "{" + object.members.map { quotedJSON($0.key) + ":" + renderDataValue($0.value) }.joined(separator: ",") + "}"
    }
}

func quotedJSON(_ text: String) -> String {
    var buffer: [UInt8] = []
    JSONText.appendString(text, to: &buffer)
    return String(decoding: buffer, as: UTF8.self)
}

/// The only record read from one JSON Lines line, summarised.
func singleJSONLine(_ line: String, limits: DataLimits = .default,
                sourceLocation: SourceLocation = #_sourceLocation) -> String {
    singleJSONLine(Array(line.utf8), limits: limits, sourceLocation: sourceLocation)
}

func singleJSONLine(_ line: [UInt8], limits: DataLimits = .default,
                sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let records = readDataRecords(line, .jsonl, limits: limits, sourceLocation: sourceLocation)
    #expect(records.count == 1, sourceLocation: sourceLocation)
    return records.first.map { describeData($0.content) } ?? "no record"
}
