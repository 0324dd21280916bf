import Foundation
import Testing

@testable import KinerjaCore

/// Replays the discrepancies `tools/differential.py` found (Fixtures/differential): each policy over its records
/// must give the expected results; of an error entry only the error code is compared.
@Suite("Differential regressions")
struct DifferentialRegressionTests {
    static let folder = Golden.fixtures.appendingPathComponent("differential")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".policy") }.map { String($0.dropLast(".policy".count)) }.sorted()
    }

    @Test("each case gives its expected results", arguments: cases)
    func replay(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("\(name).policy"), encoding: .utf8)
        let harness = try PolicyHarness(text)
        let records = try String(contentsOf: Self.folder.appendingPathComponent("\(name).jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let expected = try String(contentsOf: Self.folder.appendingPathComponent("\(name).expected.jsonl"),
                                  encoding: .utf8).split(separator: "\n").map(String.init)
        let actual = harness.results(records)
        #expect(actual.count == expected.count)
        for (got, want) in zip(actual, expected) {
            #expect(try Self.comparable(got) == Self.comparable(want), "got \(got)")
        }
    }

    /// A result line as a JSON object, with an error reduced to its code.
    static func comparable(_ line: String) throws -> NSDictionary {
        var object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        if let error = object["error"] as? [String: Any] {
            object["error"] = error["code"]
            object["at"] = nil
        }
        return object as NSDictionary
    }
}
