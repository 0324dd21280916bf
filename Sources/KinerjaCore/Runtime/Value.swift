/// A value at run time. Absent marks an optional input without data and everything computed from it.
public enum Value: Sendable, Hashable {
    case absent
    case boolean(Bool)
    case number(Number)
    case text(String)
    /// Days since 1970-01-01.
    case date(Int)
    /// A scale member, by its index in the scale (lowest first).
    case member(Int)
    /// A list of text, dates, members or booleans, or of numbers of which one is a `.bigNumber`.
    case list([Value])
    /// A list of numbers that all fit `Number`: every such list takes this form, which stores the numbers without
    /// wrapping each in a `Value`.
    case numbers([Number])
    /// A number too large for `Number`, made by arithmetic (the slow path); never one that fits `Number`. Declared
    /// last, next to the other cases that hold a single reference, which keeps copying a `Value` as cheap as before.
    case bigNumber(BigNumber)

    public var isPresent: Bool {
        if case .absent = self { return false }
        return true
    }

    /// The value as a number of either size; nil for anything else.
    var exactNumber: ExactNumber? {
        switch self {
        case .number(let number): .small(number)
        case .bigNumber(let number): .big(number)
        default: nil
        }
    }

    /// The value as a condition: only `true` counts as true; absent counts as not true.
    public var isTrue: Bool {
        if case .boolean(true) = self { return true }
        return false
    }

    /// The empty list of the form a list of `element` takes.
    static func emptyList(of element: FieldType) -> Value {
        emptyList(ofNumbers: element.isNumeric)
    }

    /// The empty list of numbers (which take the form `.numbers`) or of other values.
    static func emptyList(ofNumbers: Bool) -> Value {
        ofNumbers ? .numbers([]) : .list([])
    }
}
