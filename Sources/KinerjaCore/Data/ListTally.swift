/// Computes the aggregates of one list field (`ListAggregate`) while a fast binder reads its items, without
/// building the list. An item stays what the scanner read, the whole number of its digits and its count of
/// decimals; a test compares those digits with the test's limit scaled once, for each count of decimals, when the
/// policy is compiled; a sum adds digits at a common count of decimals.
///
/// Anything outside that (an item the field's rule must judge on the general path, digits that overflow, a limit
/// that does not scale) makes the binder give the record to the general path, which computes the same values from
/// the list (`ListAggregates.fill`). What a tally finds of a short item is kept in its field's table of the frame's
/// `ItemMemo`, so that an item written alike later costs a look-up. Held by reference, like the field plan that
/// holds it; never changed after it is made, so threads share it safely.
final class ListTally: @unchecked Sendable {
    /// The most tests one list may have to be tallied (a bit each in `Judged.passed`); a list with more is read whole.
    static let maximumTests = UInt8.bitWidth

    /// The field's aggregates, with their frame slots.
    private let aggregates: [(slot: Int, kind: ListAggregate.Kind)]
    private let rule: NumberRule
    /// For each count of decimals (0 to 18, `DigitRange.decimals`): first the digits the fast path accepts (as the
    /// field's rule does, and only where every test's range is known), then the digits that pass each test of a
    /// `.matching` aggregate, in the order of `aggregates`. Owned here, read through the pointer without reference
    /// counting in the hot loop.
    private let ranges: UnsafeMutableBufferPointer<DigitRange>
    private let testCount: Int
    private let needsSum: Bool
    /// The list field's table in a frame's `ItemMemo`.
    private let memoTable: Int

    init(memoTable: Int, rule: NumberRule, aggregates: [(slot: Int, kind: ListAggregate.Kind)]) {
        self.rule = rule
        self.aggregates = aggregates
        let tests = aggregates.compactMap { aggregate in
            if case .matching(let test, _) = aggregate.kind { test } else { nil }
        }
        precondition(tests.count <= Self.maximumTests, "a list with more tests is read whole")
        testCount = tests.count
        let table = DigitRange.decimals.flatMap { decimals in
            let testRanges = tests.map { DigitRange($0, rule: rule, decimals: decimals) }
            // Where a test's range is unknown, no item of that many decimals is accepted: the general path decides.
            let accepted = testRanges.contains { $0 == nil } ? nil : DigitRange(accepting: rule, decimals: decimals)
            return [accepted ?? .none] + testRanges.map { $0 ?? .none }
        }
        ranges = .allocate(capacity: table.count)
        _ = ranges.initialize(from: table)
        needsSum = aggregates.contains { $0.kind == .sum || $0.kind == .mean }
        self.memoTable = memoTable
    }

    deinit {
        ranges.deallocate()
    }

    /// The running totals of one list as it is read.
    struct Totals {
        /// The tally's table in the frame's `ItemMemo`.
        fileprivate let memo: ItemMemo.Table
        var count = 0
        /// The sum of the items' digits at `scale` decimals.
        var sum: Int64 = 0
        var scale = 0
        /// The items that passed each test (room for `maximumTests`).
        fileprivate var matches = InlineArray<8, Int>(repeating: 0)
    }

    /// Totals of no items yet, for a list read into `frame`.
    func totals(in frame: Frame) -> Totals {
        Totals(memo: frame.itemMemo.table(memoTable))
    }

    /// Adds a short item as a run over the list's words finds it; nil when it is not a plain decimal, which the
    /// item loop then reads; false when the general path must judge it. An item judged before (and still in the
    /// memo) is added from what was found then.
    @inline(__always)
    func add(_ item: ByteWord.ShortItem, to totals: inout Totals) -> Bool? {
        guard let found = totals.memo.found(for: item) else { return judge(item, to: &totals) }
        return add(Judged(word: found), to: &totals)
    }

    /// Reads and judges an item not in the memo, puts what it found there, and adds the item.
    @inline(never)
    private func judge(_ item: ByteWord.ShortItem, to totals: inout Totals) -> Bool? {
        guard let (digits, decimals) = item.decimal else { return nil }
        guard let passed = passed(digits, decimals: decimals) else { return false }
        let judged = Judged(digits: digits, decimals: decimals, passed: passed)
        totals.memo.put(judged.word, for: item)
        return add(judged, to: &totals)
    }

    /// Adds the item `digits / 10^decimals` as written in the data (at most 18 digits); false when the general path
    /// must judge it.
    @inline(__always)
    func add(_ digits: Int64, decimals: Int, to totals: inout Totals) -> Bool {
        guard let passed = passed(digits, decimals: decimals) else { return false }
        count(passed, to: &totals)
        return !needsSum || add(digits, decimals: decimals, toSum: &totals)
    }

    /// The tests that the item `digits / 10^decimals` passes, a bit each; nil when the fast path does not accept it.
    @inline(__always)
    private func passed(_ digits: Int64, decimals: Int) -> UInt8? {
        let row = decimals &* (testCount &+ 1)
        guard ranges[row].contains(digits) else { return nil }
        var passed: UInt8 = 0
        for test in 0..<testCount {
            // Without a branch: whether an item passes is as good as random.
            passed |= (ranges[row &+ 1 &+ test].contains(digits) ? 1 : 0) &<< UInt8(truncatingIfNeeded: test)
        }
        return passed
    }

    /// Counts a judged item, and adds it to the sum when one is needed; false when the sum overflows.
    @inline(__always)
    private func add(_ judged: Judged, to totals: inout Totals) -> Bool {
        count(judged.passed, to: &totals)
        return !needsSum || add(judged.digits, decimals: judged.decimals, toSum: &totals)
    }

    /// Counts an accepted item and the tests it `passed`.
    @inline(__always)
    private func count(_ passed: UInt8, to totals: inout Totals) {
        for test in 0..<testCount {
            totals.matches[test] &+= Int(truncatingIfNeeded: (passed &>> UInt8(truncatingIfNeeded: test)) & 1)
        }
        totals.count &+= 1
    }

    /// Adds `digits / 10^decimals` to the sum; false when it overflows.
    @inline(__always)
    private func add(_ digits: Int64, decimals: Int, toSum totals: inout Totals) -> Bool {
        if decimals > totals.scale {
            let (scaled, overflow) = totals.sum.multipliedReportingOverflow(by: Self.powerOfTen(decimals - totals.scale))
            guard !overflow else { return false }
            totals.sum = scaled
            totals.scale = decimals
        }
        let (term, o1) = digits.multipliedReportingOverflow(by: Self.powerOfTen(totals.scale - decimals))
        let (sum, o2) = totals.sum.addingReportingOverflow(term)
        guard !o1 && !o2 else { return false }
        totals.sum = sum
        return true
    }

    private static func powerOfTen(_ k: Int) -> Int64 {
        Int64(Number.powerOfTen(k))  // k <= 18
    }

    /// Writes the aggregates of the list read into `slots`; false when the general path must compute them.
    func finish(_ totals: Totals, into slots: FrameSlots<AggregateSlot>) -> Bool {
        var sum: Number?
        if needsSum {
            guard let total = ByteCursor.converted((totals.sum, totals.scale), rule) else { return false }
            sum = total
        }
        var test = 0
        for (slot, kind) in aggregates {
            var matches: Int64 = 0
            if case .matching = kind {
                matches = Int64(totals.matches[test])
                test += 1
            }
            guard let value = try? kind.value(count: totals.count, sum: sum ?? .zero, matches: matches) else {
                return false
            }
            slots[slot] = AggregateSlot(value: .success(value), items: totals.count)
        }
        return true
    }

    /// Writes the aggregates of an empty list into `frame`.
    func finishEmpty(in frame: Frame) -> Bool {
        finish(totals(in: frame), into: frame.aggregates)
    }
}

/// What a tally found of a short item, as its field's `ItemMemo` table keeps it: the item's digits (a short item
/// has at most seven, below 2^24), its count of decimals and the tests it passed, one bit each, in one word.
private struct Judged {
    let word: UInt64

    init(digits: Int64, decimals: Int, passed: UInt8) {
        assert(digits >= 0 && digits < 1 << 24 && decimals >= 0 && decimals < 16, "not a short item")
        word = UInt64(digits) &<< 12 | UInt64(decimals) &<< 8 | UInt64(passed)
    }

    init(word: UInt64) {
        self.word = word
    }

    var digits: Int64 { Int64(truncatingIfNeeded: word &>> 12) }
    var decimals: Int { Int(truncatingIfNeeded: (word &>> 8) & 0xF) }
    /// Bit `k` set when the item passed test `k` of its tally.
    var passed: UInt8 { UInt8(truncatingIfNeeded: word) }
}

/// The digits `d` of items with `k` decimals (the value `d / 10^k` in the data, before the field's unit is
/// applied) that pass a test: a run of `count` whole numbers from `low` on, counted round the circle of `Int64`
/// (after `Int64.max` comes `Int64.min`), so that a range and its opposite are both one run and one comparison
/// decides either.
struct DigitRange: Sendable, Equatable {
    private let low: Int64
    private let count: UInt64

    /// The counts of decimals of the items the fast binders read.
    static let decimals = 0...18
    /// No digits at all.
    static let none = DigitRange(low: 0, count: 0)
    /// The digits the binders read: at most 18 places. Ranges are cut to these, so that the opposite of one never
    /// needs all 2^64 values.
    private static let written: ClosedRange<Int64> = -999_999_999_999_999_999...999_999_999_999_999_999

    private init(low: Int64, count: UInt64) {
        (self.low, self.count) = (low, count)
    }

    /// `low...high` (empty when `low > high`), or its opposite when `isNegated`.
    private init(low: Int64, high: Int64, isNegated: Bool) {
        let from = max(low, Self.written.lowerBound), to = min(high, Self.written.upperBound)
        guard from <= to else {
            self = isNegated ? DigitRange(low: Self.written.lowerBound, high: Self.written.upperBound, isNegated: false)
                : .none
            return
        }
        let count = UInt64(bitPattern: to &- from) &+ 1
        // The opposite runs from after `to` round to before `from`: all the other 2^64 - count values.
        self = isNegated ? DigitRange(low: to &+ 1, count: 0 &- count) : DigitRange(low: from, count: count)
    }

    /// The items that compare with `test.limit` as `test.op` says, once stored under `rule`; nil when the bounds
    /// for this count of decimals cannot be computed.
    init?(_ test: ItemTest, rule: NumberRule, decimals: Int) {
        // item = d · unit / 10^k compares with limit as d compares with x = limit · 10^k / unit.
        guard let x = Self.scaled(test.limit, decimals: decimals, rule: rule) else { return nil }
        let (low, high) = Self.digits(test.op, x)
        self.init(low: low, high: high, isNegated: test.op == .notEqual)
    }

    /// The items the fast path stores under `rule` as the general path would: a score's range, whole numbers (not
    /// negative for a count) written without decimals, a duration whose seconds fit, a percent whose share's
    /// denominator fits. Nil where the general path must judge every item.
    init?(accepting rule: NumberRule, decimals: Int) {
        let low: Int64, high: Int64
        switch rule {
        case .plain:
            (low, high) = (.min, .max)
        case .percent:
            // As `ByteCursor.converted`: the share's denominator 10^(k+2) must fit.
            guard decimals + 2 <= 18 else { return nil }
            (low, high) = (.min, .max)
        case .integer:
            guard decimals == 0 else { return nil }
            (low, high) = (.min, .max)
        case .count:
            guard decimals == 0 else { return nil }
            (low, high) = (0, .max)
        case .duration(let seconds):
            // The general path stores digits × seconds; where that overflows it reports the item.
            (low, high) = (-(Int64.max / seconds), Int64.max / seconds)
        case .score(let lower, let upper):
            guard let from = Self.scaled(lower, decimals: decimals, rule: rule),
                  let to = Self.scaled(upper, decimals: decimals, rule: rule) else { return nil }
            (low, high) = (Self.digits(.greaterOrEqual, from).low, Self.digits(.lessOrEqual, to).high)
        }
        self.init(low: low, high: high, isNegated: false)
    }

    @inline(__always)
    func contains(_ digits: Int64) -> Bool {
        // One unsigned comparison: digits before `low` wrap round to beyond the run.
        UInt64(bitPattern: digits &- low) < count
    }

    /// `limit · 10^decimals / unit`, where the unit is what the rule multiplies a value in the data by.
    private static func scaled(_ limit: Number, decimals: Int, rule: NumberRule) -> Number? {
        switch rule {
        case .percent: try? limit.multiplied(byPowerOfTen: decimals + 2)
        case .duration(let seconds): try? limit.multiplied(byPowerOfTen: decimals).divided(by: Number(seconds))
        case .plain, .integer, .count, .score: try? limit.multiplied(byPowerOfTen: decimals)
        }
    }

    /// The whole numbers d with `d op x`, as a range for `op` other than `!=` (which is the opposite of `=`).
    private static func digits(_ op: ComparisonOperator, _ x: Number) -> (low: Int64, high: Int64) {
        // Digits have at most 18 places, so bounds clamped to Int64 (and saturating steps) decide alike.
        let floor = x.floor().numerator, ceiling = x.ceiling().numerator
        switch op {
        case .lessOrEqual: return (.min, floor)
        case .less: return (.min, ceiling == .min ? .min : ceiling - 1)
        case .greaterOrEqual: return (ceiling, .max)
        case .greater: return (floor == .max ? .max : floor + 1, .max)
        case .equal, .notEqual: return x.isInteger ? (floor, floor) : (1, 0)
        }
    }
}
