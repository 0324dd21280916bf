import Foundation
import Testing

@testable import KinerjaCore

/// Batches evaluated by several workers, with their storage handed round to be filled again, must give exactly the
/// bytes that evaluating the records one after another gives.
@Suite("Parallel evaluation")
struct ParallelEvaluationTests {
    /// The pontianak sample three times over, with a damaged line, a blank line and a long one in between (CSV: a
    /// row with a cell too many).
    static func input(_ format: DataFormat) throws -> [UInt8] {
        let name = format == .csv ? "pontianak.csv" : "pontianak.jsonl"
        let sample = try [UInt8](Data(contentsOf: Golden.repository.appendingPathComponent("Policies/samples/\(name)")))
        if format == .csv {
            // The header once, then the rows (lines end in CR LF) three times over.
            let headerEnd = try #require(sample.firstIndex(of: UInt8(ascii: "\n"))) + 1
            let header = sample[..<headerEnd], rows = sample[headerEnd...]
            return Array(header + rows + Array("1;2;3;4;5;6;7;8;9;10;11;12;13;14;15\r\n".utf8) + rows + rows)
        }
        let long = #"{"nip":"1","padding":""# + String(repeating: "x", count: 300_000) + "\"}\n"
        return sample + Array("{\"nip\":\n\n\(long)".utf8) + sample + sample
    }

    @Test("any batch size and number of workers gives the records in order, as one after another does",
          arguments: [DataFormat.jsonl, .csv])
    func inOrder(format: DataFormat) throws {
        let policy = try ShippedPolicyTests.policy("pontianak")
        let bytes = try Self.input(format)
        let writer = ResultWriter(policy: policy)
        let output = ResultOutput(format: .jsonl, writer: writer)
        let evaluator = Evaluator(program: Program(policy))
        let frame = evaluator.program.makeFrame()
        var reader = RecordReader(format: format, source: ByteSource(bytes: bytes))
        var results: [RecordResult] = []
        while let record = reader.next() { results.append(evaluator.evaluate(record, in: frame)) }
        let expected = output.render(results)
        #expect(results.count > 190)

        for jobs in [1, 2, 3] {
            for batchRecords in [1, 2, 7, 1024] {
                var reader = RecordReader(format: format, source: ByteSource(bytes: bytes))
                var rendered: [UInt8] = []
                var records = 0
                let evaluation = ParallelEvaluation(policy: policy, jobs: jobs, batchRecords: batchRecords)
                let completed = evaluation.run(&reader, makeOutput: { output }) { batch in
                    rendered += batch.bytes
                    records += batch.records
                    return true
                }
                #expect(completed && records == results.count, "\(jobs) jobs, batches of \(batchRecords)")
                #expect(rendered == expected, "\(jobs) jobs, batches of \(batchRecords)")
            }
        }
    }

    @Test("a delivery that fails stops the run")
    func stopsWhenDeliveryFails() throws {
        let policy = try ShippedPolicyTests.policy("pontianak")
        var reader = RecordReader(format: .jsonl, source: ByteSource(bytes: try Self.input(.jsonl)))
        var deliveries = 0
        let evaluation = ParallelEvaluation(policy: policy, jobs: 2, batchRecords: 3)
        let completed = evaluation.run(&reader, makeOutput: { ResultOutput(format: .jsonl, writer: ResultWriter(policy: policy)) }) { _ in
            deliveries += 1
            return deliveries < 4
        }
        #expect(!completed && deliveries == 4)
    }
}
