/// The parsers' view of the token stream: the current token, lookahead, and the end of the last token consumed.
struct TokenCursor {
    private var lexer: Lexer
    private(set) var current: Token
    /// Tokens after the current one that ``peek(_:)`` has read already.
    private var pending: [Token] = []
    /// How many tokens were consumed so far; loops compare it to prove they made progress.
    private(set) var consumedCount = 0
    /// The end of the last token consumed, or 0 before the first.
    private(set) var previousEnd = 0

    init(source: SourceFile) {
        var lexer = Lexer(source: source)
        current = lexer.nextToken()
        self.lexer = lexer
    }

    var comments: [Comment] { lexer.comments }

    var lexicalDiagnostics: [Diagnostic] { lexer.diagnostics }

    /// The token `distance` places after the current one (`peek(0)` is the current token); past the end of the file,
    /// the end-of-file token.
    mutating func peek(_ distance: Int) -> Token {
        while pending.count < distance, (pending.last ?? current).kind != .endOfFile {
            pending.append(lexer.nextToken())
        }
        guard distance > 0 else { return current }
        return pending.count >= distance ? pending[distance - 1] : pending.last ?? current
    }

    /// Consumes the current token (the end-of-file token is never consumed) and returns it.
    @discardableResult
    mutating func advance() -> Token {
        let token = current
        guard token.kind != .endOfFile else { return token }
        previousEnd = token.range.end.utf8Offset
        consumedCount += 1
        current = pending.isEmpty ? lexer.nextToken() : pending.removeFirst()
        return token
    }

    /// Drops the lookahead and continues lexing at `region.end`, after the caller read `region` by other means.
    mutating func skip(_ region: SourceRange) {
        lexer.skip(region)
        previousEnd = region.end.utf8Offset
        consumedCount += 1
        pending = []
        current = lexer.nextToken()
    }
}

/// Proves that a parsing loop moves forward: each iteration must consume a token, or the loop stops.
///
/// Every `while` loop of the parsers checks one, so that no input can make them spin; a loop that fails to advance is
/// a parser bug, caught by an assertion in debug builds and ended quietly in release builds.
struct LoopProgress {
    private var lastConsumedCount: Int?

    /// Whether the loop consumed a token since the last call, given the number of tokens consumed so far.
    mutating func advanced(_ consumedCount: Int) -> Bool {
        defer { lastConsumedCount = consumedCount }
        guard let last = lastConsumedCount else { return true }
        assert(consumedCount > last, "a parser loop did not consume a token")
        return consumedCount > last
    }
}
