import Foundation
import Testing

@testable import KinerjaCore

/// Seeded random edits of every fixture: the parser never crashes or hangs, and whatever the formatter accepts it
/// formats idempotently and without changing the tree.
@Suite("Mutated fixtures")
struct MutationTests {
    /// Pieces inserted at random places: tokens, comments and line breaks.
    static let pieces = [
        "(", ")", "{", "}", ",", "->", "|", "if", "then", "else", "\"", "\n", "..<", "..", "-", "not", "in", "=", "<",
        "??", "record", "case", "expect", "x", "5", "%", "min", "of", "_", ":", ".", "[", "'", "\\", "2026-01-01",
        "otherwise", "é", " # c\n", "\n# own line\n", "\n\n",
    ]

    static let fixtures = SyntaxFixtures.wellFormed + SyntaxFixtures.files(in: "errors", extensions: ["policy", "rules", "test"])

    @Test("random edits", arguments: fixtures)
    func randomEdits(url: URL) throws {
        let original = try SyntaxFixtures.source(url)
        var random = SeededRandom(seed: UInt64(original.bytes.count))
        for _ in 0..<40 {
            var bytes = original.bytes
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                Self.edit(&bytes, using: &random)
            }
            let source = SourceFile(path: original.path, bytes: bytes)
            if source.path.hasSuffix(".test") {
                _ = TestFileParser.parse(source)
            } else {
                _ = Parser.parse(source)
            }
            guard let once = FormatterTests.formatted(source) else { continue }
            let reformatted = SourceFile(path: source.path, text: once)
            #expect(FormatterTests.formatted(reformatted) == once, "\(String(decoding: bytes, as: UTF8.self))")
            #expect(FormatterTests.structure(reformatted) == FormatterTests.structure(source))
        }
    }

    private static func edit(_ bytes: inout [UInt8], using random: inout SeededRandom) {
        let position = Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            bytes.insert(contentsOf: Array(pieces[Int.random(in: 0..<pieces.count, using: &random)].utf8), at: position)
        case 1:
            bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...12, using: &random)))
        default:
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            lines.swapAt(Int.random(in: 0..<lines.count, using: &random), Int.random(in: 0..<lines.count, using: &random))
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        }
    }
}
