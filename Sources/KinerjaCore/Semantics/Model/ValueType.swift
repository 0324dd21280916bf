/// The type of a value in a policy expression, as the checker infers it.
public indirect enum ValueType: Sendable, Hashable {
    case number(Quantity)
    case boolean
    case text
    case date
    case scale(Scale)
    case list(ValueType)
    /// `capaian of indicators`: the applicable indicators' capaian, each with its weight.
    case weightedList
    /// The type of an expression that already has an error; it is compatible with everything so that
    /// one mistake does not cause a cascade of diagnostics.
    case invalid

    public var quantity: Quantity? {
        if case .number(let quantity) = self { return quantity }
        return nil
    }

    public var isNumber: Bool { quantity != nil }

    /// The type's name as policy staff write it.
    public var name: String {
        switch self {
        case .number(let quantity): quantity.name
        case .boolean: "boolean"
        case .text: "text"
        case .date: "date"
        case .scale(let scale): scale.qualifiedName
        case .list(let element): "list of \(element.name)"
        case .weightedList: "indicator list"
        case .invalid: "invalid"
        }
    }
}

/// An ordered set of named values, lowest first: `scale ekspektasi { below, meets, above }`.
public struct Scale: Sendable, Hashable {
    /// The name with its library in front when it comes from one: `nasional.ekspektasi`.
    public var qualifiedName: String
    public var label: String?
    public var members: [ScaleMember]

    public func index(of member: String) -> Int? {
        members.firstIndex { $0.name == member }
    }
}

public struct ScaleMember: Sendable, Hashable {
    public var name: String
    public var label: String?
}

/// The type of a record field as declared, with the constraints the data must meet.
public indirect enum FieldType: Sendable, Hashable {
    case text
    case number
    case integer
    case count
    case boolean
    case date
    case percent
    case score(lower: Number, upper: Number)
    case duration(DurationUnit)
    case scale(Scale)
    case list(FieldType)

    /// True for the types whose values are numbers.
    public var isNumeric: Bool {
        if case .number = valueType { return true }
        return false
    }

    /// The type of the field's value in expressions.
    public var valueType: ValueType {
        switch self {
        case .text: .text
        case .number, .integer, .count, .score: .number(.plain)
        case .boolean: .boolean
        case .date: .date
        case .percent: .number(.percent)
        case .duration(let unit): .number(.duration(unit))
        case .scale(let scale): .scale(scale)
        case .list(let element): .list(element.valueType)
        }
    }

    public var name: String {
        switch self {
        case .text: "text"
        case .number: "number"
        case .integer: "integer"
        case .count: "count"
        case .boolean: "boolean"
        case .date: "date"
        case .percent: "percent"
        case .score(let lower, let upper): "score(\(lower)..\(upper))"
        case .duration(let unit): "duration(\(unit.rawValue))"
        case .scale(let scale): scale.qualifiedName
        case .list(let element): "list of \(element.name)"
        }
    }
}
