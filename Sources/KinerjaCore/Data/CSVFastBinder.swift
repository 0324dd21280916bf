/// Reads one CSV row straight from its bytes into a frame's field slots, without a String per cell or a
/// `DataObject`: the common case of evaluating CSV, made fast.
///
/// It accepts only rows it can read exactly as the general path would: ASCII only, no quoted cells, as many cells
/// as the header has, numbers written plainly (no spaces, no `+`), booleans, dates and members written exactly,
/// lists of numbers only. For anything else it returns false; the caller then reads the row the general way,
/// which gives the same values or the exact error.
struct CSVFastBinder: Sendable {
    private let plans: Lent<FastFieldPlan>
    private let slotsByName: [String: Int]
    /// Longer lists are left to the general path, which reports them.
    private let maxListItems: Int

    /// Where the cells of rows under one header go: for each column the field slot it fills, or nil for a column
    /// the policy does not read.
    struct Columns {
        fileprivate let slots: [Int?]
        /// The slots of fields that no column fills.
        fileprivate let missing: [Int]
    }

    init(schema: RecordSchema, aggregates: ListAggregates, maxListItems: Int = DataLimits.default.maxListItems) {
        plans = Lent(schema, aggregates: aggregates)
        self.maxListItems = maxListItems
        slotsByName = schema.slotsByName
    }

    /// The columns of `header`.
    func columns(of header: [String]) -> Columns {
        let slots = header.map { slotsByName[$0] }
        let filled = Set(slots.compactMap { $0 })
        return Columns(slots: slots, missing: plans.indices.filter { !filled.contains($0) })
    }

    /// Fills the field and aggregate slots of `frame` from the row in `bytes[range]` (without its line end); false
    /// when the general path must read it.
    func bind(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, delimiter: UInt8, columns: Columns,
              into frame: Frame) -> Bool {
        var column = 0
        var index = range.lowerBound
        while true {
            let cellStart = index
            if index < range.upperBound && bytes[index] == UInt8(ascii: "\"") { return false }
            while index < range.upperBound, case let byte = bytes[index], byte != delimiter {
                if byte >= 0x80 { return false }
                index += 1
            }
            guard column < columns.slots.count else { return false }
            if let slot = columns.slots[column] {
                let cell = UnsafeBufferPointer(rebasing: bytes[cellStart..<index])
                guard plans.with(slot, { read(cell, $0, at: slot, into: frame) }) else { return false }
            }
            column += 1
            if index == range.upperBound { break }
            index += 1
        }
        guard column == columns.slots.count else { return false }
        for slot in columns.missing {
            guard plans.with(slot, { $0.bind($0.whenMissing, at: slot, in: frame) }) else { return false }
        }
        return true
    }

    /// Reads a cell's value into its field's slot, converted and checked exactly as `RecordBinder` does, or for a
    /// tallied list its aggregates into theirs; false to take the general path.
    private func read(_ cell: UnsafeBufferPointer<UInt8>, _ plan: FastFieldPlan, at slot: Int, into frame: Frame) -> Bool {
        if cell.isEmpty {
            return plan.bind(plan.whenNull, at: slot, in: frame)
        }
        guard plan.isList else {
            guard let value = scalar(cell, plan.conversion) else { return false }
            frame.fields[slot] = value
            return true
        }
        // Items separated by '|'; only lists of plainly written numbers.
        guard case .number(let rule) = plan.conversion else { return false }
        let tallied = plan.withTally { tally in
            frame.fields[slot] = .absent
            var totals = tally.totals(in: frame)
            return readItems(cell, run: { cursor, count in
                cursor.shortDecimalItems(separatedBy: UInt8(ascii: "|"), spaced: false, count: &count,
                                         limit: maxListItems) {
                    tally.add($0, to: &totals)
                }
            }) { cursor in
                guard let decimal = cursor.plainDecimal() else { return false }
                return tally.add(decimal.mantissa, decimals: decimal.fractionDigits, to: &totals)
            } && tally.finish(totals, into: frame.aggregates)
        }
        if let tallied { return tallied }
        var numbers: [Number] = []
        guard readItems(cell, { cursor in
            guard let number = cursor.number(rule) else { return false }
            numbers.append(number)
            return true
        }) else { return false }
        frame.fields[slot] = .numbers(numbers)
        return true
    }

    /// Reads the items of a non-empty cell with `readItem`, at most `maxListItems` of them; false when an item is
    /// not plain. Before each item read that way, `run` may read (and count) a run of items that it reads faster.
    @inline(__always)
    private func readItems(_ cell: UnsafeBufferPointer<UInt8>,
                           run: (inout ByteCursor, inout Int) -> Bool = { _, _ in true },
                           _ readItem: (inout ByteCursor) -> Bool) -> Bool {
        var cursor = ByteCursor(bytes: cell)
        var count = 0
        while true {
            guard run(&cursor, &count), count < maxListItems, readItem(&cursor) else { return false }
            count += 1
            if cursor.isAtEnd { return true }
            guard cursor.take(UInt8(ascii: "|")) else { return false }
        }
    }

    private func scalar(_ cell: UnsafeBufferPointer<UInt8>, _ conversion: FastFieldPlan.Conversion) -> Value? {
        switch conversion {
        case .number(let rule):
            var cursor = ByteCursor(bytes: cell)
            guard let number = cursor.number(rule), cursor.isAtEnd else { return nil }
            return .number(number)
        case .text:
            return .text(String(decoding: cell, as: UTF8.self))
        case .boolean:
            switch String(decoding: cell, as: UTF8.self) {
            case "true", "ya", "1": return .boolean(true)
            case "false", "tidak", "0": return .boolean(false)
            default: return nil
            }
        case .date:
            return CalendarDate.days(from: String(decoding: cell, as: UTF8.self)).map(Value.date)
        case .member(let names):
            return names.firstIndex(of: String(decoding: cell, as: UTF8.self)).map(Value.member)
        case .unsupported:
            return nil
        }
    }
}
