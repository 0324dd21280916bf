/// The syntax tree of a test file (`Policies/*.test`): example records for one policy, each with its expected results.
public struct TestFileSyntax: Sendable {
    /// The policy under test, from `tests NAME`.
    public var policy: Identifier
    public var cases: [TestCaseSyntax]
    public var range: SourceRange
}

/// `case "name" { record { … } expect … }`: one record and what evaluating it must give.
public struct TestCaseSyntax: Sendable {
    public var name: StringLiteral
    public var record: JSONLiteral
    public var expectations: [Expectation]
    public var range: SourceRange
}

/// A JSON value written inline in a test file, as written: numbers keep their text (`-1.5e3`), objects their order.
public struct JSONLiteral: Sendable {
    public indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        /// The number exactly as written, so that no precision is lost before the data reader converts it.
        case number(String)
        /// The string after escapes were resolved.
        case string(String)
        case array([JSONLiteral])
        case object([JSONMember])
    }

    public var kind: Kind
    public var range: SourceRange
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable {
    public var key: StringLiteral
    public var value: JSONLiteral
}

/// `expect …`: one outcome that a test case requires.
public struct Expectation: Sendable {
    public enum Kind: Sendable {
        /// `expect NAME = literal`: the result's value `name` equals the literal.
        case equals(name: Identifier, literal: ExpectedLiteral)
        /// `expect recommend NAME` (`isRecommended` true) or `expect not recommend NAME` (false).
        case recommends(name: Identifier, isRecommended: Bool)
        /// `expect error "fragment"`: the record must be rejected with a message containing the fragment.
        case error(StringLiteral)
    }

    public var kind: Kind
    public var range: SourceRange
}

/// The value after `expect NAME =`: a number in the unit results are written in, a scale member, a text, a boolean,
/// or `absent` for no value.
public struct ExpectedLiteral: Sendable {
    public enum Kind: Sendable {
        /// `120`, `95%`, `10 min`, or with a leading `-` (`isNegative`).
        case number(NumberLiteral, isNegative: Bool)
        case string(String)
        /// A scale member by name, such as `above`.
        case member(Identifier)
        case boolean(Bool)
        /// `absent`: the result has no value.
        case absent
        /// Stands for a value the parser could not read; a diagnostic was already reported.
        case invalid
    }

    public var kind: Kind
    public var range: SourceRange
}
