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

    let records = readAll(ByteSource(bytes: bytes), .default)
    checkNumbering(records)
    fuzzCheck(records.count <= bytes.count + 1, "\(records.count) records from \(bytes.count) bytes")
    fuzzCheck(readAll(ByteSource(bytes: bytes, chunkSize: chunk), .default) == records,
              "CSV read in chunks of \(chunk) differs")
    checkBatches(bytes, chunk: chunk, .default, records)

    let tight = DataLimits(maxDepth: 3, maxRecordBytes: 40, maxRecords: 5)
    let limited = readAll(ByteSource(bytes: bytes), tight)
    checkNumbering(limited)
    fuzzCheck(limited.count <= 6, "more than maxRecords + 1 records")
    fuzzCheck(readAll(ByteSource(bytes: bytes, chunkSize: chunk), tight) == limited,
              "limited CSV read in chunks of \(chunk) differs")
    checkBatches(bytes, chunk: chunk, tight, limited)
    return 0
}

func readAll(_ source: ByteSource, _ limits: DataLimits) -> [DataRecord] {
    var reader = RecordReader(format: .csv, source: source, limits: limits)
    var records: [DataRecord] = []
    while let record = reader.next() {
        records.append(record)
        fuzzCheck(records.count <= 1_000_000, "reader does not end")
    }
    fuzzCheck(reader.next() == nil, "reader gives a record after its end")
    return records
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
