import Testing

@testable import KinerjaCore

/// Exact numbers of either size (`ExactNumber`): crossing into the big form and back, ordering across forms, printing,
/// rounding and the size bound. Expected values computed with Python's `fractions.Fraction`.
@Suite("Exact numbers of either size")
struct ExactNumberTests {
    /// "n/d" (decimal integers of any size, optional '-') or a decimal literal that fits `Number`.
    static func exact(_ text: String) throws -> ExactNumber {
        guard let slash = text.firstIndex(of: "/") else { return .small(try NumberTests.num(text)) }
        let numerator = BigIntegerTests.big(String(text[..<slash]))
        let denominator = BigIntegerTests.big(String(text[text.index(after: slash)...]))
        return try ExactNumber.reduced(numerator, denominator)
    }

    /// "n/d", or "overflow" / "div0" for an operation's outcome.
    static func show(_ body: () throws(NumberError) -> ExactNumber) -> String {
        do {
            let (numerator, denominator) = try body().parts
            return BigIntegerTests.text(numerator) + "/" + BigIntegerTests.text(denominator)
        } catch .overflow {
            return "overflow"
        } catch {
            return "div0"
        }
    }

    static func isSmall(_ number: ExactNumber) -> Bool {
        if case .small = number { return true }
        return false
    }

    @Test func aProductThatLeavesNumberComesBackToIt() throws {
        let a = try Self.exact("123456.789"), b = try Self.exact("1000000000000000000000000000000/1")
        let product = try a.multiplied(by: b)
        #expect(!Self.isSmall(product) && Self.show { product } == "123456789000000000000000000000000000/1")
        let back = try product.divided(by: b)
        #expect(Self.isSmall(back) && back == a && back.hashValue == a.hashValue)
        #expect(back.value == .number(try NumberTests.num("123456.789")))
        #expect(try Self.isSmall(ExactNumber.small(Number(.min)).negated().negated()))
        #expect(Self.show { () throws(NumberError) in try ExactNumber.small(Number(.min)).negated() } == "9223372036854775808/1")
        #expect(Self.show { () throws(NumberError) in try product.divided(by: .small(.zero)) } == "div0")
        #expect(Self.show { () throws(NumberError) in try ExactNumber.small(.zero).divided(by: product) } == "0/1")
        #expect(Self.show { () throws(NumberError) in try ExactNumber.small(.zero).multiplied(by: product) } == "0/1")
    }

    @Test func fractionsWithDistinctDenominatorsAddedAndSubtractedAgain() throws {
        let start = try Self.exact("2.5")
        var total = start
        for k in Int64(2)...200 { total = try total.adding(.small(Number(numerator: 1, denominator: k))) }
        #expect(!Self.isSmall(total) && total.parts.denominator.bitWidth == 293)
        #expect(total.decimalText(maxFractionDigits: 40) == "7.3780309481214444760573863971308616368374")
        for k in Int64(2)...200 { total = try total.subtracting(.small(Number(numerator: 1, denominator: k))) }
        #expect(Self.isSmall(total) && total == start && total.hashValue == start.hashValue)
        #expect(Set([total.value, start.value, try Self.exact("2.50").value]).count == 1)
    }

    @Test func orderingAcrossForms() throws {
        let values = try ["1000000000000000000000000000000/1", "9223372036854775807", "-1000000000000000000000000000000/1",
                          "1/1000000000000000000000000000000", "0", "1", "9223372036854775808/1", "-9223372036854775808",
                          "-0.3", "2000000000000000000000000000001/2", "-1/18446744073709551616"].map(Self.exact)
        let expected = try ["-1000000000000000000000000000000/1", "-9223372036854775808", "-0.3", "-1/18446744073709551616",
                            "0", "1/1000000000000000000000000000000", "1", "9223372036854775807", "9223372036854775808/1",
                            "1000000000000000000000000000000/1", "2000000000000000000000000000001/2"].map(Self.exact)
        #expect(values.sorted() == expected)
        let big = try Self.exact("1000000000000000000000000000000/1"), same = try Self.exact("2000000000000000000000000000000/2")
        #expect(big.compare(.small(Number(.max))) == 1 && ExactNumber.small(Number(.max)).compare(big) == -1)
        let negative = try big.negated()
        #expect(big.compare(same) == 0 && big == same && big.signum == 1 && negative.signum == -1)
        // Values compare across forms too, for comparisons and bands.
        #expect(ValueOrder.compare(big.value, .number(Number(.max))) == 1)
        #expect(ValueOrder.compare(.number(Number(.min)), negative.value) == 1)
        #expect(ValueOrder.compare(big.value, .absent) == nil)
    }

    static let textCases: [(String, Int, String)] = [
        ("200000000000000000001/2", 0, "100000000000000000001"), ("-200000000000000000001/2", 0, "-100000000000000000001"),
        ("1/200000000000000000000", 20, "0.00000000000000000001"), ("-1/200000000000000000000", 20, "-0.00000000000000000001"),
        ("-1/200000000000000000000", 10, "0"), ("1/300000000000000000000", 25, "0.0000000000000000000033333"),
        ("20000000000000000000000000/3", 10, "6666666666666666666666666.6666666667"),
        ("1/18446744073709551616", 100, "0.0000000000000000000542101086242752217003726400434970855712890625"),
        ("999999999999999999999999999999/1000000000000000000000000000000", 29, "1"),
        ("999999999999999999999999999999/1000000000000000000000000000000", 30, "0.999999999999999999999999999999"),
        ("-999999999999999999999999999999/1000000000000000000000000000000", 5, "-1"),
    ]

    @Test(arguments: textCases)
    func text(value: String, maxDigits: Int, expected: String) throws {
        let x = try Self.exact(value)
        #expect(!Self.isSmall(x))
        #expect(x.decimalText(maxFractionDigits: maxDigits) == expected)
        guard case .big(let number) = x else { return }
        #expect(maxDigits != 10 || number.description == expected)
        #expect(QuantityText.text(x.value, .number(.plain), maxFractionDigits: maxDigits) == expected)
    }

    @Test func roundingOfBigValues() throws {
        let third = try Self.exact("20000000000000000000000000/3"), seventh = try Self.exact("1000000000000000000000000000000/7")
        let small = try Self.exact("1/300000000000000000000"), tie = try Self.exact("-200000000000000000001/2")
        #expect(Self.show { () throws(NumberError) in try third.rounded(places: 2) } == "666666666666666666666666667/100")
        #expect(Self.show { () throws(NumberError) in try seventh.rounded(places: -25) } == "142860000000000000000000000000/1")
        #expect(Self.show { () throws(NumberError) in try seventh.rounded(places: -1300) } == "0/1")
        #expect(Self.show { () throws(NumberError) in try small.rounded(places: 21) } == "3/1000000000000000000000")
        #expect(Self.show { () throws(NumberError) in try small.rounded(places: 2) } == "0/1")
        #expect(Self.show { () throws(NumberError) in try tie.rounded(places: 0) } == "-100000000000000000001/1")
        let tiny = try Self.exact("1/18446744073709551616")
        #expect(Self.show { () throws(NumberError) in try tiny.rounded(places: .max) } == "1/18446744073709551616")
        #expect(Self.show { () throws(NumberError) in try seventh.rounded(places: .max) } == "overflow")
        // A small value whose rounding does not fit Number rounds exactly.
        let nearMax = ExactNumber.small(Number(.max))
        #expect(Self.show { () throws(NumberError) in try nearMax.rounded(places: -1) } == "9223372036854775810/1")
    }

    @Test func theSizeBound() throws {
        var half = ExactNumber.small(.one)  // 2^4095, the largest power of two of at most 4096 bits
        for _ in 0..<4095 { half = try half.multiplied(by: .small(Number(2))) }
        let largest = try half.subtracting(.small(.one)).adding(half)  // 2^4096 - 1
        #expect(largest.parts.numerator.bitWidth == BigNumber.maximumBitWidth)
        #expect(Self.show { () throws(NumberError) in try largest.adding(.small(.one)) } == "overflow")
        #expect(Self.show { () throws(NumberError) in try half.multiplied(by: .small(Number(2))) } == "overflow")
        let smallest = try ExactNumber.small(.one).divided(by: largest)
        #expect(Self.show { () throws(NumberError) in try smallest.divided(by: .small(Number(2))) } == "overflow")
        #expect(try smallest.multiplied(by: largest) == .small(.one))
    }

    @Test func hostileInputFailsFast() throws {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            // The sum of 1/k for k = 1...100,000 passes the bound after a few thousand terms.
            let reciprocals = (Int64(1)...100_000).map { Number(reducedNumerator: 1, denominator: $0) }
            #expect(throws: NumberError.overflow) { try ListAggregate.Kind.sum.value(of: reciprocals) }
        }
        #expect(elapsed < .seconds(20), "hostile input took \(elapsed)")
    }

    @Test func listFunctionsTakeTheExactPathWhenASumOverflows() throws {
        let numbers = [Number(.max), Number(.max), Number(1)]
        #expect(try ListAggregate.Kind.sum.value(of: numbers) == (try Self.exact("18446744073709551615/1")).value)
        #expect(try ListAggregate.Kind.mean.value(of: numbers) == .number(Number(6_148_914_691_236_517_205)))
        let list = Value.list([try Self.exact("18446744073709551615/1").value, .number(Number(-3))])
        #expect(try ListFunction.maximum.value(of: list) == (try Self.exact("18446744073709551615/1")).value)
        #expect(try ListFunction.minimum.value(of: list) == .number(Number(-3)))
        #expect(try ListFunction.median.value(of: list) == (try Self.exact("18446744073709551612/2")).value)
        let test = ItemTest(op: .greater, limit: Number(0))
        #expect(try ListFunction.aggregate(.matching(test, share: false)).value(of: list) == .number(Number(1)))
        #expect(try ListFunction.aggregate(.count).value(of: list) == .number(Number(2)))
    }
}
