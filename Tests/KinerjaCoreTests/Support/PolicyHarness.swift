import Foundation
import Testing

@testable import KinerjaCore

/// Checks inline policy text (with the shipped rule libraries available) and evaluates inline JSONL records,
/// returning each result as the JSON line `kinerja eval` would write.
struct PolicyHarness {
    let policy: CheckedPolicy
    let evaluator: Evaluator

    static let repositoryLoader = Workspace(root: Golden.repository.path).loader

    init(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = Checker.check(SourceFile(path: "test.policy", text: text), loader: Self.repositoryLoader)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.message))", sourceLocation: sourceLocation)
        policy = try #require(result.policy, sourceLocation: sourceLocation)
        evaluator = Evaluator(program: Program(policy))
    }

    /// Diagnostics of a policy that is expected not to check, as `code message` lines.
    static func diagnostics(_ text: String) -> [String] {
        Checker.check(SourceFile(path: "test.policy", text: text), loader: repositoryLoader)
            .diagnostics.map { "\($0.code.rawValue) \($0.message)" }
    }

    func results(_ jsonLines: [String]) -> [String] {
        var reader = RecordReader(format: .jsonl, source: ByteSource(bytes: Array(jsonLines.joined(separator: "\n").utf8)))
        let writer = ResultWriter(policy: policy)
        let frame = evaluator.program.makeFrame()
        var lines: [String] = []
        while let record = reader.next() {
            var buffer: [UInt8] = []
            writer.appendJSON(evaluator.evaluate(record, in: frame), to: &buffer)
            lines.append(String(decoding: buffer, as: UTF8.self))
        }
        return lines
    }

    func result(_ jsonLine: String) -> String {
        results([jsonLine]).first ?? "<none>"
    }
}
