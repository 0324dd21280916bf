/// Where something was written: a file and a range in it. Carried into the runtime so that record errors can
/// name the expression that failed.
public struct SourceSpan: Sendable, Hashable {
    public var path: String
    public var range: SourceRange
}

/// An expression after checking: names are resolved to slots, constants are folded, and every node has a type.
/// The compiler turns it into the runtime form; the runtime never looks at names.
public struct CheckedExpression: Sendable {
    public indirect enum Kind: Sendable {
        case constant(Value)
        /// A record field, by its position in the record schema.
        case field(Int)
        /// A named value (or output), by its position in evaluation order.
        case value(Int)
        /// `actual` or `target` inside an indicator's own clauses.
        case indicatorPart(indicator: Int, part: IndicatorPart)
        case each
        case negate(CheckedExpression)
        case arithmetic(ArithmeticOperator, CheckedExpression, CheckedExpression)
        case comparison(ComparisonOperator, CheckedExpression, CheckedExpression)
        case and(CheckedExpression, CheckedExpression)
        case or(CheckedExpression, CheckedExpression)
        case not(CheckedExpression)
        case orDefault(CheckedExpression, CheckedExpression)
        case membership(CheckedExpression, [CheckedExpression])
        case conditional(CheckedExpression, CheckedExpression, CheckedExpression)
        case present(CheckedExpression)
        case builtin(Builtin, [CheckedExpression])
        /// `weighted_mean(a: wa, b: wb, …)`; absent values drop out with their weights.
        case weightedMean([(value: CheckedExpression, weight: CheckedExpression)])
        /// `weighted_mean(capaian of indicators)`.
        case indicatorMean
        /// `capaian of indicators` inside a list function: the capaian of the indicators that apply.
        case indicatorCapaians
        case bands(Int, CheckedExpression)
        case matrix(Int, CheckedExpression, CheckedExpression)
        case table(Int, [CheckedExpression])
    }

    public var kind: Kind
    public var type: ValueType
    public var span: SourceSpan

    /// The expressions this one is made of.
    var children: [CheckedExpression] {
        switch kind {
        case .constant, .field, .value, .indicatorPart, .each, .indicatorMean, .indicatorCapaians: []
        case .negate(let a), .not(let a), .present(let a), .bands(_, let a): [a]
        case .arithmetic(_, let a, let b), .comparison(_, let a, let b), .and(let a, let b), .or(let a, let b),
             .orDefault(let a, let b), .matrix(_, let a, let b): [a, b]
        case .membership(let a, let rest): [a] + rest
        case .conditional(let a, let b, let c): [a, b, c]
        case .builtin(_, let arguments), .table(_, let arguments): arguments
        case .weightedMean(let pairs): pairs.map(\.value)
        }
    }
}

public enum IndicatorPart: String, Sendable {
    case actual
    case target
}

public enum ArithmeticOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
}

public enum ComparisonOperator: String, Sendable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// The operator with its operands swapped: `a < b` is `b > a`.
    public var mirrored: ComparisonOperator {
        switch self {
        case .equal, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        }
    }

    /// Whether the operator holds for the result of a three-way comparison (-1, 0, 1).
    public func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        }
    }
}

/// The built-in functions of the language (see docs/language.md).
public enum Builtin: String, Sendable, CaseIterable {
    case round
    case minimum = "min"
    case maximum = "max"
    case clamp
    case abs
    case count
    case countWhere = "count_where"
    case sum
    case mean
    case median
    case percentile
    case listMinimum = "min_of_list"
    case listMaximum = "max_of_list"
    case share
    /// The name of a scale member as text: `name(rating)` is "above".
    case memberName = "name"
    /// The label of a scale member as text: `label(rating)` is "Di Atas Ekspektasi".
    case memberLabel = "label"
}
