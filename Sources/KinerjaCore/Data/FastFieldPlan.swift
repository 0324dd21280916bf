/// How a fast binder reads one field: its scalar conversion, whether it is a list, whether it may be absent.
struct FastFieldPlan: Sendable {
    var conversion: Conversion
    var isList: Bool
    var isOptional: Bool

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

    init(_ field: RecordField) {
        if case .list(let element) = field.type {
            conversion = Conversion(element)
            isList = true
        } else {
            conversion = Conversion(field.type)
            isList = false
        }
        isOptional = field.isOptional
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
}
