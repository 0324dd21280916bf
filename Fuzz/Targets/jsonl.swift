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
