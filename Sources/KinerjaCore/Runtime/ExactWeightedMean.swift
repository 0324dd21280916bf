/// A running weighted mean over exact numbers of either size, in lowest terms at every step; absent when nothing was
/// added. The means start as `UnreducedWeightedMean` and go on here (`Compiler.exactMean`) from the first term
/// that overflows it or is big.
struct ExactWeightedMean {
    private var weightedSum = ExactNumber.small(.zero)
    private var totalWeight = ExactNumber.small(.zero)

    init() {}

    init(weightedSum: ExactNumber, totalWeight: ExactNumber) {
        self.weightedSum = weightedSum
        self.totalWeight = totalWeight
    }

    /// Adds `value` with `weight`; unchanged when it throws.
    mutating func add(_ value: ExactNumber, weight: Number) throws(NumberError) {
        let sum = try weightedSum.adding(value.multiplied(by: .small(weight)))
        totalWeight = try totalWeight.adding(.small(weight))
        weightedSum = sum
    }

    func result() throws(NumberError) -> Value {
        totalWeight.compare(.small(.zero)) == 0 ? .absent : try weightedSum.divided(by: totalWeight).value
    }
}
