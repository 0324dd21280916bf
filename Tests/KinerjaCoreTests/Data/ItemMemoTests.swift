import Testing

@testable import KinerjaCore

@Suite("Items judged before")
struct ItemMemoTests {
    /// `text` (1 to 7 bytes) as a list loop finds it: in a word, followed by `after`, which starts with the
    /// separator `,`.
    static func item(_ text: String, before after: String = ",9.75,1]") -> ByteWord.ShortItem {
        var bytes = Array((text + after).utf8)
        bytes += Array(repeating: UInt8(ascii: " "), count: max(0, 8 - bytes.count))
        let word = bytes.withUnsafeBufferPointer { ByteWord.load($0.baseAddress!) }
        return ByteWord.ShortItem(word, separator: ByteWord.marks(of: UInt8(ascii: ","), in: word))
    }

    @Test("an item is known by its bytes alone, not by what follows it nor by its value")
    func keys() {
        #expect(Self.item("2.5").key == Self.item("2.5", before: ",]}").key)
        #expect(Self.item("2.5").length == 3 && Self.item("1234567").length == 7)
        #expect(Self.item("2.5").key != Self.item("2.50").key)
        #expect(Self.item("1").key != Self.item("10").key)
        // A zero byte inside an item (never valid) must not make it the item before that byte.
        #expect(Self.item("2.5").key != Self.item("2.5\u{0}").key)
        #expect(Self.item("2.5").decimal! == (25, 1))
        #expect(Self.item("2.5x").decimal == nil)
    }

    @Test("a table gives back what was put for an item, until another item takes its place")
    func tables() {
        let memo = ItemMemo(tables: 2)
        defer { memo.free() }
        let first = memo.table(0), second = memo.table(1)
        let item = Self.item("4.75")
        #expect(second.entry(for: item) == nil)
        second.put(ItemMemo.Entry(digits: 9_999_999, decimals: 6, passed: 0b1010_0101), for: item)
        let entry = second.entry(for: item)
        #expect(entry?.digits == 9_999_999 && entry?.decimals == 6 && entry?.passed == 0b1010_0101)
        #expect(first.entry(for: item) == nil, "each tally has a table of its own")
        #expect(second.entry(for: Self.item("4.750")) == nil)
        // Some other item falls on the same place and takes it.
        let rival = (0..<100_000).lazy.map { Self.item(String($0)) }.first { candidate in
            second.put(ItemMemo.Entry(digits: 1, decimals: 0, passed: 1), for: candidate)
            return second.entry(for: item) == nil
        }
        #expect(rival.flatMap { second.entry(for: $0) }?.passed == 1)
    }
}
