/// The syntax tree of one rules or policy file, as written: names are not yet resolved and types not yet checked.
/// Every node carries the range of source it came from.
public struct SyntaxFile: Sendable {
    public var kind: FileKind
    public var name: Identifier
    public var label: StringLiteral?
    public var metadata: [MetadataClause]
    public var declarations: [Declaration]
    public var range: SourceRange
}

/// Whether a file is a shared rule library or a region's policy.
public enum FileKind: String, Sendable {
    case rules
    case policy
}

/// A name as written, with its place in the source.
public struct Identifier: Hashable, Sendable {
    public var name: String
    public var range: SourceRange
}

/// A quoted string after escapes were resolved.
public struct StringLiteral: Hashable, Sendable {
    public var value: String
    public var range: SourceRange
}

/// A clause of a file's header: `source "…"`, `uses nasional`, `period quarter`, …
public struct MetadataClause: Sendable {
    public enum Kind: Sendable {
        case source(StringLiteral)
        case owner(StringLiteral)
        case version(StringLiteral)
        case description(StringLiteral)
        case effective(from: DateLiteral, to: DateLiteral)
        case uses([Identifier])
        case extends(Identifier)
        case period(Identifier)
    }

    public var kind: Kind
    public var range: SourceRange
}

/// A date written `YYYY-MM-DD`, not yet checked against the calendar.
public struct DateLiteral: Hashable, Sendable {
    public var text: String
    public var range: SourceRange
}

/// A top-level declaration, possibly marked `override`.
public struct Declaration: Sendable {
    public enum Kind: Sendable {
        case scale(ScaleDeclaration)
        case bands(BandsDeclaration)
        case matrix(MatrixDeclaration)
        case table(TableDeclaration)
        case record(RecordDeclaration)
        case indicator(IndicatorDeclaration)
        case value(ValueDeclaration)
        case output(OutputDeclaration)
        case recommend(RecommendDeclaration)
    }

    public var kind: Kind
    public var isOverride: Bool
    public var range: SourceRange
}

/// `scale ekspektasi "Ekspektasi" { below "Di Bawah Ekspektasi", … }`: ordered members, lowest first.
public struct ScaleDeclaration: Sendable {
    public var name: Identifier
    public var label: StringLiteral?
    public var members: [ScaleMemberDeclaration]
}

public struct ScaleMemberDeclaration: Sendable {
    public var name: Identifier
    public var label: StringLiteral?
}

/// `name: type`, the parameter of bands, matrices and tables.
public struct Parameter: Sendable {
    public var name: Identifier
    public var type: TypeExpression
}

/// `bands rating(x: percent) -> ekspektasi { >= 110% -> above … }`: thresholds tried from top to bottom.
public struct BandsDeclaration: Sendable {
    public var name: Identifier
    public var parameter: Parameter
    public var resultType: TypeExpression
    public var arms: [BandArm]
}

public struct BandArm: Sendable {
    public enum Condition: Sendable {
        case atLeast(Expression)
        case above(Expression)
        case atMost(Expression)
        case below(Expression)
        case range(Expression, Expression)
        case otherwise
    }

    public var condition: Condition
    public var result: Expression
    public var range: SourceRange
}

/// A grid from two scale values to a value: columns listed first, then one row per row member.
public struct MatrixDeclaration: Sendable {
    public var name: Identifier
    public var row: Parameter
    public var column: Parameter
    public var resultType: TypeExpression
    public var columns: [Identifier]
    public var rows: [MatrixRow]
}

public struct MatrixRow: Sendable {
    public var member: Identifier
    public var cells: [Expression]
    public var range: SourceRange
}

/// A decision table from two or more inputs to a value; every combination must match exactly one rule.
public struct TableDeclaration: Sendable {
    public var name: Identifier
    public var parameters: [Parameter]
    public var resultType: TypeExpression
    public var rules: [TableRule]
}

public struct TableRule: Sendable {
    public var patterns: [Pattern]
    public var result: Expression
    public var range: SourceRange
}

/// One input's pattern in a decision-table rule.
public struct Pattern: Sendable {
    public enum Kind: Sendable {
        case member(Identifier)
        case members([Identifier])
        case boolean(Bool)
        case any
    }

    public var kind: Kind
    public var range: SourceRange
}

/// A type as written: `text`, `score(1..5)`, `list of duration(min)`, or a scale's name.
public struct TypeExpression: Sendable {
    public indirect enum Kind: Sendable {
        case text
        case number
        case integer
        case count
        case boolean
        case date
        case percent
        case score(lower: NumberLiteral, upper: NumberLiteral)
        case duration(Identifier)
        case list(TypeExpression)
        case named(Identifier)
    }

    public var kind: Kind
    public var range: SourceRange
}

/// `record { nip text key "NIP" … }`: the fields of one input record.
public struct RecordDeclaration: Sendable {
    public var fields: [FieldDeclaration]
}

public struct FieldDeclaration: Sendable {
    public var name: Identifier
    public var type: TypeExpression
    public var isOptional: Bool
    public var isKey: Bool
    public var label: StringLiteral?
    public var range: SourceRange
}

/// `indicator name "label" { applies … actual … target … }`: one performance indicator.
public struct IndicatorDeclaration: Sendable {
    public var name: Identifier
    public var label: StringLiteral?
    public var clauses: [IndicatorClause]
}

public struct IndicatorClause: Sendable {
    public enum Kind: Sendable {
        case description(StringLiteral)
        case source(StringLiteral)
        case applies(Expression)
        case actual(Expression)
        case target(Expression)
        case better(Identifier)
        case capaian(Expression)
        case cap(Expression)
        case weight(Expression)
    }

    public var kind: Kind
    public var range: SourceRange
}

/// `name "label" = expression`: a value computed for every record.
public struct ValueDeclaration: Sendable {
    public var name: Identifier
    public var label: StringLiteral?
    public var expression: Expression
}

/// `output { name, name = expression, … }`: what each result contains, in order.
public struct OutputDeclaration: Sendable {
    public var entries: [OutputEntry]
}

public struct OutputEntry: Sendable {
    public var name: Identifier
    public var label: StringLiteral?
    /// Nil when the entry writes a value declared elsewhere.
    public var expression: Expression?
    public var range: SourceRange
}

/// `recommend name "label" when condition`.
public struct RecommendDeclaration: Sendable {
    public var name: Identifier
    public var label: StringLiteral?
    public var condition: Expression
}

/// A number as written, with its unit suffix if any (`90%`, `10 min`).
public struct NumberLiteral: Hashable, Sendable {
    public enum Unit: Hashable, Sendable {
        case percent
        case duration(Identifier)
    }

    /// The digits as written, e.g. "4.5".
    public var text: String
    public var unit: Unit?
    public var range: SourceRange
}

public enum UnaryOperator: String, Sendable, CaseIterable {
    case negate = "-"
    case not = "not"
}

/// Binary operators; the raw value is the spelling shared by lexer, parser and formatter.
public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case and = "and"
    case or = "or"
    case orDefault = "??"
}

/// A call argument; `weight` is the part after ':' in `weighted_mean(supervisor: 50)`.
public struct Argument: Sendable {
    public var value: Expression
    public var weight: Expression?
}

/// An expression node with its source range.
public struct Expression: Sendable {
    public indirect enum Kind: Sendable {
        case number(NumberLiteral)
        case string(String)
        case date(DateLiteral)
        case boolean(Bool)
        /// The item under test inside `share(list, each <= 10 min)` and similar.
        case each
        case name(Identifier)
        /// `base.member`: a qualified name such as `nasional.rating_hasil` or `ekspektasi.above`.
        case member(Expression, Identifier)
        case call(callee: Expression, arguments: [Argument])
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `value in {a, b}`.
        case membership(Expression, [Expression])
        case conditional(condition: Expression, then: Expression, else: Expression)
        /// `capaian of indicators`.
        case indicatorsOf(Identifier)
        /// Stands for an expression the parser could not read; a diagnostic was already reported.
        case invalid
    }

    public var kind: Kind
    public var range: SourceRange
}
