/// An interval of the number line with optional ends (nil is unbounded), used to analyse bands.
struct BandInterval {
    var lower: BandBound?
    var upper: BandBound?

    static let everything = BandInterval(lower: nil, upper: nil)

    /// The part of this interval that also lies in `other`.
    func intersection(_ other: BandInterval) -> BandInterval {
        BandInterval(lower: Self.tighterLower(lower, other.lower), upper: Self.tighterUpper(upper, other.upper))
    }

    var isEmpty: Bool {
        guard let lower, let upper else { return false }
        if lower.value != upper.value { return lower.value > upper.value }
        return !(lower.isInclusive && upper.isInclusive)
    }

    /// Whether `self` lies within `other`.
    func isWithin(_ other: BandInterval) -> Bool {
        BandCoverage.firstGap(in: self, coveredBy: [other]) == nil
    }

    private static func tighterLower(_ a: BandBound?, _ b: BandBound?) -> BandBound? {
        guard let a else { return b }
        guard let b else { return a }
        if a.value != b.value { return a.value > b.value ? a : b }
        return a.isInclusive ? b : a
    }

    private static func tighterUpper(_ a: BandBound?, _ b: BandBound?) -> BandBound? {
        guard let a else { return b }
        guard let b else { return a }
        if a.value != b.value { return a.value < b.value ? a : b }
        return a.isInclusive ? b : a
    }
}

/// Finds values that no interval of a set covers.
enum BandCoverage {
    /// The first part of `target` not covered by any of `intervals`, or nil when all of it is covered.
    static func firstGap(in target: BandInterval, coveredBy intervals: [BandInterval]) -> BandInterval? {
        if target.isEmpty { return nil }
        let sorted = intervals.filter { !$0.isEmpty }.sorted { a, b in
            guard let x = a.lower else { return b.lower != nil }
            guard let y = b.lower else { return false }
            if x.value != y.value { return x.value < y.value }
            return x.isInclusive && !y.isInclusive
        }
        // The first point still to be covered: `cursor` itself when `cursorOpen` is false, else just after it.
        var cursor: Number? = target.lower?.value
        var cursorOpen = !(target.lower?.isInclusive ?? true)
        func passedTarget() -> Bool {
            guard let cursor, let upper = target.upper else { return false }
            if cursor != upper.value { return cursor > upper.value }
            return cursorOpen || !upper.isInclusive
        }
        for interval in sorted {
            if let upper = interval.upper, let cursor {
                if upper.value < cursor || (upper.value == cursor && (!upper.isInclusive || cursorOpen)) { continue }
            }
            let startsInTime: Bool
            if let lower = interval.lower {
                if let cursor {
                    if lower.value != cursor { startsInTime = lower.value < cursor }
                    else { startsInTime = cursorOpen || lower.isInclusive }
                } else {
                    startsInTime = false
                }
            } else {
                startsInTime = true
            }
            guard startsInTime else {
                let gapStart = cursor.map { BandBound(value: $0, isInclusive: !cursorOpen) }
                let gapEnd = interval.lower.map { BandBound(value: $0.value, isInclusive: !$0.isInclusive) }
                return BandInterval(lower: gapStart, upper: gapEnd).intersection(target)
            }
            guard let upper = interval.upper else { return nil }
            let advances = cursor.map { current in
                upper.value > current || (upper.value == current && upper.isInclusive && !cursorOpen)
            } ?? true
            if advances {
                cursor = upper.value
                cursorOpen = upper.isInclusive
            }
            if passedTarget() { return nil }
        }
        let gapStart = cursor.map { BandBound(value: $0, isInclusive: !cursorOpen) }
        return BandInterval(lower: gapStart, upper: target.upper)
    }

    /// "values below 90%", "values from 90% up to 110%", … for a gap, in the parameter's unit.
    static func describe(_ gap: BandInterval, _ quantity: Quantity) -> String {
        func text(_ bound: BandBound) -> String { QuantityText.text(bound.value, quantity) }
        switch (gap.lower, gap.upper) {
        case (nil, nil): return "any value"
        case (nil, let upper?): return "values \(upper.isInclusive ? "up to" : "below") \(text(upper))"
        case (let lower?, nil): return "values \(lower.isInclusive ? "from" : "above") \(text(lower))"
        case (let lower?, let upper?):
            if lower.value == upper.value { return "the value \(text(lower))" }
            let start = lower.isInclusive ? "from \(text(lower))" : "above \(text(lower))"
            let end = upper.isInclusive ? "up to \(text(upper))" : "below \(text(upper))"
            return "values \(start) and \(end)"
        }
    }
}
