@testable import KinerjaCore

/// The results of the same input read through batches (the fast binders where they apply) and through the general
/// reader, both under the evaluator's limits: the two must agree record for record.
enum BothWays {
    static func results(_ bytes: [UInt8], _ evaluator: Evaluator, format: DataFormat,
                        batch: Int) -> (fast: [RecordResult], general: [RecordResult]) {
        let frame = evaluator.program.makeFrame()
        var batchReader = RecordReader(format: format, source: ByteSource(bytes: bytes), limits: evaluator.limits)
        var workspace = JSONParser.Workspace()
        var fast: [RecordResult] = []
        while let next = batchReader.nextBatch(maxRecords: batch) {
            fast.append(contentsOf: evaluator.evaluate(next, in: frame, workspace: &workspace))
        }
        var reader = RecordReader(format: format, source: ByteSource(bytes: bytes), limits: evaluator.limits)
        var general: [RecordResult] = []
        while let record = reader.next() { general.append(evaluator.evaluate(record, in: frame)) }
        return (fast, general)
    }

    /// How many of the JSON `lines` the fast binder takes, one after another into one frame.
    static func boundFast(_ lines: [String], _ evaluator: Evaluator) -> Int {
        let program = evaluator.program
        let binder = JSONFastBinder(schema: program.policy.record, aggregates: program.aggregates)
        let frame = program.makeFrame()
        var order = KeyOrder()
        var key: Range<Int>?
        return lines.count { line in
            Array(line.utf8).withUnsafeBufferPointer { binder.bind($0, into: frame, order: &order, key: &key) }
        }
    }
}
