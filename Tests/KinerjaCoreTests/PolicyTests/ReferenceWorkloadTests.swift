import Foundation
import Testing

@testable import KinerjaCore

/// `Benchmarks/plaju-q.policy` against the exact oracle `../shared/bench/ref.py --mode exact`, record for record,
/// on the boundary records of `gen.py --edge` and on 20,000 generated records.
@Suite("Reference workload agrees with the exact oracle")
struct ReferenceWorkloadTests {
    static let bench = Golden.repository.deletingLastPathComponent().appendingPathComponent("shared/bench")

    @Test("plaju-q equals ref.py --mode exact", arguments: ["--edge", "20000"])
    func agreesWithOracle(_ generatorArgument: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-ref-\(getpid())\(generatorArgument)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("records.jsonl").path
        let oracle = directory.appendingPathComponent("oracle.tsv").path
        let generate = generatorArgument == "--edge" ? ["--edge", data] : [generatorArgument, data]
        try Self.python(["gen.py"] + generate)
        try Self.python(["ref.py", "--mode", "exact", data, oracle])

        let source = SourceFile(path: "Benchmarks/plaju-q.policy", bytes: try [UInt8](Data(
            contentsOf: Golden.repository.appendingPathComponent("Benchmarks/plaju-q.policy"))))
        let policy = try #require(Checker.check(source, loader: Workspace(root: Golden.repository.path).loader).policy)
        let evaluator = Evaluator(program: Program(policy))
        let results = try ShippedPolicyTests.evaluate(data, format: .jsonl, evaluator)
        let ours = results.map { result -> String in
            guard case .success(let record) = result.outcome else { return "error in record \(result.number)" }
            let texts = zip(record.outputs, policy.outputs).map { value, index in
                Self.oracleText(value, policy.values[index].expression.type)
            }
            return ([result.key ?? "?"] + texts).joined(separator: "\t")
        }
        let expected = try String(contentsOfFile: oracle, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(ours.count == expected.count)
        let differing = zip(ours, expected).filter { $0 != $1 }
        #expect(differing.count == 0, "first differences: \(differing.prefix(3))")
    }

    /// A result value as ref.py prints it: 2 decimals, NA for absent.
    static func oracleText(_ value: Value, _ type: ValueType) -> String {
        switch (value, type) {
        case (.absent, _): "NA"
        case (.number(let number), .number(let quantity)):
            QuantityText.displayNumber(number, quantity)?.decimalText(maxFractionDigits: 2, minFractionDigits: 2) ?? "too large"
        default: QuantityText.text(value, type).replacingAll("\"", with: "")
        }
    }

    static func python(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = bench
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 \(arguments.joined(separator: " ")) failed")
    }
}
