/// Writes numbers and values the way policy staff read them: in the unit of their type
/// (percent points for percents, the declared unit for durations).
public enum QuantityText {
    /// The number shown in its unit, without the unit's name: 0.9 as a percent is 90. Nil when the number in
    /// that unit does not fit exactly (evaluation makes such an output a record error, R102).
    public static func displayNumber(_ value: Number, _ quantity: Quantity) -> Number? {
        shown(value, quantity)
    }

    /// Whether `displayNumber` has a result, decided from the parts' size where that suffices (it nearly always
    /// does), without computing the number: ×100 keeps a numerator of at most Int64.max / 100 in range, and ÷s
    /// multiplies the denominator by at most s.
    static func isShown(_ value: Number, _ quantity: Quantity) -> Bool {
        switch quantity {
        case .plain: true
        case .percent: value.numerator.magnitude <= UInt64(Int64.max / 100) || displayNumber(value, quantity) != nil
        case .duration(let unit): value.denominator <= Int64.max / unit.seconds || displayNumber(value, quantity) != nil
        }
    }

    /// `displayNumber` for a number of either size: nil only beyond `BigNumber.maximumBitWidth`.
    static func shown<T: ExactArithmetic>(_ value: T, _ quantity: Quantity) -> T? {
        switch quantity {
        case .plain: return value
        // A whole factor takes Number's cheaper path: ×100 rather than ÷(1/100).
        case .percent: return try? value.multiplied(by: .lifted(Number(100)))
        case .duration(let unit): return try? value.divided(by: .lifted(Number(unit.seconds)))
        }
    }

    /// A number with its unit: "90%", "10 min", "4.5".
    public static func text(_ value: Number, _ quantity: Quantity, maxFractionDigits: Int = 10) -> String {
        text(.small(value), quantity, maxFractionDigits: maxFractionDigits)
    }

    /// A number of either size with its unit.
    static func text(_ value: ExactNumber, _ quantity: Quantity, maxFractionDigits: Int = 10) -> String {
        guard let shown = shown(value, quantity)?.decimalText(maxFractionDigits: maxFractionDigits) else {
            return "(terlalu besar untuk ditampilkan)"
        }
        switch quantity {
        case .plain: return shown
        case .percent: return shown + "%"
        case .duration(let unit): return shown + " " + unit.rawValue
        }
    }

    /// Any value of a known type, for explanations and messages.
    public static func text(_ value: Value, _ type: ValueType, maxFractionDigits: Int = 10) -> String {
        switch (value, type) {
        case (.absent, _): return "absent"
        case (.number(let number), .number(let quantity)):
            return text(number, quantity, maxFractionDigits: maxFractionDigits)
        case (.bigNumber(let number), .number(let quantity)):
            return text(.big(number), quantity, maxFractionDigits: maxFractionDigits)
        case (.number(let number), _): return number.decimalText(maxFractionDigits: maxFractionDigits)
        case (.bigNumber(let number), _): return ExactNumber.big(number).decimalText(maxFractionDigits: maxFractionDigits)
        case (.boolean(let flag), _): return flag ? "true" : "false"
        case (.text(let string), _): return "\"\(string)\""
        case (.date(let days), _): return CalendarDate.text(fromDays: days)
        case (.member(let index), .scale(let scale)):
            return index < scale.members.count ? scale.members[index].name : "#\(index)"
        case (.member(let index), _): return "#\(index)"
        case (.list(let items), .list(let element)):
            return "[" + items.map { text($0, element, maxFractionDigits: maxFractionDigits) }
                .joined(separator: ", ") + "]"
        case (.list(let items), _):
            return "[" + items.map { text($0, .invalid, maxFractionDigits: maxFractionDigits) }
                .joined(separator: ", ") + "]"
        case (.numbers(let numbers), _):
            return text(.list(numbers.map(Value.number)), type, maxFractionDigits: maxFractionDigits)
        }
    }
}
