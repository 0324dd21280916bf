/// Reads one JSON object straight from its bytes into a frame's field slots, without building a `DataValue`
/// tree or a String for any key or number: the common case of evaluation, made fast.
///
/// It accepts only input it can read exactly as the general path would: ASCII only, no escapes in strings, no
/// duplicate keys, no nested objects in undeclared fields, and every declared field of its type and within its
/// constraints. For anything else it returns false and changes nothing the caller relies on; the caller then
/// reads the record the general way, which gives the same values or the exact error.
struct JSONFastBinder: Sendable {
    private let plans: Lent<FastFieldPlan>
    /// The slot of the key field when the policy only writes it in results: its bytes are checked and handed back
    /// instead of being made into a String.
    private let writtenKey: Int?
    private let names: [[UInt8]]
    /// Longer lists are left to the general path, which reports them.
    private let maxListItems: Int
    /// Objects with more keys take the general path.
    static let maximumKeys = 1024
    /// The deepest nesting the fast path reads in an undeclared field; with the record's object, values reach at
    /// most one level more, so the fast path may be used only under a nesting limit at least that deep.
    static let maximumDepth = 16
    static let deepestLevel = maximumDepth + 1

    init(schema: RecordSchema, aggregates: ListAggregates, maxListItems: Int = DataLimits.default.maxListItems) {
        plans = Lent(schema, aggregates: aggregates)
        writtenKey = schema.keyIndex.flatMap { key in
            if case .text = schema.fields[key].type, !aggregates.fieldsReadWhole.contains(key) { key } else { nil }
        }
        self.maxListItems = maxListItems
        names = schema.fields.map { Array($0.name.utf8) }
    }

    /// Fills the field and aggregate slots of `frame` from the object in `bytes`; false when the general path must
    /// read it. `order` holds the keys of the last object read (start with an empty one) and is kept up to date.
    /// A key field that the policy only writes is left out of the frame: `key` gets where its text is in `bytes`.
    func bind(_ bytes: UnsafeBufferPointer<UInt8>, into frame: Frame, order: inout KeyOrder,
              key: inout Range<Int>?) -> Bool {
        guard plans.count > 64 else {
            return bind(bytes, into: frame, order: &order, key: &key, beyond64: .init(start: nil, count: 0))
        }
        // The fields after the first 64 are marked in words of their own (`FieldSet`).
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (plans.count - 1) / 64) { words in
            bind(bytes, into: frame, order: &order, key: &key, beyond64: words)
        }
    }

    private func bind(_ bytes: UnsafeBufferPointer<UInt8>, into frame: Frame, order: inout KeyOrder,
                      key: inout Range<Int>?, beyond64 words: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        // Room for 64 keys fits on the stack; wider records are read again with room for more.
        bind(bytes, into: frame, order: &order, key: &key, keyCapacity: 64, beyond64: words)
            ?? bind(bytes, into: frame, order: &order, key: &key, keyCapacity: Self.maximumKeys, beyond64: words)
            ?? false
    }

    /// Whether the object was bound; nil when it has more than `keyCapacity` keys.
    private func bind(_ bytes: UnsafeBufferPointer<UInt8>, into frame: Frame, order: inout KeyOrder,
                      key: inout Range<Int>?, keyCapacity: Int,
                      beyond64: UnsafeMutableBufferPointer<UInt64>) -> Bool? {
        withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: keyCapacity) { keys in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * keyCapacity) { table in
                var cursor = ByteCursor(bytes: bytes)
                var keySet = KeySet(keys: keys, table: table)
                let bound = bindObject(&cursor, keys: &keySet, order: &order, key: &key, beyond64: beyond64,
                                       into: frame)
                return !bound && keySet.isFull ? nil : bound
            }
        }
    }

    private func bindObject(_ cursor: inout ByteCursor, keys: inout KeySet, order: inout KeyOrder,
                            key: inout Range<Int>?, beyond64: UnsafeMutableBufferPointer<UInt64>,
                            into frame: Frame) -> Bool {
        var seen = FieldSet(beyond64: beyond64)
        key = nil
        cursor.skipWhitespace()
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        // While the keys come in the order of the last object learnt, they need no look-up and no check for repeats.
        var following = order.count > 0
        var next = 0
        cursor.skipWhitespace()
        if !cursor.take(UInt8(ascii: "}")) {
            while true {
                cursor.skipWhitespace()
                let known: KeyOrder.Known
                if following, let expected = order.take(at: next, from: &cursor) {
                    guard keys.append(expected.key) else { return false }
                    known = expected.known
                    next += 1
                } else {
                    guard let key = cursor.plainString() else { return false }
                    if following, let found = order.find(key, from: next + 1, in: cursor) {
                        // The keys in between were left out.
                        guard keys.append(key) else { return false }
                        known = found.known
                        next = found.position + 1
                    } else {
                        if following {
                            following = false
                            guard keys.recheck(cursor) else { return false }
                        }
                        guard keys.insert(key, cursor) else { return false }
                        known = self.known(key, in: cursor)
                    }
                }
                cursor.skipWhitespace()
                guard cursor.take(UInt8(ascii: ":")) else { return false }
                cursor.skipWhitespace()
                if case .field(let slot) = known {
                    if slot == writtenKey {
                        guard let text = cursor.plainString() else { return false }
                        frame.fields[slot] = .absent
                        key = text
                    } else {
                        guard plans.with(slot, { read(&cursor, $0, at: slot, into: frame) }) else { return false }
                    }
                    seen.insert(slot)
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
        for slot in plans.indices where !seen.contains(slot) {
            guard plans.with(slot, { $0.bind($0.whenMissing, at: slot, in: frame) }) else { return false }
        }
        if !following {
            order.learn(keys.recorded, in: cursor) { known($0, in: cursor) }
        }
        return true
    }

    private func known(_ key: Range<Int>, in cursor: ByteCursor) -> KeyOrder.Known {
        for (slot, name) in names.enumerated() where cursor.equal(key, name) { return .field(slot) }
        return .undeclared
    }

    /// Reads a declared field's value into its slot, converted and checked exactly as `RecordBinder` does, or for a
    /// tallied list its aggregates into theirs; false to take the general path.
    private func read(_ cursor: inout ByteCursor, _ plan: FastFieldPlan, at slot: Int, into frame: Frame) -> Bool {
        if cursor.takeLiteral("null") {
            return plan.bind(plan.whenNull, at: slot, in: frame)
        }
        let tallied = plan.withTally { tally in
            frame.fields[slot] = .absent
            var totals = tally.totals(in: frame)
            return readItems(&cursor, run: { cursor, count in
                cursor.shortDecimalItems(separatedBy: UInt8(ascii: ","), spaced: true, count: &count,
                                         limit: maxListItems) {
                    tally.add($0, to: &totals)
                }
            }) { cursor in
                guard let decimal = cursor.plainDecimal() else { return false }
                return tally.add(decimal.mantissa, decimals: decimal.fractionDigits, to: &totals)
            } && tally.finish(totals, into: frame.aggregates)
        }
        if let tallied { return tallied }
        guard plan.isList else {
            if case .number(let rule) = plan.conversion, let table = plan.memoTable {
                return readNumber(&cursor, rule, at: slot, into: frame, memo: frame.itemMemo.table(table))
            }
            guard let value = readScalar(&cursor, plan.conversion) else { return false }
            frame.fields[slot] = value
            return true
        }
        if case .number(let rule) = plan.conversion {
            // Lists of numbers are most of a record's bytes: read them in one tight loop.
            var numbers: [Number] = []
            numbers.reserveCapacity(32)
            guard readItems(&cursor, { cursor in
                guard let number = cursor.number(rule) else { return false }
                numbers.append(number)
                return true
            }) else { return false }
            frame.fields[slot] = .numbers(numbers)
            return true
        }
        var items: [Value] = []
        guard readItems(&cursor, { cursor in
            guard let item = readScalar(&cursor, plan.conversion) else { return false }
            items.append(item)
            return true
        }) else { return false }
        frame.fields[slot] = .list(items)
        return true
    }

    /// Reads a number field's value into its slot; when its bytes were read before for the field, from its `memo`.
    @inline(__always)
    private func readNumber(_ cursor: inout ByteCursor, _ rule: NumberRule, at slot: Int, into frame: Frame,
                            memo: ItemMemo.Table) -> Bool {
        let item = cursor.shortItem(endingAt: UInt8(ascii: ","), or: UInt8(ascii: "}"))
        if let item, let found = memo.found(for: item) {
            frame.fields[slot] = .number(Self.number(found))
            cursor.index &+= item.length
            return true
        }
        let start = cursor.index
        guard let number = cursor.number(rule) else { return false }
        frame.fields[slot] = .number(number)
        // Only a number that is all the item's bytes (no space after it) stands for them.
        if let item, cursor.index == start + item.length, let found = Self.found(number) { memo.put(found, for: item) }
        return true
    }

    /// A number as a memo keeps it: its numerator and denominator in 32 bits each; nil when they do not fit.
    private static func found(_ number: Number) -> UInt64? {
        guard let numerator = Int32(exactly: number.numerator), let denominator = UInt32(exactly: number.denominator)
        else { return nil }
        return UInt64(UInt32(bitPattern: numerator)) | UInt64(denominator) &<< 32
    }

    @inline(__always)
    private static func number(_ found: UInt64) -> Number {
        Number(reducedNumerator: Int64(Int32(truncatingIfNeeded: found)), denominator: Int64(found &>> 32))
    }

    /// Reads the items of an array with `readItem`, at most `maxListItems` of them; false when the array or an item
    /// is not plain. Before each item read that way, `run` may read (and count) a run of items that it reads faster.
    @inline(__always)
    private func readItems(_ cursor: inout ByteCursor, run: (inout ByteCursor, inout Int) -> Bool = { _, _ in true },
                           _ readItem: (inout ByteCursor) -> Bool) -> Bool {
        guard cursor.take(UInt8(ascii: "[")) else { return false }
        cursor.skipWhitespace()
        if cursor.take(UInt8(ascii: "]")) { return true }
        var count = 0
        while true {
            cursor.skipWhitespace()
            guard run(&cursor, &count) else { return false }
            cursor.skipWhitespace()
            guard count < maxListItems, readItem(&cursor) else { return false }
            count += 1
            cursor.skipWhitespace()
            if cursor.take(UInt8(ascii: ",")) { continue }
            return cursor.take(UInt8(ascii: "]"))
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

/// The keys of one object read so far, to find a key written twice: a short list scanned directly, and from 32
/// keys on also a hash table, so that wide records cost no more than linear time.
private struct KeySet {
    let keys: UnsafeMutableBufferPointer<Range<Int>>
    /// Indices into `keys` by hash, -1 for an empty place; twice as many places as keys. Filled from 32 keys on.
    let table: UnsafeMutableBufferPointer<Int32>
    private(set) var count = 0
    /// Set when a key found no room.
    private(set) var isFull = false
    private static let linearLimit = 32

    init(keys: UnsafeMutableBufferPointer<Range<Int>>, table: UnsafeMutableBufferPointer<Int32>) {
        self.keys = keys
        self.table = table
    }

    /// The keys recorded so far.
    var recorded: UnsafeMutableBufferPointer<Range<Int>> {
        UnsafeMutableBufferPointer(rebasing: keys[0..<count])
    }

    /// Records `key` without looking for it among the others; false when the object has too many keys.
    mutating func append(_ key: Range<Int>) -> Bool {
        guard count < keys.count else {
            isFull = true
            return false
        }
        keys[count] = key
        count += 1
        return true
    }

    /// Checks the keys recorded by `append` for repeats, as `insert` would have; false when one is.
    mutating func recheck(_ cursor: ByteCursor) -> Bool {
        let recorded = count
        count = 0
        for index in 0..<recorded where !insert(keys[index], cursor) { return false }
        return true
    }

    /// Adds `key`; false when the object has it already or has too many keys.
    mutating func insert(_ key: Range<Int>, _ cursor: ByteCursor) -> Bool {
        guard count < keys.count else {
            isFull = true
            return false
        }
        if count < Self.linearLimit {
            for index in 0..<count where cursor.equal(keys[index], key) { return false }
        } else {
            if count == Self.linearLimit {
                table.initialize(repeating: -1)
                for index in 0..<count { table[freePlace(for: keys[index], cursor)] = Int32(index) }
            }
            var place = Self.hash(key, cursor) & (table.count - 1)
            while table[place] >= 0 {
                if cursor.equal(keys[Int(table[place])], key) { return false }
                place = (place + 1) & (table.count - 1)
            }
            table[place] = Int32(count)
        }
        keys[count] = key
        count += 1
        return true
    }

    private func freePlace(for key: Range<Int>, _ cursor: ByteCursor) -> Int {
        var place = Self.hash(key, cursor) & (table.count - 1)
        while table[place] >= 0 { place = (place + 1) & (table.count - 1) }
        return place
    }

    /// FNV-1a of the key's bytes.
    private static func hash(_ key: Range<Int>, _ cursor: ByteCursor) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in key {
            hash = (hash ^ UInt64(cursor.bytes[index])) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash)
    }
}
