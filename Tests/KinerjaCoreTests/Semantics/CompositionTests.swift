import Foundation
import Testing

@testable import KinerjaCore

@Suite("Composition: uses and extends")
struct CompositionTests {
    static let workspace = Workspace(root: Golden.fixtures.appendingPathComponent("checker").path)

    static func evaluate(_ policyName: String, _ record: String) throws -> String {
        let source = try #require(workspace.loader.load(.policy, policyName))
        let policy = try #require(Checker.check(source, loader: workspace.loader).policy)
        let evaluator = Evaluator(program: Program(policy))
        var reader = RecordReader(format: .jsonl, source: ByteSource(bytes: Array(record.utf8)))
        let next = reader.next()
        let record = try #require(next)
        let result = evaluator.evaluate(record, in: evaluator.program.makeFrame())
        var buffer: [UInt8] = []
        ResultWriter(policy: policy).appendJSON(result, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test("an extending policy keeps its base and changes only the overridden clause")
    func overrideTarget() throws {
        #expect(try Self.evaluate("base", #"{"nip":"1","nilai":10}"#) == #"{"nip":"1","hasil":100}"#)
        #expect(try Self.evaluate("extended", #"{"nip":"1","nilai":10}"#) == #"{"nip":"1","hasil":50}"#)
    }

    @Test("the extended policy keeps the base's label unless it gives its own")
    func metadata() throws {
        let source = try #require(Self.workspace.loader.load(.policy, "extended"))
        let policy = try #require(Checker.check(source, loader: Self.workspace.loader).policy)
        #expect(policy.label == "Turunan")
        #expect(policy.metadata.extends == "base")
        #expect(policy.indicators.map(\.name) == ["utama"])
    }
}
