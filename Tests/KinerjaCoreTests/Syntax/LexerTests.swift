import Testing

@testable import KinerjaCore

/// The lexer: tokens, string values, comments and lexical diagnostics, as tables of input and expected output.
@Suite("Lexer")
struct LexerTests {
    /// The tokens of `text` before the end of file: reserved words and punctuation by spelling, the rest as
    /// `kind:text`.
    static func tokens(_ text: String) -> String {
        let source = SourceFile(path: "t", text: text)
        return Lexer.lex(source).tokens.dropLast().map { token in
            let text = source.text(of: token.range)
            switch token.kind {
            case .keyword, .punctuation: return text
            case .name: return "name:" + text
            case .number: return "num:" + text
            case .string: return "str:" + text
            case .date: return "date:" + text
            case .unknown: return "unknown:" + text
            case .endOfFile: return "eof"
            }
        }.joined(separator: " ")
    }

    static func codes(_ text: String) -> [String] {
        Lexer.lex(SourceFile(path: "t", text: text)).diagnostics.map(\.code.rawValue)
    }

    @Test("tokens", arguments: [
        ("policy plaju", "policy name:plaju"),
        ("90%", "num:90 %"),
        ("4.5 0.25 12", "num:4.5 num:0.25 num:12"),
        ("1..5", "num:1 .. num:5"),
        ("0 ..< 50%", "num:0 ..< num:50 %"),
        ("0..<5", "num:0 ..< num:5"),
        ("4.x", "num:4 . name:x"),
        ("10min", "num:10 name:min"),
        ("10 min", "num:10 name:min"),
        ("2026-01-01", "date:2026-01-01"),
        ("2026-01-01 to 2026-12-31", "date:2026-01-01 name:to date:2026-12-31"),
        ("2026-01-011", "num:2026 - num:01 - num:011"),
        ("2026-1-01", "num:2026 - num:1 - num:01"),
        ("nasional.rating_hasil", "name:nasional . name:rating_hasil"),
        ("_ _a a_1 A", "_ name:_a name:a_1 name:A"),
        ("-> - > >= <= < = != ??", "-> - > >= <= < = != ??"),
        ("( ) { } , : | + * / .", "( ) { } , : | + * / ."),
        ("\"a b\" \"\"", "str:\"a b\" str:\"\""),
        ("\"a\\\"b\" c", "str:\"a\\\"b\" name:c"),
        ("a # comment\nb", "name:a name:b"),
        ("#only a comment", ""),
        ("", ""),
        ("x\r\n\ty", "name:x name:y"),
    ])
    func lexesTokens(input: String, expected: String) {
        #expect(Self.tokens(input) == expected)
    }

    @Test("reserved words are keywords, contextual words are names")
    func reservedAndContextualWords() {
        let reserved = "if then else and or not in true false each otherwise when rules policy tests scale bands "
            + "matrix table record indicator output recommend override case expect"
        #expect(Self.tokens(reserved) == reserved)
        let contextual = "source owner version description effective to uses extends period applies actual target "
            + "better higher lower capaian cap weight text number count score duration list of optional key min "
            + "indicators absent error"
        #expect(Self.tokens(contextual) == contextual.split(separator: " ").map { "name:\($0)" }.joined(separator: " "))
        #expect(TokenKind.keywords.count == Keyword.allCases.count)
    }

    @Test("string values", arguments: [
        ("\"plain\"", "plain"),
        ("\"a\\\"b\"", "a\"b"),
        ("\"back\\\\slash\"", "back\\slash"),
        ("\"line\\nbreak\\ttab\"", "line\nbreak\ttab"),
        ("\"unknown \\q escape\"", "unknown q escape"),
        ("\"Rp 1.000 ✓\"", "Rp 1.000 ✓"),
        ("\"unterminated", "unterminated"),
        ("\"ends in backslash\\\"", "ends in backslash\""),
        ("'single'", "single"),
    ])
    func stringValues(input: String, expected: String) throws {
        let source = SourceFile(path: "t", text: input)
        let token = try #require(Lexer.lex(source).tokens.first)
        #expect(token.kind == .string)
        #expect(Lexer.stringValue(of: token, in: source) == expected)
    }

    @Test("diagnostics", arguments: [
        ("a == b", ["E0156"]),
        ("a && b || !c", ["E0156", "E0156", "E0156"]),
        ("a => b", ["E0156"]),
        ("x = \"open", ["E0169"]),
        ("x = \"bad \\q\"", ["E0157"]),
        ("x = 'single'", ["E0165"]),
        ("a § b ? c", ["E0166", "E0166"]),
        ("[1; 2]", ["E0166", "E0166", "E0166"]),
        ("a != b ?? c", []),
    ])
    func lexicalDiagnostics(input: String, expected: [String]) {
        #expect(Self.codes(input) == expected)
    }

    @Test("an operator from other languages is read as the kinerja operator it stands for")
    func foreignOperatorsAreRecovered() {
        let kinds = Lexer.lex(SourceFile(path: "t", text: "== && || ! =>")).tokens.map(\.kind)
        #expect(kinds == [.punctuation(.equal), .keyword(.and), .keyword(.or), .keyword(.not), .punctuation(.arrow),
                          .endOfFile])
    }

    @Test("an unknown character is one token, however many bytes it has")
    func unknownCharacterCoversItsBytes() throws {
        let source = SourceFile(path: "t", text: "a §b")
        let result = Lexer.lex(source)
        #expect(Self.tokens("a §b") == "name:a unknown:§ name:b")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message == "unknown character '§'")
        #expect(diagnostic.range == SourceRange(2, 4))
        #expect(diagnostic.path == "t")
    }

    @Test("an unterminated string ends at its line, without the carriage return")
    func unterminatedStringEndsAtLine() throws {
        let source = SourceFile(path: "t", text: "\"abc\r\nnext")
        let result = Lexer.lex(source)
        #expect(result.tokens.map { source.text(of: $0.range) } == ["\"abc", "next", ""])
        #expect(result.diagnostics.map(\.range) == [SourceRange(0, 4)])
    }

    @Test("comments are collected with their text and range")
    func collectsComments() {
        let source = SourceFile(path: "t", text: "# first  \nx = 1 # second\r\n#third")
        #expect(Lexer.lex(source).comments == [
            Comment(text: "# first", range: SourceRange(0, 7)),
            Comment(text: "# second", range: SourceRange(16, 24)),
            Comment(text: "#third", range: SourceRange(26, 32)),
        ])
    }

    @Test("token ranges are byte offsets")
    func tokenRanges() {
        let tokens = Lexer.lex(SourceFile(path: "t", text: "é = 1")).tokens
        #expect(tokens.map(\.range) == [SourceRange(0, 2), SourceRange(3, 4), SourceRange(5, 6), SourceRange(6, 6)])
    }

    @Test("skipping a region forgets what was lexed in it")
    func skipForgetsRegion() {
        var lexer = Lexer(source: SourceFile(path: "t", text: "a [§] # c\nb"))
        _ = lexer.nextToken()
        _ = lexer.nextToken()
        _ = lexer.nextToken()
        #expect(lexer.diagnostics.count == 2)
        lexer.skip(SourceRange(2, 6))
        #expect(lexer.diagnostics.isEmpty)
        #expect(lexer.nextToken().kind == .name)
        #expect(lexer.comments.map(\.text) == ["# c"])
    }
}
