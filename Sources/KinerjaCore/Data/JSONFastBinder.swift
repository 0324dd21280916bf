/// Reads one JSON object straight from its bytes into a frame's field slots, without building a `DataValue`
/// tree or a String for any key or number: the common case of evaluation, made fast.
///
/// It accepts only input it can read exactly as the general path would: ASCII only, no escapes in strings, no
/// duplicate keys, no nested objects in undeclared fields, and every declared field of its type and within its
/// constraints. For anything else it returns false and changes nothing the caller relies on; the caller then
/// reads the record the general way, which gives the same values or the exact error.
struct JSONFastBinder: Sendable {
    private let plans: [FastFieldPlan]
    private let names: [[UInt8]]
    /// Longer lists are left to the general path, which reports them.
    private let maxListItems: Int
    static let maximumKeys = 64
    static let maximumDepth = 16

    init(schema: RecordSchema, maxListItems: Int = DataLimits.default.maxListItems) {
        plans = schema.fields.map(FastFieldPlan.init)
        self.maxListItems = maxListItems
        names = schema.fields.map { Array($0.name.utf8) }
    }

    /// Fills `values` from the object in `bytes`; false when the general path must read it.
    func bind(_ bytes: UnsafeBufferPointer<UInt8>, into values: FrameSlots<Value>) -> Bool {
        guard plans.count <= Self.maximumKeys else { return false }
        return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: Self.maximumKeys) { keys in
            var cursor = ByteCursor(bytes: bytes)
            return bindObject(&cursor, keys: keys, into: values)
        }
    }

    private func bindObject(_ cursor: inout ByteCursor, keys: UnsafeMutableBufferPointer<Range<Int>>,
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

    private func slot(of key: Range<Int>, in cursor: ByteCursor) -> Int? {
        for (slot, name) in names.enumerated() where cursor.equal(key, name) { return slot }
        return nil
    }

    /// A declared field's value, converted and checked exactly as `RecordBinder` does; nil to take the general path.
    private func readValue(_ cursor: inout ByteCursor, _ plan: FastFieldPlan) -> Value? {
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
                guard numbers.count < maxListItems, let number = cursor.number(rule) else { return nil }
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
            guard items.count < maxListItems, let item = readScalar(&cursor, plan.conversion) else { return nil }
            items.append(item)
            cursor.skipWhitespace()
            if cursor.take(UInt8(ascii: ",")) { continue }
            guard cursor.take(UInt8(ascii: "]")) else { return nil }
            return .list(items)
        }
    }

    private func readScalar(_ cursor: inout ByteCursor, _ conversion: FastFieldPlan.Conversion) -> Value? {
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
            return cursor.number(rule).map(Value.number)
        case .unsupported:
            return nil
        }
    }
}
