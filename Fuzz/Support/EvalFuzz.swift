@testable import KinerjaCore

/// What the `eval` and `evalcsv` targets check: any bytes as records of one format for the compiled Plaju policy,
/// evaluated through batches (the fast binders where they apply) and through the general reader. Both must give
/// equal results, one per record, rendered alike, and every result must render as one line of valid UTF-8.
enum EvalFuzz {
    static let evaluator = Evaluator(program: Program(Fuzz.plajuPolicy))
    static let writer = ResultWriter(policy: Fuzz.plajuPolicy)

    /// The results of every record read from `bytes`, checked both ways; returns them for further checks.
    @discardableResult
    static func checkBothWays(_ bytes: [UInt8], format: DataFormat) -> [RecordResult] {
        let frame = evaluator.program.makeFrame()
        var batchReader = RecordReader(format: format, source: ByteSource(bytes: bytes))
        var workspace = JSONParser.Workspace()
        var fast: [RecordResult] = []
        let batchSize = 1 + bytes.count % 5
        while let batch = batchReader.nextBatch(maxRecords: batchSize) {
            fuzzCheck(batch.entries.count <= batchSize, "a batch larger than asked for")
            fast.append(contentsOf: evaluator.evaluate(batch, in: frame, workspace: &workspace))
        }

        var reader = RecordReader(format: format, source: ByteSource(bytes: bytes))
        var general: [RecordResult] = []
        var records = 0
        while let record = reader.next() {
            records += 1
            general.append(evaluator.evaluate(record, in: frame))
        }

        fuzzCheck(general.count == records, "\(records) records gave \(general.count) results")
        fuzzCheck(fast.count == records, "\(records) records gave \(fast.count) results through batches")
        for (index, (one, other)) in zip(fast, general).enumerated() where one != other {
            fuzzFailure("record \(index + 1): batch result \(one) differs from general result \(other)")
        }
        // Rendered straight from the frame, batch by batch, the results are the same lines as rendered from results.
        let output = ResultOutput(format: .jsonl, writer: writer)
        var renderingReader = RecordReader(format: format, source: ByteSource(bytes: bytes))
        var rendered: [UInt8] = []
        var outputBuffer = OutputBuffer(capacity: 1)
        // Each batch is read into the last one's storage, as parallel evaluation does.
        var spent: RecordBatch?
        while let batch = renderingReader.nextBatch(maxRecords: batchSize, reusing: spent.take()) {
            _ = evaluator.evaluate(batch, in: frame, workspace: &workspace, output: output, to: &outputBuffer)
            outputBuffer.moveBytes(appendingTo: &rendered)
            spent = batch
        }
        var expected: [UInt8] = []
        for result in general { output.append(result, to: &expected) }
        fuzzCheck(rendered == expected, "batches render other bytes than their results")
        for result in general {
            var buffer: [UInt8] = []
            writer.appendJSON(result, to: &buffer)
            fuzzCheck(!buffer.contains(UInt8(ascii: "\n")), "a result renders on several lines")
            fuzzCheck(Fuzz.isValidUTF8(buffer), "a result renders as invalid UTF-8")
        }
        return general
    }
}
