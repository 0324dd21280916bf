/// How serious a diagnostic is. Errors stop a file from being evaluated; warnings do not (unless `--strict`).
public enum Severity: String, Sendable, Hashable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A stable identifier of a kind of diagnostic, such as `E0102`; documented in docs/errors.md.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Comparable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A secondary message attached to a diagnostic, optionally pointing at another place (in the same file).
public struct DiagnosticNote: Hashable, Sendable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// One problem found in a rules, policy or test file: collected by a pass, rendered in one place.
public struct Diagnostic: Hashable, Sendable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    /// The file the range refers to.
    public var path: String
    public var range: SourceRange
    public var notes: [DiagnosticNote]
    /// A short suggestion, such as "did you mean 'rating_hasil'?".
    public var hint: String?

    public init(
        code: DiagnosticCode, severity: Severity, message: String, path: String, range: SourceRange,
        notes: [DiagnosticNote] = [], hint: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.path = path
        self.range = range
        self.notes = notes
        self.hint = hint
    }
}

/// The diagnostics of one pass, in the order they were found.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    public mutating func append(_ diagnostic: Diagnostic) {
        items.append(diagnostic)
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        items.append(contentsOf: other)
    }

    /// Diagnostics ordered by file, position, then code, for deterministic output.
    public var sorted: [Diagnostic] {
        items.sorted {
            ($0.path, $0.range.start.utf8Offset, $0.code.rawValue, $0.message)
                < ($1.path, $1.range.start.utf8Offset, $1.code.rawValue, $1.message)
        }
    }
}
