/// The short list items that the tallies of one frame have judged (`ListTally`), known by their bytes: an item
/// written as one judged before is counted from one look-up instead of being read and compared again. Data writes
/// most items alike (durations in quarter minutes, scores from 1 to 5), so that almost every item is found.
///
/// Each tally has a table of its own, of `places` places chosen by a hash of the item's bytes; a place holds the
/// last item put there and what its tally found. Belongs to a frame, and so to one thread at a time.
struct ItemMemo {
    static let places = 512
    /// Two words a place: the item's key (never 0, so that an empty place matches nothing) and its entry.
    private let words: FrameSlots<UInt64>

    init(tables: Int) {
        words = FrameSlots(repeating: 0, count: tables * Self.places * 2)
    }

    func free() {
        words.free()
    }

    /// Table `index` (0 to `tables - 1`).
    func table(_ index: Int) -> Table {
        Table(base: UnsafeMutablePointer(mutating: words.address(of: index * Self.places * 2)))
    }

    struct Table {
        fileprivate let base: UnsafeMutablePointer<UInt64>

        /// The entry put for `item`, if its place still holds it.
        @inline(__always)
        func entry(for item: ByteWord.ShortItem) -> Entry? {
            let place = Self.place(of: item)
            return base[place] == item.key ? Entry(word: base[place &+ 1]) : nil
        }

        func put(_ entry: Entry, for item: ByteWord.ShortItem) {
            let place = Self.place(of: item)
            base[place] = item.key
            base[place &+ 1] = entry.word
        }

        /// The first of the place's two words: the top 9 bits of a Fibonacci hash of the key.
        @inline(__always)
        private static func place(of item: ByteWord.ShortItem) -> Int {
            Int(truncatingIfNeeded: (item.key &* 0x9E37_79B9_7F4A_7C15) &>> 55) &<< 1
        }
    }

    /// What a tally found of an item: its digits (a short item has at most seven, below 2^24), its count of
    /// decimals and the tests it passed, one bit each, in one word.
    struct Entry {
        fileprivate let word: UInt64

        init(digits: Int64, decimals: Int, passed: UInt8) {
            word = UInt64(digits) &<< 12 | UInt64(decimals) &<< 8 | UInt64(passed)
        }

        fileprivate init(word: UInt64) {
            self.word = word
        }

        var digits: Int64 { Int64(truncatingIfNeeded: word &>> 12) }
        var decimals: Int { Int(truncatingIfNeeded: (word &>> 8) & 0xF) }
        /// Bit `k` set when the item passed test `k` of its tally.
        var passed: UInt8 { UInt8(truncatingIfNeeded: word) }
    }
}
