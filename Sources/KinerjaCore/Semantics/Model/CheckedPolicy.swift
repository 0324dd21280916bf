/// A policy after checking: everything the runtime needs, with names resolved and the `extends` chain and
/// `uses` libraries merged in. Built only by the checker, so the runtime never re-validates it.
public struct CheckedPolicy: Sendable {
    public var name: String
    public var label: String?
    public var metadata: PolicyMetadata
    public var record: RecordSchema
    public var indicators: [CheckedIndicator]
    /// Named values and outputs.
    public var values: [CheckedValue]
    /// The order in which indicators and values are computed: each after everything it uses.
    public var plan: [EvaluationStep]
    /// Indices into `values`, in the order results are written.
    public var outputs: [Int]
    public var recommendations: [CheckedRecommendation]
    public var bands: [CheckedBands]
    public var matrices: [CheckedMatrix]
    public var tables: [CheckedTable]
}

/// One step of evaluating a record.
public enum EvaluationStep: Sendable, Equatable {
    case indicator(Int)
    case value(Int)
}

/// What a policy or rules file says about itself: sources, owner, version, effective period.
public struct PolicyMetadata: Sendable, Equatable {
    public var sources: [String] = []
    public var owner: String?
    public var version: String?
    public var description: String?
    public var effectiveFrom: String?
    public var effectiveTo: String?
    public var period: String?
    public var uses: [String] = []
    public var extends: String?
}

/// The fields of one input record.
public struct RecordSchema: Sendable {
    public var fields: [RecordField]
    public var keyIndex: Int?

    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    /// Each field's slot by its name (the checker lets no name be declared twice; if one were, the last counts).
    var slotsByName: [String: Int] {
        Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { _, last in last })
    }
}

public struct RecordField: Sendable {
    public var name: String
    public var label: String?
    public var type: FieldType
    public var isOptional: Bool
}

/// Which direction of an indicator's measure is good.
public enum Direction: String, Sendable {
    case higher
    case lower
}

public struct CheckedIndicator: Sendable {
    public var name: String
    public var label: String?
    public var description: String?
    public var sources: [String]
    public var applies: CheckedExpression?
    /// The `applies` condition as written.
    public var appliesText: String?
    public var actual: CheckedExpression
    /// The `actual` measure as written.
    public var actualText: String
    public var target: CheckedExpression
    /// The `target` as written; nil when the indicator has none.
    public var targetText: String?
    public var direction: Direction
    /// The capaian formula, the default one filled in when the policy gives none.
    public var capaian: CheckedExpression
    /// The `capaian` formula as written; nil for the default one.
    public var capaianText: String?
    public var isDefaultCapaian: Bool
    public var cap: CheckedExpression?
    /// The `cap` as written.
    public var capText: String?
    public var weight: Number
    public var span: SourceSpan
}

public struct CheckedValue: Sendable {
    public var name: String
    public var label: String?
    public var expression: CheckedExpression
    /// The expression as written.
    public var expressionText: String
}

public struct CheckedRecommendation: Sendable {
    public var name: String
    public var label: String?
    public var condition: CheckedExpression
    /// The condition as written.
    public var conditionText: String
}

/// Bands with constant thresholds, tried in order.
public struct CheckedBands: Sendable {
    public var name: String
    public var parameter: String
    public var arms: [CheckedBandArm]
    public var resultType: ValueType
}

public struct CheckedBandArm: Sendable {
    public var lower: BandBound?
    public var upper: BandBound?
    public var result: Value
    /// The arm as written, for explanations: ">= 90%".
    public var text: String
}

/// One end of a band interval.
public struct BandBound: Sendable, Hashable {
    public var value: Number
    public var isInclusive: Bool
}

/// A matrix: `cells[row][column]` with rows and columns indexed by scale member.
public struct CheckedMatrix: Sendable {
    public var name: String
    /// The parameter that picks the row.
    public var rowParameter: String
    public var rowScale: Scale
    /// The parameter that picks the column.
    public var columnParameter: String
    public var columnScale: Scale
    public var cells: [[Value]]
    public var resultType: ValueType
}

/// A decision table flattened into one cell per combination of inputs (row-major over the parameters).
public struct CheckedTable: Sendable {
    public var name: String
    /// The inputs, in order: each a scale or a boolean.
    public var parameters: [TableParameter]
    /// How many values each parameter has (members of a scale; 2 for a boolean).
    public var dimensions: [Int]
    /// The result for each combination, and the 1-based rule that produced it.
    public var cells: [(result: Value, rule: Int)]
    public var resultType: ValueType
}

/// One input of a decision table: its name and its type (a scale or a boolean).
public struct TableParameter: Sendable {
    public var name: String
    public var type: ValueType
}
