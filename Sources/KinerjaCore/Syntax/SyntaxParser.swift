/// The recursive-descent machinery shared by ``Parser`` and ``TestFileParser``: token access, diagnostics, error
/// recovery and the nesting limit. The productions live in the `Parser+…` and `TestFileParser` files, one function
/// per grammar rule, each `mutating` because it consumes tokens.
///
/// Recovery works in the style of panic mode. The first error in a clause, item or declaration is reported and puts
/// the parser in recovery (``isRecovering``); while recovering, further errors are dropped, because they are usually
/// echoes of the first. A block loop that is recovering skips tokens until a *resume point*: a token that starts a
/// line, a reserved declaration keyword, the `}` of the block, or a clause keyword of the block. Parsing a fresh item
/// there, or reading the block's `}`, ends recovery, so one run reports one problem per broken item and every problem
/// of the file. Lists in parentheses and braces recover locally first: a missing `)` is reported and the rest of the
/// list on that line is skipped, so the expression around it stays whole.
struct SyntaxParser {
    let source: SourceFile
    private(set) var cursor: TokenCursor
    /// The token being looked at; a copy of `cursor.current`, kept here because the parser reads it constantly.
    private(set) var current: Token
    private(set) var diagnostics: [Diagnostic] = []
    /// True from an error until parsing resumes at a fresh item; diagnostics reported meanwhile are dropped.
    var isRecovering = false
    private var nestingDepth = 0

    /// How deeply expressions and types may nest before the parser gives up on them with a diagnostic.
    static let maximumNestingDepth = 256

    init(source: SourceFile) {
        self.source = source
        self.cursor = TokenCursor(source: source)
        self.current = cursor.current
    }

    /// Diagnostics of the lexer and the parser, in source order.
    ///
    /// Where the lexer reported a problem (an unknown character, `==`, …), a parser error at the same place is an
    /// echo of it and is left out.
    var allDiagnostics: [Diagnostic] {
        let lexical = cursor.lexicalDiagnostics
        let lexicalStarts = Set(lexical.map(\.range.start))
        let syntactic = diagnostics.filter { !lexicalStarts.contains($0.range.start) }
        return (lexical + syntactic).enumerated().sorted { lhs, rhs in
            (lhs.element.range.start.utf8Offset, lhs.offset) < (rhs.element.range.start.utf8Offset, rhs.offset)
        }.map(\.element)
    }

    // MARK: - Looking at tokens

    var isAtEnd: Bool { current.kind == .endOfFile }

    func at(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

    func at(_ mark: Punctuation) -> Bool { current.kind == .punctuation(mark) }

    var atName: Bool { current.kind == .name }

    /// Whether the current token is the name `word`, a word the grammar recognises by its text.
    func atName(_ word: StaticString) -> Bool {
        guard atName else { return false }
        let range = current.range
        return word.withUTF8Buffer { source.bytes[range.start.utf8Offset..<range.end.utf8Offset].elementsEqual($0) }
    }

    func text(of token: Token) -> String { source.text(of: token.range) }

    mutating func peek(_ distance: Int) -> Token { cursor.peek(distance) }

    mutating func peekIs(_ distance: Int, _ mark: Punctuation) -> Bool {
        peek(distance).kind == .punctuation(mark)
    }

    /// Whether the current token is the first on its line (or the end of the file).
    var currentStartsLine: Bool { source.isFirstOnItsLine(current.range.start.utf8Offset) }

    /// Whether the current token ends any block: the end of the file, or a keyword that starts a declaration or a
    /// test case.
    var atTopLevelBoundary: Bool {
        if case .keyword(let keyword) = current.kind, keyword.startsDeclaration || keyword == .case { return true }
        return isAtEnd
    }

    // MARK: - Consuming tokens

    @discardableResult
    mutating func advance() -> Token {
        defer { current = cursor.current }
        return cursor.advance()
    }

    /// Continues after `region`, which the caller read from the bytes by other means.
    mutating func skip(_ region: SourceRange) {
        cursor.skip(region)
        current = cursor.current
    }

    /// Consumes the current token if it is `mark`.
    mutating func take(_ mark: Punctuation) -> Token? {
        at(mark) ? advance() : nil
    }

    mutating func take(_ keyword: Keyword) -> Token? {
        at(keyword) ? advance() : nil
    }

    /// Consumes `mark`, or reports `message` when it is missing.
    @discardableResult
    mutating func expect(_ mark: Punctuation, _ message: @autoclosure () -> SyntaxMessage) -> Token? {
        if let token = take(mark) { return token }
        reportExpected(message())
        return nil
    }

    /// Reads a name, or reports `message` and returns an empty identifier when there is none.
    ///
    /// A reserved word where a name belongs is read as the name, with a diagnostic that says it is reserved.
    mutating func expectName(_ message: @autoclosure () -> SyntaxMessage) -> Identifier {
        switch current.kind {
        case .name:
            return identifier(advance())
        case .keyword(let keyword) where !keyword.startsDeclaration:
            report(.reservedWord(keyword.rawValue), at: current.range)
            return identifier(advance())
        default:
            reportExpected(message())
            return missingIdentifier
        }
    }

    func identifier(_ token: Token) -> Identifier {
        Identifier(name: text(of: token), range: token.range)
    }

    /// Stands for a name that is missing: empty, at the end of the last token read.
    var missingIdentifier: Identifier {
        Identifier(name: "", range: SourceRange(cursor.previousEnd, cursor.previousEnd))
    }

    /// Reads an optional string, such as the label after a declared name.
    mutating func takeString() -> StringLiteral? {
        guard current.kind == .string else { return nil }
        let token = advance()
        return StringLiteral(value: Lexer.stringValue(of: token, in: source), range: token.range)
    }

    /// The range from `start` to the end of the last token read.
    func range(from start: Int) -> SourceRange {
        SourceRange(start, max(start, cursor.previousEnd))
    }

    // MARK: - Diagnostics

    /// Reports an error that leaves the token stream out of step; the parser recovers before reporting again.
    mutating func report(_ message: SyntaxMessage, at range: SourceRange) {
        guard !isRecovering else { return }
        diagnostics.append(message.diagnostic(in: source.path, at: range))
        isRecovering = true
    }

    /// Reports a mistake after which parsing goes on normally, such as a chained comparison.
    mutating func reportAndContinue(_ message: SyntaxMessage, at range: SourceRange) {
        guard !isRecovering else { return }
        diagnostics.append(message.diagnostic(in: source.path, at: range))
    }

    /// Reports that something expected is missing: at the current token, or just after the previous token when the
    /// current one is on a later line (the reader's eye is still on the line where the missing part belongs).
    mutating func reportExpected(_ message: SyntaxMessage) {
        report(message, at: expectedRange)
    }

    /// Where a missing part is reported: see ``reportExpected(_:)``.
    var expectedRange: SourceRange {
        isAtEnd || currentStartsLine ? SourceRange(cursor.previousEnd, cursor.previousEnd) : current.range
    }

    // MARK: - Recovery

    /// Whether parsing can resume at the current token after an error (see the type's documentation).
    func atResumePoint(orWords words: Set<String>) -> Bool {
        if currentStartsLine || atTopLevelBoundary || at(.rightBrace) || at(.expect) { return true }
        return atName && words.contains(text(of: current))
    }

    /// Skips the current token and every following one up to the next resume point, stepping over `{ … }` blocks
    /// opened on the way (up to a declaration keyword when such a block is never closed).
    mutating func synchronize(orWords words: Set<String> = []) {
        advance()
        var braceDepth = 0
        var progress = LoopProgress()
        while !isAtEnd, progress.advanced(cursor.consumedCount) {
            if atTopLevelBoundary || braceDepth == 0 && atResumePoint(orWords: words) { return }
            if at(.leftBrace) { braceDepth += 1 }
            if at(.rightBrace) { braceDepth -= 1 }
            advance()
        }
    }

    /// Consumes `kind`; when it is missing, reports `message` and tells whether to read the part that should follow
    /// it anyway: only when that part is on the same line (`if ada 2 else 3`), so that a missing keyword at the end of
    /// a line does not swallow the next line.
    mutating func expect(_ kind: TokenKind, orReport message: SyntaxMessage) -> Bool {
        if current.kind == kind {
            advance()
            return true
        }
        reportExpected(message)
        return !isAtEnd && !currentStartsLine && !atTopLevelBoundary
    }

    /// Parses the items of a `{ … }` block whose `{` was read, then its `}`.
    ///
    /// - Parameters:
    ///   - block: what the block is, for the message when the `}` is missing ("the record").
    ///   - itemMessage: the message when something else than an item is found, saying what an item looks like.
    ///   - words: clause keywords at which recovery may resume, besides the usual resume points.
    mutating func parseBlockItems(
        of block: String, expecting itemMessage: (SyntaxParser) -> SyntaxMessage, resumingAt words: Set<String> = [],
        isItemStart: (inout SyntaxParser) -> Bool, parseItem: (inout SyntaxParser) -> Void
    ) {
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount) {
            if isRecovering, !atResumePoint(orWords: words) { synchronize(orWords: words) }
            if at(.rightBrace) || atTopLevelBoundary { break }
            if isItemStart(&self) {
                isRecovering = false
                parseItem(&self)
            } else if currentStartsLine, atValueDeclaration() {
                break  // The block's `}` is missing; the next declaration follows.
            } else {
                if case .keyword(let keyword) = current.kind {
                    report(.reservedWord(keyword.rawValue), at: current.range)
                } else if !isRecovering {
                    report(itemMessage(self), at: current.range)
                }
                synchronize(orWords: words)
            }
        }
        if expect(.rightBrace, .expectedClosingBrace(of: block)) != nil {
            isRecovering = false
        }
    }

    /// Consumes the `closer` of a list such as `( … )`; when it is missing, reports `message` and skips the rest of
    /// the list on this line, up to and including its closer, so that parsing goes on after the list.
    mutating func expectClosing(_ closer: Punctuation, _ message: @autoclosure () -> SyntaxMessage) {
        guard take(closer) == nil else { return }
        reportExpected(message())
        var depth = 0
        var progress = LoopProgress()
        while !isAtEnd, !atTopLevelBoundary, !currentStartsLine, progress.advanced(cursor.consumedCount) {
            if depth == 0, at(closer) {
                advance()
                return
            }
            if at(.leftParen) || at(.leftBrace) { depth += 1 }
            if at(.rightParen) || at(.rightBrace) {
                if depth == 0 { return }
                depth -= 1
            }
            advance()
        }
    }

    /// Whether a value declaration starts here: a name followed by `=`, or by its label and `=`.
    mutating func atValueDeclaration() -> Bool {
        guard atName else { return false }
        return peekIs(1, .equal) || peek(1).kind == .string && peekIs(2, .equal)
    }

    // MARK: - Nesting

    /// Enters one level of expression or type nesting; reports and refuses when that would pass the limit.
    ///
    /// Every node that can contain an expression or type of the same kind counts as a level, including each operator
    /// of a chain such as `a + b + c`: the limit bounds the depth of the tree, so that the passes that walk it
    /// recursively (and the release of the tree itself) stay within the stack.
    mutating func enterNesting() -> Bool {
        guard nestingDepth < Self.maximumNestingDepth else {
            report(.nestedTooDeeply(Self.maximumNestingDepth), at: current.range)
            return false
        }
        nestingDepth += 1
        return true
    }

    mutating func leaveNesting(_ levels: Int = 1) {
        nestingDepth -= levels
    }
}
