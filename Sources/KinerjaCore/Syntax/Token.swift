/// One lexical unit of a rules, policy or test file, with the span of source it covers.
///
/// A token keeps no text of its own: slice it from the ``SourceFile`` with `source.text(of: token.range)`.
public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    public var range: SourceRange

    public init(kind: TokenKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// What a token is: a name, a literal, a reserved word, a punctuation mark, a character the lexer did not know, or the
/// end of the file.
public enum TokenKind: Hashable, Sendable {
    case name
    /// Digits with an optional fraction: `12`, `4.5`.
    case number
    /// A double-quoted string; the lexer checked its escapes, ``Lexer/stringValue(of:in:)`` resolves them.
    case string
    /// `YYYY-MM-DD`.
    case date
    case keyword(Keyword)
    case punctuation(Punctuation)
    /// A character that starts no token; the lexer reported it.
    case unknown
    case endOfFile

    /// The reserved words, by spelling.
    public static let keywords: [String: TokenKind] = Dictionary(
        uniqueKeysWithValues: Keyword.allCases.map { ($0.rawValue, TokenKind.keyword($0)) }
    )
}

/// The reserved words of the language: they can never be used as a name.
///
/// Only words whose meaning never depends on context are reserved:
/// - expression words: `if then else and or not in true false each`;
/// - block words: `otherwise` (bands), `when` (recommend);
/// - file kinds: `rules policy tests`;
/// - declarations: `scale bands matrix table record indicator output recommend override`;
/// - test files: `case expect`.
///
/// Every other word of the grammar is a plain name that the parser recognises by its text where the context asks for
/// it: header clauses (`source owner version description effective to uses extends period` and the period names),
/// indicator clauses (`applies actual target better higher lower capaian cap weight`), types (`text number integer
/// count boolean date percent score duration list of`), record modifiers (`optional key`), units (`s min h day detik
/// menit jam hari`), `of indicators`, and in test files `absent` and `error`. So `min` stays a unit and a function,
/// `count` a type and a function, and `actual`/`target`/`capaian` stay usable as names inside expressions.
public enum Keyword: String, Sendable, CaseIterable {
    case `if`, then, `else`, and, or, not, `in`, `true`, `false`, each
    case otherwise, when
    case rules, policy, tests
    case scale, bands, matrix, table, record, indicator, output, recommend, override
    case `case`, expect

    /// Keywords that start a top-level declaration of a rules or policy file.
    public var startsDeclaration: Bool {
        switch self {
        case .scale, .bands, .matrix, .table, .record, .indicator, .output, .recommend, .override: true
        default: false
        }
    }
}

/// Operators and punctuation marks; the raw value is the spelling shared by lexer, parser, formatter and diagnostics.
public enum Punctuation: String, Sendable, CaseIterable {
    case leftParen = "("
    case rightParen = ")"
    case leftBrace = "{"
    case rightBrace = "}"
    case comma = ","
    case colon = ":"
    case dot = "."
    case dotDot = ".."
    case dotDotLess = "..<"
    case arrow = "->"
    case bar = "|"
    case underscore = "_"
    case percent = "%"
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case questionQuestion = "??"
}

/// A `#` comment, from the `#` to the end of its line (without the line break or trailing spaces).
///
/// Comments are not tokens; the lexer collects them so that the formatter can keep them.
public struct Comment: Hashable, Sendable {
    public var text: String
    public var range: SourceRange

    public init(text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}
