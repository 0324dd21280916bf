/// Splits the UTF-8 bytes of a source file into tokens, on demand.
///
/// The lexer never throws and never stops early: a character that starts no token becomes an ``TokenKind/unknown``
/// token plus a diagnostic, and lexing carries on after it. Comments are collected in ``comments`` rather than returned
/// as tokens. Line breaks are whitespace.
public struct Lexer: Sendable {
    private let source: SourceFile
    /// The bytes of `source`, kept apart because the lexer reads them in its innermost loops.
    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    private var offset = 0
    public private(set) var comments: [Comment] = []
    public private(set) var diagnostics: [Diagnostic] = []

    public init(source: SourceFile) {
        self.source = source
        self.bytes = source.bytes
    }

    /// All tokens of a file, ending with one ``TokenKind/endOfFile`` token, with its comments and lexical diagnostics.
    public static func lex(_ source: SourceFile) -> LexResult {
        var lexer = Lexer(source: source)
        var tokens: [Token] = []
        while true {
            let token = lexer.nextToken()
            tokens.append(token)
            if token.kind == .endOfFile { break }
        }
        return LexResult(tokens: tokens, comments: lexer.comments, diagnostics: lexer.diagnostics)
    }

    /// Forgets what was lexed from `region.start` on and continues lexing at `region.end`.
    ///
    /// The test-file parser reads a JSON record straight from the bytes and then resumes lexing after it.
    public mutating func skip(_ region: SourceRange) {
        let discardFrom = region.start.utf8Offset
        comments.removeAll { $0.range.start.utf8Offset >= discardFrom }
        diagnostics.removeAll { $0.range.start.utf8Offset >= discardFrom }
        offset = max(0, min(region.end.utf8Offset, bytes.count))
    }

    /// Reads the next token, skipping whitespace and collecting comments on the way.
    public mutating func nextToken() -> Token {
        skipWhitespaceAndComments()
        let start = offset
        guard let byte = peek() else {
            return Token(kind: .endOfFile, range: SourceRange(start, start))
        }
        let kind: TokenKind
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            kind = lexWord()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            kind = lexNumberOrDate()
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            kind = lexString(quote: byte)
        default:
            kind = lexPunctuation(byte)
        }
        return Token(kind: kind, range: SourceRange(start, offset))
    }

    // MARK: - Trivia

    private mutating func skipWhitespaceAndComments() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                offset += 1
            case UInt8(ascii: "#"):
                lexComment()
            default:
                return
            }
        }
    }

    private mutating func lexComment() {
        let start = offset
        while let byte = peek(), byte != UInt8(ascii: "\n") { offset += 1 }
        var end = offset
        while end > start, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[end - 1]) {
            end -= 1
        }
        let range = SourceRange(start, end)
        comments.append(Comment(text: source.text(of: range), range: range))
    }

    // MARK: - Words, numbers, dates

    private mutating func lexWord() -> TokenKind {
        let start = offset
        while let byte = peek(), Self.isNameByte(byte) { offset += 1 }
        if offset - start == 1, bytes[start] == UInt8(ascii: "_") {
            return .punctuation(.underscore)
        }
        let word = String(decoding: bytes[start..<offset], as: UTF8.self)
        return TokenKind.keywords[word] ?? .name
    }

    private mutating func lexNumberOrDate() -> TokenKind {
        if isDateAhead() {
            offset += 10
            return .date
        }
        skipDigits()
        if peek() == UInt8(ascii: "."), let next = peek(at: 1), Self.isDigit(next) {
            offset += 1
            skipDigits()
        }
        return .number
    }

    /// Whether `YYYY-MM-DD` starts here and is not followed by more of a name or number.
    private func isDateAhead() -> Bool {
        let pattern = "0000-00-00".utf8
        for (index, expected) in pattern.enumerated() {
            guard let byte = peek(at: index) else { return false }
            let matches = expected == UInt8(ascii: "0") ? Self.isDigit(byte) : byte == expected
            if !matches { return false }
        }
        guard let after = peek(at: pattern.count) else { return true }
        return !Self.isNameByte(after)
    }

    private mutating func skipDigits() {
        while let byte = peek(), Self.isDigit(byte) { offset += 1 }
    }

    // MARK: - Strings

    private mutating func lexString(quote: UInt8) -> TokenKind {
        let start = offset
        offset += 1
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            if byte == quote {
                offset += 1
                if quote == UInt8(ascii: "'") {
                    report(.singleQuotedString, at: SourceRange(start, offset))
                }
                return .string
            }
            if byte == UInt8(ascii: "\\") {
                lexEscape()
            } else {
                offset += 1
            }
        }
        while offset > start + 1, bytes[offset - 1] == UInt8(ascii: "\r") { offset -= 1 }
        report(.unterminatedString, at: SourceRange(start, offset))
        return .string
    }

    private mutating func lexEscape() {
        let start = offset
        offset += 1
        guard let escaped = peek(), escaped != UInt8(ascii: "\n") else {
            report(.invalidEscape("\\"), at: SourceRange(start, offset))
            return
        }
        offset = min(offset + Self.scalarLength(startingWith: escaped), bytes.count)
        if Self.escapedValue(escaped) == nil {
            report(.invalidEscape(source.text(of: SourceRange(start, offset))), at: SourceRange(start, offset))
        }
    }

    /// The value of a string token: the text between the quotes with its escapes resolved.
    ///
    /// An escape the lexer rejected stands for its own character; an unterminated string ends at its line.
    public static func stringValue(of token: Token, in source: SourceFile) -> String {
        let bytes = source.bytes[token.range.start.utf8Offset..<token.range.end.utf8Offset]
        guard let quote = bytes.first else { return "" }
        var body = bytes.dropFirst()
        if !body.isEmpty, body.last == quote, !endsInOpenEscape(body.dropLast()) {
            body = body.dropLast()
        }
        var value: [UInt8] = []
        value.reserveCapacity(body.count)
        var isEscaped = false
        for byte in body {
            if isEscaped {
                value.append(escapedValue(byte) ?? byte)
                isEscaped = false
            } else if byte == UInt8(ascii: "\\") {
                isEscaped = true
            } else {
                value.append(byte)
            }
        }
        return String(decoding: value, as: UTF8.self)
    }

    private static func endsInOpenEscape(_ bytes: ArraySlice<UInt8>) -> Bool {
        var backslashes = 0
        for byte in bytes.reversed() {
            guard byte == UInt8(ascii: "\\") else { break }
            backslashes += 1
        }
        return backslashes % 2 == 1
    }

    private static func escapedValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): UInt8(ascii: "\\")
        case UInt8(ascii: "n"): UInt8(ascii: "\n")
        case UInt8(ascii: "t"): UInt8(ascii: "\t")
        default: nil
        }
    }

    // MARK: - Punctuation

    private mutating func lexPunctuation(_ byte: UInt8) -> TokenKind {
        let next = peek(at: 1)
        let nextNext = peek(at: 2)
        switch (byte, next) {
        case (UInt8(ascii: "."), UInt8(ascii: ".")) where nextNext == UInt8(ascii: "<"):
            return take(3, .punctuation(.dotDotLess))
        case (UInt8(ascii: "."), UInt8(ascii: ".")): return take(2, .punctuation(.dotDot))
        case (UInt8(ascii: "-"), UInt8(ascii: ">")): return take(2, .punctuation(.arrow))
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): return take(2, .punctuation(.notEqual))
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): return take(2, .punctuation(.lessOrEqual))
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): return take(2, .punctuation(.greaterOrEqual))
        case (UInt8(ascii: "?"), UInt8(ascii: "?")): return take(2, .punctuation(.questionQuestion))
        case (UInt8(ascii: "="), UInt8(ascii: "=")): return foreignOperator("==", meaning: .punctuation(.equal))
        case (UInt8(ascii: "="), UInt8(ascii: ">")): return foreignOperator("=>", meaning: .punctuation(.arrow))
        case (UInt8(ascii: "&"), UInt8(ascii: "&")): return foreignOperator("&&", meaning: .keyword(.and))
        case (UInt8(ascii: "|"), UInt8(ascii: "|")): return foreignOperator("||", meaning: .keyword(.or))
        case (UInt8(ascii: "!"), _): return foreignOperator("!", meaning: .keyword(.not))
        default:
            if let mark = Self.singleCharacterPunctuation[byte] {
                return take(1, .punctuation(mark))
            }
            return lexUnknownCharacter()
        }
    }

    private static let singleCharacterPunctuation: [UInt8: Punctuation] = Dictionary(
        uniqueKeysWithValues: Punctuation.allCases.compactMap { mark in
            let spelling = Array(mark.rawValue.utf8)
            return spelling.count == 1 && mark != .underscore ? (spelling[0], mark) : nil
        }
    )

    private mutating func take(_ length: Int, _ kind: TokenKind) -> TokenKind {
        offset += length
        return kind
    }

    /// An operator from other languages (`==`, `&&`, …): reported, then read as the kinerja operator it stands for.
    private mutating func foreignOperator(_ spelling: String, meaning kind: TokenKind) -> TokenKind {
        let length = spelling.utf8.count
        report(.foreignOperator(spelling), at: SourceRange(offset, offset + length))
        return take(length, kind)
    }

    private mutating func lexUnknownCharacter() -> TokenKind {
        let start = offset
        let length = min(Self.scalarLength(startingWith: bytes[start]), bytes.count - start)
        offset += max(length, 1)
        let character = source.text(of: SourceRange(start, offset))
        report(.unknownCharacter(character), at: SourceRange(start, offset))
        return .unknown
    }

    // MARK: - Bytes

    private func peek(at distance: Int = 0) -> UInt8? {
        let index = offset + distance
        return index < bytes.count ? bytes[index] : nil
    }

    private mutating func report(_ message: SyntaxMessage, at range: SourceRange) {
        diagnostics.append(message.diagnostic(in: source.path, at: range))
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    /// The length of the UTF-8 sequence a lead byte announces (1 for ASCII and for stray continuation bytes).
    private static func scalarLength(startingWith byte: UInt8) -> Int {
        switch byte {
        case 0xF0...0xF7: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }
}

/// The tokens, comments and lexical diagnostics of one file.
public struct LexResult: Sendable {
    public var tokens: [Token]
    public var comments: [Comment]
    public var diagnostics: [Diagnostic]
}
