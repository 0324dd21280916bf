import Foundation

/// The keys of an object a fast binder read, in order, each with the field it fills: the records of one export
/// share their keys and their order (some leave out an optional one), so the next record's keys are found by
/// comparing them with the next few of these instead of being looked up; and a record whose keys come in this
/// order, perhaps with some left out, has no key twice, since this object had none.
struct KeyOrder {
    /// What a key is to the policy.
    enum Known: Equatable {
        case field(Int)
        case undeclared
    }

    /// One learnt key: where its bytes are in `bytes`, and for a key of at most 16 bytes those bytes as two words,
    /// so that most keys are compared in two loads instead of a call.
    private struct Key {
        var start: Int
        var count: Int
        /// The first eight bytes (zero beyond the key), and for a key of eight bytes or more its last eight.
        var head: UInt64
        var tail: UInt64
        var known: Known
    }

    private var bytes: [UInt8] = []
    private var keys: [Key] = []

    var count: Int { keys.count }

    /// The key at `position` read straight from the cursor, quotes included, when the next bytes are exactly that
    /// key; the cursor is then past it. These bytes passed `ByteCursor.plainString` when they were learnt, so the
    /// same bytes need no second look at escapes or control characters.
    @inline(__always)
    func take(at position: Int, from cursor: inout ByteCursor) -> (key: Range<Int>, known: Known)? {
        guard position < keys.count else { return nil }
        return keys.withUnsafeBufferPointer { keys in
            let key = keys[position]
            let first = cursor.index + 1, after = first + key.count
            guard after < cursor.bytes.count, cursor.bytes[cursor.index] == UInt8(ascii: "\""),
                  cursor.bytes[after] == UInt8(ascii: "\""), matches(key, at: first, in: cursor) else { return nil }
            cursor.index = after + 1
            return (first..<after, key.known)
        }
    }

    /// Where `key` is among these keys at or after `position`, and what it is; nil when it is not.
    func find(_ key: Range<Int>, from position: Int, in cursor: ByteCursor) -> (position: Int, known: Known)? {
        for candidate in position..<Swift.max(position, keys.count)
        where keys[candidate].count == key.count && matches(keys[candidate], at: key.lowerBound, in: cursor) {
            return (candidate, keys[candidate].known)
        }
        return nil
    }

    /// Whether the `key.count` bytes at `first` in the cursor are the key's. The key's bytes are in the record,
    /// so only `first + 8` needs checking before a word is loaded there; its last word ends inside the key.
    @inline(__always)
    private func matches(_ key: Key, at first: Int, in cursor: ByteCursor) -> Bool {
        let base = cursor.bytes.baseAddress
        if key.count <= 16, first + 8 <= cursor.bytes.count, let base {
            let head = ByteWord.load(base + first)
            if key.count < 8 {
                return (head ^ key.head) & ((1 << (UInt64(key.count) &* 8)) &- 1) == 0
            }
            return head == key.head && ByteWord.load(base + first + key.count - 8) == key.tail
        }
        // An empty key has no bytes to compare, and may have no storage to point at.
        return key.count == 0 || bytes.withUnsafeBufferPointer { learnt in
            memcmp(learnt.baseAddress! + key.start, base! + first, key.count) == 0
        }
    }

    /// Remembers the keys of an object just read, none of them twice.
    mutating func learn(_ recorded: UnsafeMutableBufferPointer<Range<Int>>, in cursor: ByteCursor,
                        knownAs what: (Range<Int>) -> Known) {
        bytes.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        for range in recorded {
            let start = bytes.count
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[range]))
            // Words of the key's own bytes, little-endian as loaded, zero past its end.
            var head: UInt64 = 0, tail: UInt64 = 0
            for (offset, byte) in bytes[start...].prefix(8).enumerated() {
                head |= UInt64(byte) << (8 * offset)
            }
            if range.count >= 8 {
                for (offset, byte) in bytes[start...].suffix(8).enumerated() { tail |= UInt64(byte) << (8 * offset) }
            }
            keys.append(Key(start: start, count: range.count, head: head, tail: tail, known: what(range)))
        }
    }
}
