import Foundation
import Testing

@testable import KinerjaCore

/// docs/errors.md is the catalogue of every diagnostic and record error code. Each code written as a string
/// literal in Sources/KinerjaCore (`"E0201"`, `"W0103"`, `"D004"`, `"R101"`) must have its `### CODE title`
/// heading there, and every such heading must name a code that still exists.
@Suite("Error catalogue (docs/errors.md)")
struct ErrorCatalogueTests {
    /// The repository root, four levels above this file (Tests/KinerjaCoreTests/Support/…).
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every code literal in the library's Swift sources, with the files that write it.
    static func codesInSources() throws -> [String: Set<String>] {
        let sources = repository.appendingPathComponent("Sources/KinerjaCore")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var codes: [String: Set<String>] = [:]
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            guard text.contains("\"") else { continue }
            for match in text.matches(of: /"([EW]0\d{3}|[DR]\d{3})"/) {
                codes[String(match.1), default: []].insert(url.lastPathComponent)
            }
        }
        for code in DataErrorCode.allCases { codes[code.rawValue, default: []].insert("DataError.swift") }
        return codes
    }

    /// The codes of the `### CODE title` headings of docs/errors.md, in document order (repeats kept).
    static func documentedCodes() throws -> [String] {
        let text = try String(contentsOf: repository.appendingPathComponent("docs/errors.md"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard let match = line.wholeMatch(of: /### ([EW]0\d{3}|[DR]\d{3})(\s.*)?/) else { return nil }
            return String(match.1)
        }
    }

    @Test("every code in the sources has a heading in docs/errors.md")
    func everyCodeIsDocumented() throws {
        let documented = Set(try Self.documentedCodes())
        let sources = try Self.codesInSources()
        #expect(sources.count > 100, "found only \(sources.count) codes: is the sources folder right?")
        for code in sources.keys.sorted() where !documented.contains(code) {
            Issue.record("\(code) (in \(sources[code]!.sorted().joined(separator: ", "))) has no '### \(code) …' heading in docs/errors.md")
        }
    }

    @Test("every heading in docs/errors.md names a code that exists, once")
    func noStaleOrRepeatedEntries() throws {
        let documented = try Self.documentedCodes()
        let sources = try Self.codesInSources()
        var seen = Set<String>()
        for code in documented {
            #expect(sources[code] != nil, "docs/errors.md documents \(code), which no source file defines any more")
            #expect(seen.insert(code).inserted, "docs/errors.md has two '### \(code)' headings")
        }
    }

    @Test("every code heading has a title")
    func headingsHaveTitles() throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("docs/errors.md"), encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("### ") {
            let words = line.dropFirst(4).split(separator: " ")
            guard let first = words.first, first.wholeMatch(of: /[EW]0\d{3}|[DR]\d{3}/) != nil else { continue }
            #expect(words.count >= 2, "heading '\(line)' needs a short title after the code")
        }
    }
}
