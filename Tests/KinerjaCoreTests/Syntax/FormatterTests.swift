import Foundation
import Testing

@testable import KinerjaCore

/// The formatter: golden input/output pairs, and on every well-formed fixture idempotence and structure preservation.
@Suite("Formatter")
struct FormatterTests {
    static func formatted(_ source: SourceFile) -> String? {
        guard case .formatted(let text) = Formatter.format(source) else { return nil }
        return text
    }

    static func format(_ text: String, path: String = "t.policy") -> String {
        switch Formatter.format(SourceFile(path: path, text: text)) {
        case .formatted(let formatted): formatted
        case .syntaxErrors(let diagnostics): diagnostics.map { "!\($0.code.rawValue)" }.joined(separator: " ")
        }
    }

    /// The tree of a policy, rules or test file without ranges, for comparing structure.
    static func structure(_ source: SourceFile) -> String {
        if source.path.hasSuffix(".test") {
            return TestFileParser.parse(source).file.map(SyntaxDump.testFile) ?? "<no file>"
        }
        return Parser.parse(source).file.map(SyntaxDump.file) ?? "<no file>"
    }

    @Test("formats to the golden output", arguments: SyntaxFixtures.wellFormed)
    func formatsToGoldenOutput(url: URL) throws {
        let source = try SyntaxFixtures.source(url)
        let formatted = try #require(Self.formatted(source))
        Golden.assertMatches(formatted, matches: url.appendingPathExtension("formatted"))
    }

    @Test("is idempotent", arguments: SyntaxFixtures.wellFormed)
    func isIdempotent(url: URL) throws {
        let source = try SyntaxFixtures.source(url)
        let once = try #require(Self.formatted(source))
        let twice = try #require(Self.formatted(SourceFile(path: source.path, text: once)))
        #expect(once == twice, "\(Golden.lineDiff(expected: once, actual: twice))")
    }

    @Test("keeps the syntax tree", arguments: SyntaxFixtures.wellFormed)
    func keepsTheTree(url: URL) throws {
        let source = try SyntaxFixtures.source(url)
        let formatted = try #require(Self.formatted(source))
        let reparsed = SourceFile(path: source.path, text: formatted)
        #expect(Self.structure(reparsed) == Self.structure(source))
    }

    @Test("keeps every comment", arguments: SyntaxFixtures.wellFormed)
    func keepsComments(url: URL) throws {
        let source = try SyntaxFixtures.source(url)
        let formatted = try #require(Self.formatted(source))
        let before = Lexer.lex(source).comments.map(\.text)
        let after = Lexer.lex(SourceFile(path: source.path, text: formatted)).comments.map(\.text)
        #expect(before == after)
    }

    @Test("refuses a file with syntax errors", arguments: SyntaxFixtures.files(in: "errors", extensions: ["policy", "rules", "test"]))
    func refusesBrokenFiles(url: URL) throws {
        let source = try SyntaxFixtures.source(url)
        guard case .syntaxErrors(let diagnostics) = Formatter.format(source) else {
            Issue.record("formatted a broken file")
            return
        }
        #expect(!diagnostics.isEmpty)
    }

    @Test("layouts", arguments: [
        ("policy p", "policy p\n"),
        ("\n\n policy   p  \"L\"\n\n\n", "policy p \"L\"\n"),
        ("policy p x=1 y=2", "policy p\n\nx = 1\n\ny = 2\n"),
        ("policy p record{}", "policy p\n\nrecord {}\n"),
        ("policy p scale s{a,b}", "policy p\n\nscale s {\n  a,\n  b\n}\n"),
        ("policy p x = ((a))", "policy p\n\nx = a\n"),
        ("policy p x = a*(b+c)-(d-e)", "policy p\n\nx = a * (b + c) - (d - e)\n"),
        ("policy p x = -(a+b) - (-c)", "policy p\n\nx = -(a + b) - -c\n"),
        ("policy p x = not(a) and not(b or c)", "policy p\n\nx = not a and not (b or c)\n"),
        ("policy p x = f(a:1,b:2) in{1,2}", "policy p\n\nx = f(a: 1, b: 2) in {1, 2}\n"),
        ("policy p x = \"tab\\tquote\\\"\"", "policy p\n\nx = \"tab\\tquote\\\"\"\n"),
        ("policy p override x = 1", "policy p\n\noverride x = 1\n"),
        ("tests p case \"c\" {record{\"a\":[1,2]} expect a = -1 min}",
         "tests p\n\ncase \"c\" {\n  record { \"a\": [1, 2] }\n  expect a = -1 min\n}\n"),
    ])
    func layouts(input: String, expected: String) {
        #expect(Self.format(input) == expected)
    }

    @Test("a comparison in a bands arm's result keeps its parentheses")
    func armResultParentheses() {
        let text = "rules r bands b(x: number) -> boolean { >= 1 -> (x > 2) and y otherwise -> x = 1 }"
        #expect(Self.format(text) == """
            rules r

            bands b(x: number) -> boolean {
              >= 1      -> (x > 2 and y)
              otherwise -> x = 1
            }

            """)
    }

    @Test("a file with a syntax error is returned as diagnostics")
    func syntaxErrorsAreReturned() {
        #expect(Self.format("policy p\nx = (1") == "!E0110")
        #expect(Self.format("tests p\ncase") == "!E0147")
    }

    @Test("comments", arguments: [
        ("policy p # trailing\n", "policy p  # trailing\n"),
        ("# before\npolicy p\n# after\n", "# before\npolicy p\n\n# after\n"),
        ("policy p\n\n\n# about x\nx = 1 # one\n", "policy p\n\n# about x\nx = 1  # one\n"),
        ("policy p\n# section\n\n\n# about x\nx = 1\n", "policy p\n\n# section\n\n# about x\nx = 1\n"),
        ("policy p\nrecord {\n  a text\n  # last\n\n}\n", "policy p\n\nrecord {\n  a  text\n  # last\n}\n"),
        ("policy p\nrecord { # fields\n}\n", "policy p\n\nrecord {  # fields\n}\n"),
        ("policy p\nrecord {\n  # nothing yet\n}\n", "policy p\n\nrecord {\n  # nothing yet\n}\n"),
        ("policy p\nx = f(a, # first\n b)\n", "policy p\n\n# first\nx = f(a, b)\n"),
        ("policy p\noutput { a b } # end\n", "policy p\n\noutput {\n  a\n  b\n}  # end\n"),
    ])
    func comments(input: String, expected: String) {
        #expect(Self.format(input) == expected)
    }
}
