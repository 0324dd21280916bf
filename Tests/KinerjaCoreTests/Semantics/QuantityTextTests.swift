import Testing

@testable import KinerjaCore

@Suite("Numbers in their unit")
struct QuantityTextTests {
    @Test("isShown agrees with displayNumber at the size bounds and for random parts")
    func isShownAgreesWithDisplayNumber() throws {
        var generator = SeededRandom(seed: 20261123)
        let edges: [Int64] = [0, 1, 60, 100, 3600, Int64.max / 100, Int64.max / 100 + 1, Int64.max / 60,
                              Int64.max / 60 + 1, Int64.max / 3600 + 1, Int64.max - 1, Int64.max]
        var numbers: [Number] = []
        for top in edges {
            for bottom in edges where bottom > 0 {
                for sign: Int64 in [1, -1] { numbers.append(try Number(numerator: sign * top, denominator: bottom)) }
            }
        }
        for _ in 0..<20_000 {
            let top = Int64(bitPattern: generator.next()) >> Int64(generator.next(64))
            let bottom = max(1, Int64(bitPattern: generator.next() >> 1) >> Int64(generator.next(63)))
            numbers.append(try Number(numerator: top, denominator: bottom))
        }
        let quantities: [Quantity] = [.plain, .percent, .duration(.minute), .duration(.hour), .duration(.day)]
        for number in numbers {
            for quantity in quantities {
                #expect(QuantityText.isShown(number, quantity) == (QuantityText.displayNumber(number, quantity) != nil),
                        "\(number) in \(quantity)")
            }
        }
    }
}
