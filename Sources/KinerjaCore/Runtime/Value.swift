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
    case list([Value])

    public var isPresent: Bool {
        if case .absent = self { return false }
        return true
    }

    /// The value as a condition: only `true` counts as true; absent counts as not true.
    public var isTrue: Bool {
        if case .boolean(true) = self { return true }
        return false
    }
}
