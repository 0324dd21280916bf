@testable import KinerjaCore

/// Fuzz target `jsonl`: any bytes as JSON Lines and as a JSON document. Every non-blank line must give exactly one
/// record, numbered 1, 2, … with its line number; reading in tiny chunks must give the same records as reading
/// in one chunk; and tight limits must fail cleanly.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: FuzzArguments) -> CInt {
    Fuzz.prepare { _ = DataLimits.default }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let chunk = 1 + size % 7

    let lines = readAll(.jsonl, ByteSource(bytes: bytes), .default)
    fuzzCheck(lines.map(\.line) == Fuzz.jsonLinesRecordLines(bytes),
              "JSON Lines records on lines \(lines.map(\.line)), expected \(Fuzz.jsonLinesRecordLines(bytes))")
    checkNumbering(lines)
    fuzzCheck(readAll(.jsonl, ByteSource(bytes: bytes, chunkSize: chunk), .default) == lines,
              "JSON Lines read in chunks of \(chunk) differ")

    let tight = DataLimits(maxDepth: 3, maxRecordBytes: 40, maxRecords: 5)
    let limited = readAll(.jsonl, ByteSource(bytes: bytes), tight)
    checkNumbering(limited)
    fuzzCheck(limited.count <= 6, "more than maxRecords + 1 records")
    fuzzCheck(readAll(.jsonl, ByteSource(bytes: bytes, chunkSize: chunk), tight) == limited,
              "limited JSON Lines read in chunks of \(chunk) differ")

    let document = readAll(.json, ByteSource(bytes: bytes), .default)
    checkNumbering(document)
    fuzzCheck(readAll(.json, ByteSource(bytes: bytes, chunkSize: chunk), .default) == document,
              "JSON document read in chunks of \(chunk) differ")
    let limitedDocument = readAll(.json, ByteSource(bytes: bytes), tight)
    checkNumbering(limitedDocument)
    fuzzCheck(limitedDocument.count <= 6, "more than maxRecords + 1 JSON records")
    return 0
}

func readAll(_ format: DataFormat, _ source: ByteSource, _ limits: DataLimits) -> [DataRecord] {
    var reader = RecordReader(format: format, source: source, limits: limits)
    var records: [DataRecord] = []
    while let record = reader.next() {
        records.append(record)
        fuzzCheck(records.count <= 1_000_000, "reader does not end")
    }
    fuzzCheck(reader.next() == nil, "reader gives a record after its end")
    return records
}

/// Records are numbered 1, 2, … and their lines never go backwards; error messages are valid text.
func checkNumbering(_ records: [DataRecord]) {
    var previousLine = 0
    for (index, record) in records.enumerated() {
        fuzzCheck(record.number == index + 1, "record \(index + 1) is numbered \(record.number)")
        fuzzCheck(record.line >= max(1, previousLine), "record \(record.number) on line \(record.line) after \(previousLine)")
        previousLine = record.line
        if case .failure(let error) = record.content {
            fuzzCheck(error.line >= 1 && (error.column ?? 1) >= 1, "error at \(error.line):\(error.column ?? 0)")
        }
    }
}
