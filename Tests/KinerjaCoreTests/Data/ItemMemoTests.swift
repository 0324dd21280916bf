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
        #expect(second.found(for: item) == nil)
        second.put(0, for: item)
        #expect(second.found(for: item) == 0)
        second.put(.max, for: item)
        #expect(second.found(for: item) == .max)
        #expect(first.found(for: item) == nil, "each table is its own")
        // Many items in the first table: none reaches past it into the second.
        let others = (0..<5000).map { Self.item(String($0)) }
        for other in others { first.put(7, for: other) }
        #expect(others.allSatisfy { second.found(for: $0) == nil })
        #expect(second.found(for: item) == .max)
        #expect(second.found(for: Self.item("4.750")) == nil)
        // Some other item falls on the same place and takes it.
        let rival = (0..<100_000).lazy.map { Self.item(String($0)) }.first { candidate in
            second.put(1, for: candidate)
            return second.found(for: item) == nil
        }
        #expect(rival.flatMap { second.found(for: $0) } == 1)
    }

    @Test("a value ends at the first of two bytes, within eight, also where the bytes end")
    func shortItems() {
        func item(_ text: String) -> ByteWord.ShortItem? {
            Array(text.utf8).withUnsafeBufferPointer {
                ByteCursor(bytes: $0).shortItem(endingAt: UInt8(ascii: ","), or: UInt8(ascii: "}"))
            }
        }
        #expect(item("4.4}")?.length == 3)
        #expect(item("4.4},\"x\":1")?.length == 3)
        #expect(item("103.75,\"x\"")?.length == 6)
        #expect(item("1234567}")?.length == 7)
        #expect(item("12345678}") == nil)
        #expect(item(",1") == nil)
        #expect(item("4.4") == nil)
        #expect(item("") == nil)
        #expect(item("4.4}")?.key == item("4.4},\"x\":1")?.key)
        #expect(item("4.4}")?.key != item("4.4,")?.key)
    }

    @Test("tallied lists always have a table; number fields have one while there are fewer than 32 in all")
    func tablesOfFields() throws {
        let policy = try PolicyHarness("""
            policy t
            record {
              nip text key
              a list of number
              t text
            \((0..<40).map { "  f\($0) number" }.joined(separator: "\n"))
              b list of number
              c list of number
            }
            output {
              n = count(a) + sum(b) + (median(c) ?? 0) + \((0..<40).map { "f\($0)" }.joined(separator: " + "))
            }
            """).policy
        let tables = Program(policy).aggregates.memoTables
        let bySlot = Dictionary(uniqueKeysWithValues: policy.record.fields.enumerated().map { ($1.name, tables[$0]) })
        #expect(bySlot["a"] == 0 && bySlot["b"] == 1)
        #expect(bySlot["nip"] == .some(nil) && bySlot["t"] == .some(nil) && bySlot["c"] == .some(nil))
        #expect((0..<30).map { bySlot["f\($0)"] } == (2..<32).map { Optional($0) })
        #expect((30..<40).allSatisfy { bySlot["f\($0)"] == .some(nil) })
    }
}
