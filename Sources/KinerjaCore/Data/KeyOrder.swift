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

    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var known: [Known] = []

    var count: Int { ends.count }

    /// The key at `position` read straight from the cursor, quotes included, when the next bytes are exactly that
    /// key; the cursor is then past it. These bytes passed `ByteCursor.plainString` when they were learnt, so the
    /// same bytes need no second look at escapes or control characters.
    func take(at position: Int, from cursor: inout ByteCursor) -> (key: Range<Int>, known: Known)? {
        guard position < ends.count else { return nil }
        let start = position == 0 ? 0 : ends[position - 1]
        let length = ends[position] - start, first = cursor.index + 1, after = first + length
        guard after < cursor.bytes.count, cursor.bytes[cursor.index] == UInt8(ascii: "\""),
              cursor.bytes[after] == UInt8(ascii: "\""), matches(first..<after, at: start, in: cursor) else { return nil }
        cursor.index = after + 1
        return (first..<after, known[position])
    }

    /// Where `key` is among these keys at or after `position`, and what it is; nil when it is not.
    func find(_ key: Range<Int>, from position: Int, in cursor: ByteCursor) -> (position: Int, known: Known)? {
        var start = position == 0 ? 0 : (position <= ends.count ? ends[position - 1] : bytes.count)
        for candidate in position..<Swift.max(position, ends.count) {
            let end = ends[candidate]
            if end - start == key.count && matches(key, at: start, in: cursor) { return (candidate, known[candidate]) }
            start = end
        }
        return nil
    }

    private func matches(_ key: Range<Int>, at start: Int, in cursor: ByteCursor) -> Bool {
        // An empty key (`""`) has no bytes to compare, and may have no storage to point at.
        key.isEmpty || bytes.withUnsafeBufferPointer { known in
            memcmp(known.baseAddress! + start, cursor.bytes.baseAddress! + key.lowerBound, key.count) == 0
        }
    }

    /// Remembers the keys of an object just read, none of them twice.
    mutating func learn(_ keys: UnsafeMutableBufferPointer<Range<Int>>, in cursor: ByteCursor,
                        knownAs what: (Range<Int>) -> Known) {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        known.removeAll(keepingCapacity: true)
        for key in keys {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[key]))
            ends.append(bytes.count)
            known.append(what(key))
        }
    }
}
