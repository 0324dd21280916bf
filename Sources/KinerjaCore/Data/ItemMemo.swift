/// What the fast binders found of the short numbers they read into one frame, known by their bytes: a number
/// written as one read before for the same field is taken from one look-up instead of being parsed, converted and
/// checked again. Data writes most numbers alike (durations in quarter minutes, scores from 1 to 5), so that almost
/// every number is found.
///
/// Each field has a table of its own, of `places` places (8 KiB) chosen by a hash of the item's bytes; a place holds
/// the last item put there and one word of what was found, whose meaning the reader of the field decides: what a
/// tally judged of a list item (`ListTally`), or a scalar's number. Belongs to a frame, and so to one thread at a
/// time.
struct ItemMemo {
    static let places = 512
    /// Two words a place: the item's key (never 0, so that an empty place matches nothing) and what was found.
    private let words: FrameSlots<UInt64>

    init(fields: Int) {
        words = FrameSlots(repeating: 0, count: fields * Self.places * 2)
    }

    func free() {
        words.free()
    }

    /// The table of field `slot`.
    func table(_ slot: Int) -> Table {
        Table(base: UnsafeMutablePointer(mutating: words.address(of: slot * Self.places * 2)))
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

        /// The first of the place's two words: the top 9 bits of a Fibonacci hash of the key.
        @inline(__always)
        private static func place(of item: ByteWord.ShortItem) -> Int {
            Int(truncatingIfNeeded: (item.key &* 0x9E37_79B9_7F4A_7C15) &>> 55) &<< 1
        }
    }
}
