@testable import KinerjaCore

/// Fuzz target `csv`: any bytes as CSV. Reading must end, number records 1, 2, …, give the same records when
/// read in tiny chunks and when read in batches (`nextBatch`, whose rows are parsed later), and fail cleanly
/// under tight limits.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: FuzzArguments) -> CInt {
    Fuzz.prepare { _ = DataLimits.default }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let chunk = 1 + size % 7

    let records = readAll(.csv, ByteSource(bytes: bytes), .default)
    checkNumbering(records)
    fuzzCheck(records.count <= bytes.count + 1, "\(records.count) records from \(bytes.count) bytes")
    fuzzCheck(readAll(.csv, ByteSource(bytes: bytes, chunkSize: chunk), .default) == records,
              "CSV read in chunks of \(chunk) differs")
    checkBatches(bytes, chunk: chunk, .default, records)

    let tight = DataLimits(maxDepth: 3, maxRecordBytes: 40, maxRecords: 5)
    let limited = readAll(.csv, ByteSource(bytes: bytes), tight)
    checkNumbering(limited)
    fuzzCheck(limited.count <= 6, "more than maxRecords + 1 records")
    fuzzCheck(readAll(.csv, ByteSource(bytes: bytes, chunkSize: chunk), tight) == limited,
              "limited CSV read in chunks of \(chunk) differs")
    checkBatches(bytes, chunk: chunk, tight, limited)
    return 0
}

/// Reading in batches of 1 to 5 records, each row turned into a record afterwards, gives `expected`.
func checkBatches(_ bytes: [UInt8], chunk: Int, _ limits: DataLimits, _ expected: [DataRecord]) {
    var reader = RecordReader(format: .csv, source: ByteSource(bytes: bytes, chunkSize: chunk), limits: limits)
    var workspace = JSONParser.Workspace()
    var records: [DataRecord] = []
    let size = 1 + bytes.count % 5
    while let batch = reader.nextBatch(maxRecords: size) {
        fuzzCheck(batch.entries.count <= size, "a batch larger than asked for")
        for entry in batch.entries {
            records.append(batch.record(entry, workspace: &workspace, maxDepth: limits.maxDepth))
        }
        fuzzCheck(records.count <= expected.count, "batches give more records than the reader")
    }
    guard records != expected else { return }
    let index = zip(records, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(records.count, expected.count)
    fuzzFailure("CSV batches (\(size) per batch, chunks of \(chunk), limits \(limits)) give \(records.count) records, "
                + "the reader \(expected.count); first difference at \(index + 1): "
                + "\(index < records.count ? "\(records[index])" : "none") vs "
                + "\(index < expected.count ? "\(expected[index])" : "none")")
}
