/// An operand that is read where it lies, a constant number or scale member or a slot of the frame, instead of
/// being computed by a closure. An operation on such operands matches their numbers or members in place: no call,
/// and no copy of a `Value`.
enum InPlaceOperand: Sendable {
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
        if case .number(let number) = self { return number }
        return slot(in: frame) { value in if case .number(let number) = value { number } else { nil } }
    }

    /// The operand's value when it is a scale member, by position; nil for anything else.
    @inline(__always)
    func member(in frame: Frame) -> Int? {
        if case .member(let member) = self { return member }
        return slot(in: frame) { value in if case .member(let member) = value { member } else { nil } }
    }

    /// What `extract` finds in the operand's slot, matched where the value lies; nil for a constant.
    @inline(__always)
    private func slot<T>(in frame: Frame, _ extract: (borrowing Value) -> T?) -> T? {
        switch self {
        case .number, .member: nil
        case .field(let slot): extract(frame.fields[slot])
        case .value(let slot): extract(frame.values[slot])
        case .actual(let indicator): extract(frame.indicators[indicator].actual)
        case .target(let indicator): extract(frame.indicators[indicator].target)
        }
    }
}
