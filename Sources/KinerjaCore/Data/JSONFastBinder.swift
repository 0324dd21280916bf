/// Reads one JSON object straight from its bytes into a frame's field slots, without building a `DataValue`
/// tree or a String for any key or number: the common case of evaluation, made fast.
///
/// It accepts only input it can read exactly as the general path would: ASCII only, no escapes in strings, no
/// duplicate keys, no nested objects in undeclared fields, and every declared field of its type and within its
/// constraints. For anything else it returns false and changes nothing the caller relies on; the caller then
/// reads the record the general way, which gives the same values or the exact error.
struct JSONFastBinder: Sendable {
    private let plans: [FieldPlan]
    private let names: [[UInt8]]
    static let maximumKeys = 64
    static let maximumDepth = 16

    /// How one field is read: its scalar conversion, whether it is a list, whether it may be absent.
    private struct FieldPlan: Sendable {
        var conversion: ScalarConversion
        var isList: Bool
        var isOptional: Bool

        /// The value of the list field when the record has no items for it.
        var emptyList: Value {
            if case .number = conversion { return .numbers([]) }
            return .list([])
        }
    }

    /// A field type flattened for the hot loop: no indirect enum, no strings.
    private enum ScalarConversion: Sendable {
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

    init(schema: RecordSchema) {
        plans = schema.fields.map { field in
            if case .list(let element) = field.type {
                return FieldPlan(conversion: ScalarConversion(element), isList: true, isOptional: field.isOptional)
            }
            return FieldPlan(conversion: ScalarConversion(field.type), isList: false, isOptional: field.isOptional)
        }
        names = schema.fields.map { Array($0.name.utf8) }
    }

    /// Fills `values` from the object in `bytes`; false when the general path must read it.
    func bind(_ bytes: UnsafeBufferPointer<UInt8>, into values: FrameSlots<Value>) -> Bool {
        guard plans.count <= Self.maximumKeys else { return false }
        return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: Self.maximumKeys) { keys in
            var cursor = Cursor(bytes: bytes)
            return bindObject(&cursor, keys: keys, into: values)
        }
    }

    private func bindObject(_ cursor: inout Cursor, keys: UnsafeMutableBufferPointer<Range<Int>>,
                            into values: FrameSlots<Value>) -> Bool {
        cursor.skipWhitespace()
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        var seen: UInt64 = 0
        var keyCount = 0
        cursor.skipWhitespace()
        if !cursor.take(UInt8(ascii: "}")) {
            while true {
                cursor.skipWhitespace()
                guard let key = cursor.plainString(), keyCount < keys.count else { return false }
                for index in 0..<keyCount where cursor.equal(keys[index], key) { return false }
                keys[keyCount] = key
                keyCount += 1
                cursor.skipWhitespace()
                guard cursor.take(UInt8(ascii: ":")) else { return false }
                cursor.skipWhitespace()
                if let slot = slot(of: key, in: cursor) {
                    guard let value = readValue(&cursor, plans[slot]) else { return false }
                    values[slot] = value
                    seen |= 1 << UInt64(slot)
                } else {
                    guard cursor.skipValue(depth: 0) else { return false }
                }
                cursor.skipWhitespace()
                if cursor.take(UInt8(ascii: ",")) { continue }
                guard cursor.take(UInt8(ascii: "}")) else { return false }
                break
            }
        }
        cursor.skipWhitespace()
        guard cursor.isAtEnd else { return false }
        for (slot, plan) in plans.enumerated() where seen & (1 << UInt64(slot)) == 0 {
            guard plan.isOptional else { return false }
            values[slot] = plan.isList ? plan.emptyList : .absent
        }
        return true
    }

    private func slot(of key: Range<Int>, in cursor: Cursor) -> Int? {
        for (slot, name) in names.enumerated() where cursor.equal(key, name) { return slot }
        return nil
    }

    /// A declared field's value, converted and checked exactly as `RecordBinder` does; nil to take the general path.
    private func readValue(_ cursor: inout Cursor, _ plan: FieldPlan) -> Value? {
        if cursor.takeLiteral("null") {
            if plan.isList { return plan.emptyList }
            return plan.isOptional ? .absent : nil
        }
        guard plan.isList else { return readScalar(&cursor, plan.conversion) }
        guard cursor.take(UInt8(ascii: "[")) else { return nil }
        cursor.skipWhitespace()
        if cursor.take(UInt8(ascii: "]")) { return plan.emptyList }
        if case .number(let rule) = plan.conversion {
            // Lists of numbers are most of a record's bytes: read them in one tight loop.
            var numbers: [Number] = []
            numbers.reserveCapacity(32)
            while true {
                cursor.skipWhitespace()
                guard let number = Self.readNumber(&cursor, rule) else { return nil }
                numbers.append(number)
                cursor.skipWhitespace()
                if cursor.take(UInt8(ascii: ",")) { continue }
                guard cursor.take(UInt8(ascii: "]")) else { return nil }
                return .numbers(numbers)
            }
        }
        var items: [Value] = []
        while true {
            cursor.skipWhitespace()
            guard let item = readScalar(&cursor, plan.conversion) else { return nil }
            items.append(item)
            cursor.skipWhitespace()
            if cursor.take(UInt8(ascii: ",")) { continue }
            guard cursor.take(UInt8(ascii: "]")) else { return nil }
            return .list(items)
        }
    }

    /// A plain decimal in its stored form under `rule`, scaled while still a whole number so that no gcd is
    /// needed: percent points are hundredths, and a duration's seconds multiply the digits. Nil when the rule
    /// rejects the value or the digits overflow; the general path then decides.
    private static func stored(_ decimal: (mantissa: Int64, fractionDigits: Int), _ rule: NumberRule) -> Number? {
        switch rule {
        case .percent:
            // A denominator of at most 10^18 fits in 64 bits.
            guard decimal.fractionDigits + 2 <= 18 else { return nil }
            return Cursor.decimal(decimal.mantissa, fractionDigits: decimal.fractionDigits + 2)
        case .duration(let seconds):
            let (scaled, overflow) = decimal.mantissa.multipliedReportingOverflow(by: seconds)
            return overflow ? nil : Cursor.decimal(scaled, fractionDigits: decimal.fractionDigits)
        default:
            guard case .success(let stored) = rule.apply(Cursor.decimal(decimal.mantissa,
                                                                        fractionDigits: decimal.fractionDigits))
            else { return nil }
            return stored
        }
    }

    private func readScalar(_ cursor: inout Cursor, _ conversion: ScalarConversion) -> Value? {
        switch conversion {
        case .text:
            return cursor.plainString().map { .text(cursor.string($0)) }
        case .boolean:
            if cursor.takeLiteral("true") { return .boolean(true) }
            if cursor.takeLiteral("false") { return .boolean(false) }
            return nil
        case .date:
            guard let range = cursor.plainString(), let days = CalendarDate.days(from: cursor.string(range)) else {
                return nil
            }
            return .date(days)
        case .member(let names):
            guard let range = cursor.plainString(), let index = names.firstIndex(of: cursor.string(range)) else {
                return nil
            }
            return .member(index)
        case .number(let rule):
            return Self.readNumber(&cursor, rule).map(Value.number)
        case .unsupported:
            return nil
        }
    }

    /// A number in its stored form under `rule`; nil to take the general path.
    private static func readNumber(_ cursor: inout Cursor, _ rule: NumberRule) -> Number? {
        guard let literal = cursor.number() else { return nil }
        if let decimal = literal.decimal, let stored = stored(decimal, rule) { return stored }
        // Long or exponent forms: the general parser, then the rule.
        guard let parsed = (try? Number.parse(UnsafeBufferPointer(rebasing: cursor.bytes[literal.range]))) ?? nil,
              case .success(let stored) = rule.apply(parsed) else { return nil }
        return stored
    }
}

/// A position in the bytes of one JSON record, with the scanning steps the fast binder needs.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): index += 1
            default: return
            }
        }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func takeLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// The contents of a string without escapes, control characters or non-ASCII bytes.
    mutating func plainString() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            index += 1
        }
        return nil
    }

    /// A number literal as scanned: its bytes, and for a plain decimal of up to 18 digits its digits as a whole
    /// number with the count of digits after the point.
    struct NumberLiteral {
        var range: Range<Int>
        var decimal: (mantissa: Int64, fractionDigits: Int)?
    }

    /// A number in the strict JSON grammar, `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    mutating func number() -> NumberLiteral? {
        let start = index
        let end = bytes.count
        var at = index
        let negative = at < end && bytes[at] == UInt8(ascii: "-")
        if negative { at += 1 }
        guard at < end, bytes[at] &- 48 < 10 else { return nil }
        let integerStart = at
        var mantissa: Int64 = 0
        if bytes[at] == UInt8(ascii: "0") {
            at += 1
        } else {
            while at < end, case let digit = bytes[at] &- 48, digit < 10 {
                mantissa = mantissa &* 10 &+ Int64(digit)
                at += 1
            }
        }
        var digits = at - integerStart
        var fractionDigits = 0
        if at < end, bytes[at] == UInt8(ascii: ".") {
            at += 1
            let fractionStart = at
            while at < end, case let digit = bytes[at] &- 48, digit < 10 {
                mantissa = mantissa &* 10 &+ Int64(digit)
                at += 1
            }
            fractionDigits = at - fractionStart
            guard fractionDigits > 0 else { return nil }
            digits += fractionDigits
        }
        if at < end, bytes[at] | 0x20 == UInt8(ascii: "e") {
            at += 1
            if at < end, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
            guard at < end, bytes[at] &- 48 < 10 else { return nil }
            while at < end, bytes[at] &- 48 < 10 { at += 1 }
            digits = Int.max  // the exponent form takes the general parser
        }
        index = at
        // 18 digits always fit an Int64 (a leading "0" counts too, which only errs on the safe side).
        guard digits <= 18 else { return NumberLiteral(range: start..<at, decimal: nil) }
        return NumberLiteral(range: start..<at, decimal: (negative ? -mantissa : mantissa, fractionDigits))
    }

    /// `mantissa / 10^fractionDigits` in lowest terms (`fractionDigits` at most 18): the common factors 2 and 5
    /// are removed, the twos all at once by a shift.
    static func decimal(_ mantissa: Int64, fractionDigits: Int) -> Number {
        guard fractionDigits > 0, mantissa != 0 else { return Number(mantissa) }
        let twos = Swift.min(fractionDigits, mantissa.trailingZeroBitCount)
        var numerator = mantissa >> twos
        var fives = fractionDigits
        while fives > 0 {
            let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: 5)
            guard remainder == 0 else { break }
            numerator = quotient
            fives -= 1
        }
        var denominator: Int64 = 1
        for _ in 0..<fives { denominator &*= 5 }
        return Number(reducedNumerator: numerator, denominator: denominator << (fractionDigits - twos))
    }

    /// Skips a value of an undeclared field; false for anything the general path must judge.
    mutating func skipValue(depth: Int) -> Bool {
        guard index < bytes.count, depth < JSONFastBinder.maximumDepth else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""): return plainString() != nil
        case UInt8(ascii: "t"): return takeLiteral("true")
        case UInt8(ascii: "f"): return takeLiteral("false")
        case UInt8(ascii: "n"): return takeLiteral("null")
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if take(UInt8(ascii: "]")) { return true }
            while true {
                skipWhitespace()
                guard skipValue(depth: depth + 1) else { return false }
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]"))
            }
        default: return number() != nil
        }
    }

    func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for offset in 0..<a.count where bytes[a.lowerBound + offset] != bytes[b.lowerBound + offset] { return false }
        return true
    }

    func equal(_ range: Range<Int>, _ name: [UInt8]) -> Bool {
        guard range.count == name.count else { return false }
        for offset in 0..<name.count where bytes[range.lowerBound + offset] != name[offset] { return false }
        return true
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
