import Foundation
import Testing

@testable import KinerjaCore

/// The shipped rule libraries, region policies, their test files and sample data.
@Suite("Shipped rules and policies")
struct ShippedPolicyTests {
    static let workspace = Workspace(root: Golden.repository.path)
    static let regions = ["pauh", "pontianak", "plaju", "kemuning", "singkil"]

    static func source(_ relativePath: String) throws -> SourceFile {
        let bytes = try [UInt8](Data(contentsOf: Golden.repository.appendingPathComponent(relativePath)))
        return SourceFile(path: relativePath, bytes: bytes)
    }

    static func policy(_ name: String) throws -> CheckedPolicy {
        let result = Checker.check(try source("Policies/\(name).policy"), loader: workspace.loader)
        return try #require(result.policy)
    }

    @Test("every shipped file checks clean, without warnings",
          arguments: ["Rules/nasional.rules", "Rules/pp46.rules", "Benchmarks/plaju-q.policy"]
            + regions.map { "Policies/\($0).policy" })
    func checksClean(_ path: String) throws {
        let result = Checker.check(try Self.source(path), loader: Self.workspace.loader)
        #expect(result.diagnostics.map(\.message) == [])
    }

    @Test("every case of the region's test file passes", arguments: regions)
    func regionTests(_ region: String) throws {
        let source = try Self.source("Policies/\(region).test")
        let parsed = TestFileParser.parse(source)
        #expect(parsed.diagnostics.isEmpty)
        let file = try #require(parsed.file)
        #expect(file.cases.count >= 8)
        let runner = PolicyTestRunner(policy: try Self.policy(file.policy.name))
        for (number, testCase) in zip(1..., file.cases) {
            let failures = runner.run(testCase, number: number, path: source.path)
            #expect(failures.map(\.message) == [], "\(testCase.name.value)")
        }
    }

    /// The records of each sample that are deliberately broken (record numbers).
    static let brokenSamples: [String: [Int]] = [
        "pauh": [32], "pontianak": [30], "plaju": [28, 39], "kemuning": [34], "singkil": [36],
    ]

    @Test("samples: one result per record, in order; only the deliberate errors; every predikat", arguments: regions)
    func samples(_ region: String) throws {
        let evaluator = Evaluator(program: Program(try Self.policy(region)))
        let path = Golden.repository.appendingPathComponent("Policies/samples/\(region).jsonl").path
        let results = try Self.evaluate(path, format: .jsonl, evaluator)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(results.count == lines.count)
        #expect(results.map(\.number) == Array(1...lines.count))
        let failed = results.filter { if case .failure = $0.outcome { true } else { false } }.map(\.number)
        #expect(failed == Self.brokenSamples[region])
        let predikat = try #require(evaluator.program.policy.values.firstIndex { $0.name == "predikat" })
        let output = try #require(evaluator.program.policy.outputs.firstIndex(of: predikat))
        var seen = Set<String>()
        for result in results {
            if case .success(let record) = result.outcome, case .text(let text) = record.outputs[output] {
                seen.insert(text)
            }
        }
        #expect(seen.isSuperset(of: ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]))
    }

    @Test("the Pontianak spreadsheet export gives the same results as its JSONL")
    func csvMatchesJSONL() throws {
        let evaluator = Evaluator(program: Program(try Self.policy("pontianak")))
        let samples = Golden.repository.appendingPathComponent("Policies/samples")
        let fromCSV = try Self.evaluate(samples.appendingPathComponent("pontianak.csv").path, format: .csv, evaluator)
        let fromJSONL = try Self.evaluate(samples.appendingPathComponent("pontianak.jsonl").path, format: .jsonl, evaluator)
        let differing = zip(fromCSV, fromJSONL).filter { $0.outcome != $1.outcome }.map(\.0.number)
        #expect(differing == [])
        #expect(fromCSV.count == fromJSONL.count)
    }

    static func evaluate(_ path: String, format: DataFormat, _ evaluator: Evaluator) throws -> [RecordResult] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var reader = RecordReader(format: format, source: ByteSource(bytes: bytes))
        let frame = evaluator.program.makeFrame()
        var results: [RecordResult] = []
        while let record = reader.next() { results.append(evaluator.evaluate(record, in: frame)) }
        return results
    }
}
