import Testing

@testable import KinerjaCore

@Suite("Byte cursor")
struct ByteCursorTests {
    @Test("a decimal in lowest terms equals the reduced fraction, for random digits, signs and places")
    func decimalReduction() throws {
        var generator = SeededRandom(seed: 20261125)
        let edges: [Int64] = [1, -1, 5, 25, 125, 10, 100, 1_000_000_000_000_000_000, -999_999_999_999_999_999,
                              Int64.max, Int64.min + 1, 2 << 61, -(2 << 61), 3_814_697_265_625, 95_367_431_640_625]
        for index in 0..<20_000 {
            let mantissa = index < edges.count ? edges[index] : Int64(bitPattern: generator.next())
                >> Int64(generator.next(64))
            for places in [1, 2, 3, 7, 18] {
                let expected = try Number(numerator: mantissa, denominator: Int64(Number.powerOfTen(places)))
                #expect(Number.decimal(mantissa, fractionDigits: places) == expected, "\(mantissa) / 10^\(places)")
            }
        }
    }
}
