import Testing

@testable import KinerjaCore

/// `Number.gcd` (a table for small operands, one division, then binary steps) against Euclid's algorithm.
@Suite("Greatest common divisor")
struct GreatestCommonDivisorTests {
    static func euclid<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> T {
        b == 0 ? a : euclid(b, a % b)
    }

    @Test("edge cases: zero, one, equal, multiples, the largest values")
    func edges() {
        let values: [UInt64] = [0, 1, 2, 3, 5, 8, 10, 40, 64, 100, 1 << 32, 1 << 63, UInt64(Int64.max), .max, .max - 1,
                                1_000_000_000_000_000_000, 999_999_999_999_999_999]
        for a in values {
            for b in values {
                #expect(Number.gcd(a, b) == Self.euclid(a, b), "gcd(\(a), \(b))")
                #expect(Number.gcd(UInt128(a) << 40, UInt128(b)) == Self.euclid(UInt128(a) << 40, UInt128(b)))
            }
        }
    }

    @Test("every pair below 300: the small ones looked up, the others after one division")
    func smallPairs() {
        for a in UInt64(0)..<300 {
            for b in UInt64(0)..<300 {
                #expect(Number.gcd(a, b) == Self.euclid(a, b), "gcd(\(a), \(b))")
                #expect(Number.gcd(UInt128(a), UInt128(b) << 64) == Self.euclid(UInt128(a), UInt128(b) << 64))
            }
        }
    }

    @Test("random pairs of every size, with common factors")
    func randomPairs() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<20_000 {
            let factor = random.next() >> random.next(64)
            let a = (random.next() >> random.next(64)) &* factor
            let b = (random.next() >> random.next(64)) &* factor
            #expect(Number.gcd(a, b) == Self.euclid(a, b), "gcd(\(a), \(b))")
        }
    }
}
