/// Reads a test file into a ``TestFileSyntax``, reporting every syntax problem of the file in one run.
///
/// Grammar:
/// ```
/// testfile    = "tests" NAME { "case" STRING "{" "record" json_object { expectation } "}" } ;
/// expectation = "expect" NAME "=" literal | "expect" [ "not" ] "recommend" NAME | "expect" "error" STRING ;
/// literal     = [ "-" ] NUMBER [ "%" | UNIT ] | STRING | NAME | "true" | "false" | "absent" ;
/// ```
/// The record is JSON, read by ``JSONReader`` straight from the bytes (JSON numbers and escapes differ from the
/// language's). `absent` and `error` are recognised by their text: a value may still be called `error`
/// (`expect error = 1`), but a scale member called `absent` cannot be expected by name.
public enum TestFileParser {
    public static func parse(_ source: SourceFile) -> TestFileParseResult {
        var parser = SyntaxParser(source: source)
        let file = parser.parseTestFile()
        return TestFileParseResult(file: file, comments: parser.cursor.comments, diagnostics: parser.allDiagnostics)
    }
}

/// The outcome of parsing one test file.
public struct TestFileParseResult: Sendable {
    /// The tree; nil only when the file does not start with `tests NAME`.
    public var file: TestFileSyntax?
    /// The comments of the file in source order, for the formatter.
    public var comments: [Comment]
    /// Lexical and syntax errors in source order; empty when the file is well formed.
    public var diagnostics: [Diagnostic]
}

extension SyntaxParser {
    /// `testfile = "tests" NAME { "case" STRING "{" "record" json_object { expectation } "}" }`.
    mutating func parseTestFile() -> TestFileSyntax? {
        let start = current.range.start.utf8Offset
        let hasHeader = take(.tests) != nil
        if !hasHeader { reportExpected(.expectedTestsHeader) }
        let policy = hasHeader ? expectName(.expectedName(after: "tests")) : missingIdentifier
        var cases: [TestCaseSyntax] = []
        var progress = LoopProgress()
        while !isAtEnd, progress.advanced(cursor.consumedCount) {
            if isRecovering, !atResumePoint(orWords: []) {
                synchronize()
            } else if at(.case) {
                isRecovering = false
                cases.append(parseTestCase())
            } else {
                report(.expectedCase, at: current.range)
                synchronize()
            }
        }
        guard hasHeader else { return nil }
        return TestFileSyntax(policy: policy, cases: cases, range: range(from: start))
    }

    /// `"case" STRING "{" "record" json_object { expectation } "}"`.
    private mutating func parseTestCase() -> TestCaseSyntax {
        let start = advance().range.start.utf8Offset
        let name = expectString(after: "case")
        var record = JSONLiteral(kind: .null, range: SourceRange(cursor.previousEnd, cursor.previousEnd))
        var expectations: [Expectation] = []
        if expect(.leftBrace, .expectedOpeningBrace(of: "the case")) != nil {
            if take(.record) != nil, at(.leftBrace) {
                record = parseJSONRecord()
            } else {
                reportExpected(.expectedRecord)
            }
            parseBlockItems(
                of: "the case", expecting: { _ in .expectedExpectation },
                isItemStart: { $0.at(.expect) }, parseItem: { expectations.append($0.parseExpectation()) }
            )
        }
        return TestCaseSyntax(name: name, record: record, expectations: expectations, range: range(from: start))
    }

    /// `json_object`, read from the bytes at the current `{`; lexing resumes after it, or after the damaged part.
    private mutating func parseJSONRecord() -> JSONLiteral {
        let start = current.range.start.utf8Offset
        var reader = JSONReader(bytes: source.bytes, offset: start)
        let record = reader.readRecord()
        if let (message, range) = reader.problem {
            report(message, at: range)
        }
        skip(SourceRange(start, reader.offset))
        return record ?? JSONLiteral(kind: .null, range: SourceRange(start, reader.offset))
    }

    /// `expectation = "expect" NAME "=" literal | "expect" [ "not" ] "recommend" NAME | "expect" "error" STRING`.
    private mutating func parseExpectation() -> Expectation {
        let start = advance().range.start.utf8Offset
        let kind: Expectation.Kind
        if take(.not) != nil {
            if take(.recommend) == nil { reportExpected(.expectedRecommend) }
            kind = .recommends(name: expectName(.expectedName(after: "recommend")), isRecommended: false)
        } else if take(.recommend) != nil {
            kind = .recommends(name: expectName(.expectedName(after: "recommend")), isRecommended: true)
        } else if atName("error"), !peekIs(1, .equal) {
            advance()
            kind = .error(expectString(after: "error"))
        } else {
            let name = expectName(.expectedExpectation)
            let hasLiteral = !isRecovering && expect(.punctuation(.equal), orReport: .expectedEquals(after: name.name))
            let missing = ExpectedLiteral(kind: .invalid, range: SourceRange(cursor.previousEnd, cursor.previousEnd))
            kind = .equals(name: name, literal: hasLiteral ? parseExpectedLiteral() : missing)
        }
        return Expectation(kind: kind, range: range(from: start))
    }

    /// `literal = [ "-" ] NUMBER [ "%" | UNIT ] | STRING | NAME | "true" | "false" | "absent"`.
    private mutating func parseExpectedLiteral() -> ExpectedLiteral {
        let start = current.range.start.utf8Offset
        let kind: ExpectedLiteral.Kind
        switch current.kind {
        case .number:
            kind = .number(parseNumberLiteral(), isNegative: false)
        case .punctuation(.minus) where peek(1).kind == .number:
            advance()
            kind = .number(parseNumberLiteral(), isNegative: true)
        case .string:
            kind = .string(takeString()?.value ?? "")
        case .keyword(.true), .keyword(.false):
            kind = .boolean(advance().kind == .keyword(.true))
        case .name:
            let name = identifier(advance())
            kind = name.name == "absent" ? .absent : .member(name)
        default:
            reportExpected(.expectedLiteral)
            kind = .invalid
        }
        return ExpectedLiteral(kind: kind, range: range(from: start))
    }
}
