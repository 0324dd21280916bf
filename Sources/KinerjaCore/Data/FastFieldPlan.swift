/// How a fast binder reads one field: its scalar conversion, whether it is a list, whether it may be absent, and
/// for a list the policy reads only through aggregates, the tally that computes them instead. Held by reference,
/// so that the hot loop fetches one object (lent by `Lent` without counting), never copies of its arrays.
final class FastFieldPlan: Sendable {
    let conversion: Conversion
    let isList: Bool
    let isOptional: Bool
    /// Keeps the tally alive; it is used through `withTally`, unretained, so that no use counts a reference.
    private let tally: ListTally?
    private let lentTally: Unmanaged<ListTally>?

    /// A field type flattened for the hot loop: no indirect enum, no strings.
    enum Conversion: Sendable {
        case text
        case boolean
        case date
        case member([String])
        case number(NumberRule)
        /// A list of lists, or anything else the fast path does not take.
        case unsupported

        init(_ type: FieldType) {
            switch type {
            case .text: self = .text
            case .boolean: self = .boolean
            case .date: self = .date
            case .scale(let scale): self = .member(scale.members.map(\.name))
            case .number, .integer, .count, .score, .percent, .duration: self = .number(NumberRule(type))
            case .list: self = .unsupported
            }
        }
    }

    /// The field's table in a frame's `ItemMemo`, if it has one.
    let memoTable: Int?

    /// The plan of field `slot` of `schema`.
    init(_ slot: Int, of schema: RecordSchema, aggregates: ListAggregates) {
        let field = schema.fields[slot]
        if case .list(let element) = field.type {
            conversion = Conversion(element)
            isList = true
        } else {
            conversion = Conversion(field.type)
            isList = false
        }
        isOptional = field.isOptional
        memoTable = aggregates.memoTables[slot]
        let tallied = aggregates.all.enumerated().filter { $0.element.field == slot }.map { ($0.offset, $0.element.kind) }
        tally = if !tallied.isEmpty, case .number(let rule) = conversion, let memoTable {
            ListTally(memoTable: memoTable, rule: rule, aggregates: tallied)
        } else {
            nil
        }
        lentTally = tally.map(Unmanaged.passUnretained)
    }

    /// `body` with the tally, when the field has one.
    @inline(__always)
    func withTally<Result>(_ body: (ListTally) -> Result) -> Result? {
        lentTally?._withUnsafeGuaranteedRef(body)
    }

    /// The value of a list field when the record has no items for it.
    var emptyList: Value {
        let ofNumbers = if case .number = conversion { true } else { false }
        return .emptyList(ofNumbers: ofNumbers)
    }

    /// The value of the field when the record does not have it, as `RecordBinder` gives it; nil when that is an
    /// error, which the general path reports.
    var whenMissing: Value? {
        isOptional ? (isList ? emptyList : .absent) : nil
    }

    /// The value of the field when the record has `null` (an empty cell in CSV) for it; nil when that is an error.
    var whenNull: Value? {
        isList ? emptyList : (isOptional ? .absent : nil)
    }

    /// Puts `value` (`whenMissing` or `whenNull`) into the field's slot, or for a tallied list the aggregates of
    /// the empty list into theirs; false when there is no value, which is an error for the general path to report.
    func bind(_ value: Value?, at slot: Int, in frame: Frame) -> Bool {
        guard let value else { return false }
        let tallied = withTally { tally in
            frame.fields[slot] = .absent
            return tally.finishEmpty(in: frame)
        }
        if let tallied { return tallied }
        frame.fields[slot] = value
        return true
    }
}

extension Lent<FastFieldPlan> {
    /// The plans of every field of `schema`, by slot.
    init(_ schema: RecordSchema, aggregates: ListAggregates) {
        self.init(schema.fields.indices.map { FastFieldPlan($0, of: schema, aggregates: aggregates) })
    }
}
