/// Computes the aggregates of one list field (`ListAggregate`) while a fast binder reads its items, without
/// building the list. An item stays what the scanner read, the whole number of its digits and its count of
/// decimals; a test compares those digits with the test's limit scaled once, for each count of decimals, when the
/// policy is compiled; a sum adds digits at a common count of decimals.
///
/// Anything outside that (an item the field's rule must judge on the general path, digits that overflow, a limit
/// that does not scale) makes the binder give the record to the general path, which computes the same values from
/// the list (`ListAggregates.fill`). Held by reference, like the field plan that holds it; never changed after it
/// is made, so threads share it safely.
final class ListTally: @unchecked Sendable {
    /// The most tests one list may have to be tallied; a list with more is read whole.
    static let maximumTests = 8

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

    init(rule: NumberRule, aggregates: [(slot: Int, kind: ListAggregate.Kind)]) {
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
    }

    deinit {
        ranges.deallocate()
    }

    /// The running totals of one list as it is read.
    struct Totals {
        var count = 0
        /// The sum of the items' digits at `scale` decimals.
        var sum: Int64 = 0
        var scale = 0
        /// The items that passed each test (room for `maximumTests`).
        fileprivate var matches = InlineArray<8, Int>(repeating: 0)
    }

    /// Adds the item `digits / 10^decimals` as written in the data (at most 18 digits); false when the general path
    /// must judge it.
    @inline(__always)
    func add(_ digits: Int64, decimals: Int, to totals: inout Totals) -> Bool {
        let row = decimals &* (testCount &+ 1)
        guard ranges[row].contains(digits) else { return false }
        for test in 0..<testCount {
            // Counted without a branch: whether an item passes is as good as random.
            totals.matches[test] &+= ranges[row &+ 1 &+ test].contains(digits) ? 1 : 0
        }
        if needsSum {
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
        }
        totals.count += 1
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

    /// Writes the aggregates of an empty list.
    func finishEmpty(into slots: FrameSlots<AggregateSlot>) -> Bool {
        finish(Totals(), into: slots)
    }
}

/// The digits `d` of items with `k` decimals (the value `d / 10^k` in the data, before the field's unit is
/// applied) that pass a test: `low <= d <= low + span`, or the opposite when `isNegated`. An empty range is the
/// opposite of all digits.
struct DigitRange: Sendable, Equatable {
    private let low: Int64
    private let span: UInt64
    private let isNegated: Bool

    /// The counts of decimals of the items the fast binders read.
    static let decimals = 0...18
    /// No digits at all.
    static let none = DigitRange(low: 1, high: 0, isNegated: false)

    private init(low: Int64, high: Int64, isNegated: Bool) {
        if low > high {
            (self.low, span, self.isNegated) = (0, .max, !isNegated)
        } else {
            (self.low, span, self.isNegated) = (low, UInt64(bitPattern: high &- low), isNegated)
        }
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
            guard let from = DigitRange(ItemTest(op: .greaterOrEqual, limit: lower), rule: rule, decimals: decimals),
                  let to = DigitRange(ItemTest(op: .lessOrEqual, limit: upper), rule: rule, decimals: decimals)
            else { return nil }
            (low, high) = (from.low, to.high)
        }
        self.init(low: low, high: high, isNegated: false)
    }

    @inline(__always)
    func contains(_ digits: Int64) -> Bool {
        // One unsigned comparison: digits below `low` wrap round to beyond the span.
        (UInt64(bitPattern: digits &- low) <= span) != isNegated
    }

    /// The highest digits in the range, for a range that is not empty.
    private var high: Int64 {
        low &+ Int64(bitPattern: span)
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
