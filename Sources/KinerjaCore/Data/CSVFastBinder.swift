/// Reads one CSV row straight from its bytes into a frame's field slots, without a String per cell or a
/// `DataObject`: the common case of evaluating CSV, made fast.
///
/// It accepts only rows it can read exactly as the general path would: ASCII only, no quoted cells, as many cells
/// as the header has, numbers written plainly (no spaces, no `+`), booleans, dates and members written exactly,
/// lists of numbers only. For anything else it returns false; the caller then reads the row the general way,
/// which gives the same values or the exact error.
struct CSVFastBinder: Sendable {
    private let plans: [FastFieldPlan]
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

    init(schema: RecordSchema, maxListItems: Int = DataLimits.default.maxListItems) {
        plans = schema.fields.map(FastFieldPlan.init)
        self.maxListItems = maxListItems
        slotsByName = schema.slotsByName
    }

    /// The columns of `header`.
    func columns(of header: [String]) -> Columns {
        let slots = header.map { slotsByName[$0] }
        let filled = Set(slots.compactMap { $0 })
        return Columns(slots: slots, missing: plans.indices.filter { !filled.contains($0) })
    }

    /// Fills `values` from the row in `bytes[range]` (without its line end); false when the general path must
    /// read it.
    func bind(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, delimiter: UInt8, columns: Columns,
              into values: FrameSlots<Value>) -> Bool {
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
                guard let value = read(UnsafeBufferPointer(rebasing: bytes[cellStart..<index]), plans[slot]) else {
                    return false
                }
                values[slot] = value
            }
            column += 1
            if index == range.upperBound { break }
            index += 1
        }
        guard column == columns.slots.count else { return false }
        for slot in columns.missing {
            let plan = plans[slot]
            guard let value = plan.whenMissing else { return false }
            values[slot] = value
        }
        return true
    }

    /// A cell's value, converted and checked exactly as `RecordBinder` does; nil to take the general path.
    private func read(_ cell: UnsafeBufferPointer<UInt8>, _ plan: FastFieldPlan) -> Value? {
        if cell.isEmpty {
            return plan.whenNull
        }
        guard plan.isList else { return scalar(cell, plan.conversion) }
        // Items separated by '|'; only lists of plainly written numbers.
        guard case .number(let rule) = plan.conversion else { return nil }
        var numbers: [Number] = []
        var cursor = ByteCursor(bytes: cell)
        while true {
            guard numbers.count < maxListItems, let number = cursor.number(rule) else { return nil }
            numbers.append(number)
            if cursor.isAtEnd { return .numbers(numbers) }
            guard cursor.take(UInt8(ascii: "|")) else { return nil }
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
