/// A weighted mean of `Number`s whose running sum is a fraction of two `Int64`s not kept in lowest terms: adding a
/// term takes a few multiplications, where a sum in lowest terms takes a gcd or two per term, and the gcd comes once,
/// with the result. Where the unreduced parts would overflow, the sum is reduced and the term added as `Number`
/// adds; where that overflows too, `add` throws `.overflow`, leaving the mean as it was, and the caller goes on
/// exactly (`ExactWeightedMean`) from `exact`.
struct UnreducedWeightedMean {
    private var numerator: Int64 = 0
    /// The denominator of the sum; always positive.
    private var denominator: Int64 = 1
    private var totalWeight = Number.zero

    /// Adds `value` with `weight`; unchanged when it throws.
    mutating func add(_ value: Number, weight: Number) throws(NumberError) {
        let weights = try totalWeight.adding(weight)
        if let sum = unreducedSum(adding: value, weight: weight) {
            (numerator, denominator) = sum
        } else {
            let sum = try self.sum.adding(value.multiplied(by: weight))
            (numerator, denominator) = (sum.numerator, sum.denominator)
        }
        totalWeight = weights
    }

    /// The mean; absent when the weights add up to zero (as when nothing was added).
    func result() throws(NumberError) -> Value {
        guard !totalWeight.isZero else { return .absent }
        // (numerator / denominator) / (weight numerator / weight denominator), reduced once.
        let (top, o1) = numerator.multipliedReportingOverflow(by: totalWeight.denominator)
        let (bottom, o2) = denominator.multipliedReportingOverflow(by: totalWeight.numerator)
        if !o1 && !o2 { return .number(try Number(numerator: top, denominator: bottom)) }
        return .number(try sum.divided(by: totalWeight))
    }

    /// The same mean so far on numbers of either size, for the exact path to go on from.
    var exact: ExactWeightedMean {
        ExactWeightedMean(weightedSum: .small(sum), totalWeight: .small(totalWeight))
    }

    /// The sum in lowest terms; reducing never overflows.
    private var sum: Number {
        Number.reduced(numerator, denominator)
    }

    /// `numerator / denominator + value · weight` unreduced; nil where a part overflows.
    private func unreducedSum(adding value: Number, weight: Number) -> (Int64, Int64)? {
        let (top, o1) = value.numerator.multipliedReportingOverflow(by: weight.numerator)
        let (bottom, o2) = value.denominator.multipliedReportingOverflow(by: weight.denominator)
        guard !o1 && !o2 else { return nil }
        if bottom == denominator {
            let (sum, overflow) = numerator.addingReportingOverflow(top)
            return overflow ? nil : (sum, bottom)
        }
        let (scaled, o3) = numerator.multipliedReportingOverflow(by: bottom)
        let (term, o4) = top.multipliedReportingOverflow(by: denominator)
        let (sum, o5) = scaled.addingReportingOverflow(term)
        let (common, o6) = denominator.multipliedReportingOverflow(by: bottom)
        return o3 || o4 || o5 || o6 ? nil : (sum, common)
    }
}
