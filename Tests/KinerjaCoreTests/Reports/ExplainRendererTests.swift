import Foundation
import Testing

@testable import KinerjaCore

/// Explanations of chosen sample records of each region, compared with `Fixtures/explain/<region>.txt`: a
/// record with data, one for which no indicator applies, and one rejected record.
@Suite("Explain (golden)")
struct ExplainRendererTests {
    static let chosen: [(region: String, records: [Int])] = [
        ("pauh", [1, 13, 32]), ("pontianak", [1, 10, 30]), ("plaju", [2, 8, 39]), ("kemuning", [1, 15, 34]),
        ("singkil", [1, 12, 36]),
    ]

    @Test("explanations match the golden files", arguments: chosen.map(\.region))
    func golden(_ region: String) throws {
        let records = try #require(Self.chosen.first { $0.region == region }).records
        let evaluator = Evaluator(program: Program(try ShippedPolicyTests.policy(region)))
        let renderer = ExplainRenderer(policy: evaluator.program.policy)
        let path = Golden.repository.appendingPathComponent("Policies/samples/\(region).jsonl")
        var reader = RecordReader(format: .jsonl, source: ByteSource(bytes: try [UInt8](Data(contentsOf: path))))
        let frame = evaluator.program.makeFrame()
        var text = ""
        while let record = reader.next() {
            guard records.contains(record.number) else { continue }
            text += renderer.render(evaluator.evaluate(record, in: frame, tracing: true), frame: frame) + "\n"
        }
        Golden.assertMatches(text, matches: Golden.fixtures.appendingPathComponent("explain/\(region).txt"))
    }
}
