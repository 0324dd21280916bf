import Foundation
import Testing

/// Golden files: expected output kept next to the tests. `UPDATE_GOLDEN=1 swift test` rewrites them and fails
/// once, so that every change is reviewed.
enum Golden {
    /// The `Tests/KinerjaCoreTests/Fixtures` folder, found from this file's path.
    static let fixtures: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The repository root, for the shipped rules, policies and samples.
    static let repository: URL = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Compares `actual` with the golden file at `url`; with `UPDATE_GOLDEN=1` rewrites it instead and fails once.
    static func assertMatches(_ actual: String, matches url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            let existing = try? String(contentsOf: url, encoding: .utf8)
            if existing != actual {
                try? actual.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("rewrote \(url.lastPathComponent); review the change and run again", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.lastPathComponent); run with UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "\(url.lastPathComponent) differs:\n\(lineDiff(expected: expected, actual: actual))",
                sourceLocation: sourceLocation)
    }

    /// The lines that differ, `-` for expected and `+` for actual.
    static func lineDiff(expected: String, actual: String) -> String {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var output: [String] = []
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let left = index < expectedLines.count ? String(expectedLines[index]) : nil
            let right = index < actualLines.count ? String(actualLines[index]) : nil
            if left != right {
                if let left { output.append("-\(index + 1): \(left)") }
                if let right { output.append("+\(index + 1): \(right)") }
            }
        }
        return output.joined(separator: "\n")
    }
}
