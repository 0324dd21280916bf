@testable import KinerjaCore

/// Fuzz target `eval`: any bytes as JSON Lines records for the compiled Plaju policy, evaluated through batches
/// (the fast binder where it applies) and through the general reader. Both must give equal results, one per
/// record, and every result must render as one line of valid UTF-8.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: FuzzArguments) -> CInt {
    Fuzz.prepare { _ = (EvalFuzz.evaluator, EvalFuzz.writer) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let evaluator = EvalFuzz.evaluator
    let frame = evaluator.program.makeFrame()

    var batchReader = RecordReader(format: .jsonl, source: ByteSource(bytes: bytes))
    var workspace = JSONParser.Workspace()
    var fast: [RecordResult] = []
    let batchSize = 1 + size % 5
    while let batch = batchReader.nextBatch(maxRecords: batchSize) {
        fuzzCheck(batch.entries.count <= batchSize, "a batch larger than asked for")
        fast.append(contentsOf: evaluator.evaluate(batch, in: frame, workspace: &workspace))
    }

    var reader = RecordReader(format: .jsonl, source: ByteSource(bytes: bytes))
    var general: [RecordResult] = []
    var records = 0
    while let record = reader.next() {
        records += 1
        general.append(evaluator.evaluate(record, in: frame))
    }

    fuzzCheck(general.count == records, "\(records) records gave \(general.count) results")
    fuzzCheck(fast.count == records, "\(records) records gave \(fast.count) results through batches")
    let expectedLines = Fuzz.jsonLinesRecordLines(bytes)
    fuzzCheck(records == expectedLines.count, "\(records) records from \(expectedLines.count) non-blank lines")
    for (index, (one, other)) in zip(fast, general).enumerated() where one != other {
        fuzzFailure("record \(index + 1): batch result \(one) differs from general result \(other)")
    }
    for result in general {
        var buffer: [UInt8] = []
        EvalFuzz.writer.appendJSON(result, to: &buffer)
        fuzzCheck(!buffer.contains(UInt8(ascii: "\n")), "a result renders on several lines")
        fuzzCheck(Fuzz.isValidUTF8(buffer), "a result renders as invalid UTF-8")
    }
    return 0
}

enum EvalFuzz {
    static let evaluator = Evaluator(program: Program(Fuzz.plajuPolicy))
    static let writer = ResultWriter(policy: Fuzz.plajuPolicy)
}
