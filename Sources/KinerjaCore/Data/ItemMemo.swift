/// What the fast binders found of the short numbers they read into one frame, known by their bytes: a number
/// written as one read before for the same field is taken from one look-up instead of being parsed, converted and
/// checked again. Data writes most numbers alike (durations in quarter minutes, scores from 1 to 5), so that almost
/// every number is found.
///
/// A field read this way has a table of its own, of `places` places (8 KiB) chosen by a hash of the item's bytes; a
/// place holds the last item put there and one word of what was found, whose meaning the reader of the field
/// decides: what a tally judged of a list item (`ListTally`, JSON Lines and CSV), or a scalar's number (JSON Lines).
/// Belongs to a frame, and so to one thread at a time.
struct ItemMemo {
    /// A table has 2^placeBits places; a place is the top `placeBits` bits of a hash, so it is always in the table.
    static let placeBits = 9
    static let places = 1 << placeBits
    /// Two words a place: the item's key (never 0, so that an empty place matches nothing) and what was found.
    private let words: UnsafeMutablePointer<UInt64>
    private let tables: Int

    /// Number fields have a table only while there are fewer than this many tables (256 KiB) in all: a record with
    /// more would spread its look-ups beyond the core's caches, where one costs more than reading the number
    /// (measured on 300 indicators: 5% slower with a table for every field). Tallied lists, which look up many items
    /// each, always have one, beyond this too.
    static let tableBudget = 32

    /// The table of each field of `schema`, by slot: every `tallied` list of numbers, then number fields in order
    /// while there are fewer than `tableBudget` tables; nil for the others. Found once per program
    /// (`ListAggregates.memoTables`), where frames and binders both take them.
    static func tables(for schema: RecordSchema, tallied: Set<Int>) -> [Int?] {
        func isNumber(_ type: FieldType) -> Bool {
            if case .number = FastFieldPlan.Conversion(type) { true } else { false }
        }
        var lists: [Int] = [], scalars: [Int] = []
        for (slot, field) in schema.fields.enumerated() {
            if case .list(let element) = field.type {
                if tallied.contains(slot) && isNumber(element) { lists.append(slot) }
            } else if isNumber(field.type) {
                scalars.append(slot)
            }
        }
        let memoized = lists + scalars.prefix(max(0, tableBudget - lists.count))
        var tables = [Int?](repeating: nil, count: schema.fields.count)
        for (table, slot) in memoized.enumerated() { tables[slot] = table }
        return tables
    }

    init(tables: Int) {
        self.tables = tables
        words = .allocate(capacity: Swift.max(tables * Self.places * 2, 1))
        words.initialize(repeating: 0, count: tables * Self.places * 2)
    }

    func free() {
        words.deallocate()
    }

    /// Table `index` (as `tables(for:tallied:)` gives it).
    func table(_ index: Int) -> Table {
        precondition(UInt(bitPattern: index) < UInt(tables), "memo table out of range")
        return Table(base: words + index * Self.places * 2)
    }

    struct Table {
        fileprivate let base: UnsafeMutablePointer<UInt64>

        /// What was put for `item`, if its place still holds it.
        @inline(__always)
        func found(for item: ByteWord.ShortItem) -> UInt64? {
            let place = Self.place(of: item)
            return base[place] == item.key ? base[place &+ 1] : nil
        }

        func put(_ found: UInt64, for item: ByteWord.ShortItem) {
            let place = Self.place(of: item)
            base[place] = item.key
            base[place &+ 1] = found
        }

        /// The first of the place's two words: the top `placeBits` bits of a Fibonacci hash of the key.
        @inline(__always)
        private static func place(of item: ByteWord.ShortItem) -> Int {
            Int(truncatingIfNeeded: (item.key &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 - ItemMemo.placeBits)) &<< 1
        }
    }
}
