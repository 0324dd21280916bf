/// An operand that is read where it lies, a constant number or scale member or a slot of the frame, instead of
/// being computed by a closure. An operation on such operands matches their numbers or members in place: no call,
/// and no copy of a `Value`.
enum SlotOperand: Sendable {
    case number(Number)
    case member(Int)
    case field(Int)
    case value(Int)
    case actual(indicator: Int)
    case target(indicator: Int)

    /// The operand `expression` is, when it is one of these.
    init?(_ expression: CheckedExpression) {
        switch expression.kind {
        case .constant(.number(let number)): self = .number(number)
        case .constant(.member(let member)): self = .member(member)
        case .field(let slot): self = .field(slot)
        case .value(let slot): self = .value(slot)
        case .indicatorPart(let indicator, .actual): self = .actual(indicator: indicator)
        case .indicatorPart(let indicator, .target): self = .target(indicator: indicator)
        default: return nil
        }
    }

    /// The operand's value when it is a `Number`; nil for anything else (absent, a big number).
    @inline(__always)
    func number(in frame: Frame) -> Number? {
        switch self {
        case .number(let number): return number
        case .member: return nil
        case .field(let slot): if case .number(let number) = frame.fields[slot] { return number }
        case .value(let slot): if case .number(let number) = frame.values[slot] { return number }
        case .actual(let indicator): if case .number(let number) = frame.indicators[indicator].actual { return number }
        case .target(let indicator): if case .number(let number) = frame.indicators[indicator].target { return number }
        }
        return nil
    }

    /// The operand's value when it is a scale member, by position; nil for anything else.
    @inline(__always)
    func member(in frame: Frame) -> Int? {
        switch self {
        case .member(let member): return member
        case .number: return nil
        case .field(let slot): if case .member(let member) = frame.fields[slot] { return member }
        case .value(let slot): if case .member(let member) = frame.values[slot] { return member }
        case .actual(let indicator): if case .member(let member) = frame.indicators[indicator].actual { return member }
        case .target(let indicator): if case .member(let member) = frame.indicators[indicator].target { return member }
        }
        return nil
    }
}
