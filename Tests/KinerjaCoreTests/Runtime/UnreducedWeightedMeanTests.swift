import Testing

@testable import KinerjaCore

/// The unreduced mean, with its fallbacks (reduced, then exact), gives what the exact mean gives.
@Suite("Weighted mean without reducing every term")
struct UnreducedWeightedMeanTests {
    /// The mean of `terms` the way the compiled `weighted_mean` takes it: unreduced, and exactly from the first term
    /// that overflows.
    static func mean(_ terms: [(Number, Number)]) throws -> Value {
        var fast = UnreducedWeightedMean()
        for (position, (value, weight)) in terms.enumerated() {
            do throws(NumberError) { try fast.add(value, weight: weight) } catch {
                var exact = fast.exact
                for (value, weight) in terms[position...] { try exact.add(.small(value), weight: weight) }
                return try exact.result()
            }
        }
        do throws(NumberError) { return try fast.result() } catch { return try fast.exact.result() }
    }

    static func exactMean(_ terms: [(Number, Number)]) throws -> Value {
        var exact = ExactWeightedMean()
        for (value, weight) in terms { try exact.add(.small(value), weight: weight) }
        return try exact.result()
    }

    @Test("random terms of every size, with weights whole or not, agree with the exact mean")
    func randomTerms() throws {
        var random = SeededRandom(seed: 5)
        var overflowed = 0
        for _ in 0..<5000 {
            let terms = try (0..<(1 + random.next(12))).map { _ in
                let bits = [8, 20, 40, 62][random.next(4)]
                let value = try Number(numerator: Int64(bitPattern: random.next()) >> (64 - bits),
                                       denominator: 1 + Int64(random.next() >> UInt64(64 - [1, 10, 30, 62][random.next(4)])))
                let weight = random.next(3) == 0 ? try Number(numerator: Int64(1 + random.next(99)), denominator: 4)
                    : Number(Int64(random.next(100)))
                return (value, weight)
            }
            var fast = UnreducedWeightedMean()
            if terms.contains(where: { value, weight in (try? fast.add(value, weight: weight)) == nil }) { overflowed += 1 }
            #expect(try Self.mean(terms) == Self.exactMean(terms), "\(terms)")
        }
        // Both the unreduced sums and the exact path are exercised.
        #expect(overflowed > 500)
    }

    @Test("terms at the ends of Int64 reach the reduced and the exact path and agree with the exact mean")
    func extremeTerms() throws {
        let extremes: [Number] = try [Number(.max), Number(.min), Number(.min + 1),
                                      Number(numerator: .max, denominator: .max - 1),
                                      Number(numerator: .min, denominator: 3), Number(numerator: 1, denominator: .max),
                                      Number(numerator: -7, denominator: 1 << 62), Number(0), Number(1)]
        let weights = [Number(1), Number(2), Number(100), try Number(numerator: 1, denominator: 3)]
        for first in extremes {
            for second in extremes {
                for weight in weights {
                    let terms = [(first, weight), (second, Number(1)), (first, Number(3))]
                    #expect(try Self.mean(terms) == Self.exactMean(terms), "\(terms)")
                }
            }
        }
    }

    @Test("no terms, or weights that add up to zero, give no mean")
    func noWeight() throws {
        #expect(try Self.mean([]) == .absent)
        #expect(try Self.mean([(Number(3), Number(2)), (Number(5), Number(-2))]) == .absent)
    }
}
