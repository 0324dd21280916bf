/// A term of `weighted_mean(...)` and its constant weight, held in an object so that the mean can call it without
/// counting a reference (`Lent`).
final class WeightedPart: Sendable {
    let value: CompiledExpression
    let weight: Number

    init(value: @escaping CompiledExpression, weight: Number) {
        self.value = value
        self.weight = weight
    }
}
