import Testing
@testable import KinerjaCore

/// BigInteger against values computed with Python's integers.
@Suite("BigInteger")
struct BigIntegerTests {
    /// A BigInteger from decimal text with an optional '-'.
    static func big(_ text: String) -> BigInteger {
        var value = BigInteger(0)
        for byte in text.utf8 where byte != UInt8(ascii: "-") {
            value.multiply(by: 10, adding: UInt64(byte - UInt8(ascii: "0")))
        }
        return text.hasPrefix("-") ? -value : value
    }

    /// Decimal text with a '-' for negative values.
    static func text(_ value: BigInteger) -> String {
        (value.isNegative ? "-" : "") + String(decoding: value.decimalDigits, as: UTF8.self)
    }

    static let a = "265613988875874769338781322035779626829233452653394494176109919091680344281021842424735349792752"
    static let b = "-1361129467683753866199177330961640735947"

    @Test func arithmeticOfSignedValues() {
        let x = Self.big(Self.a), y = Self.big(Self.b)
        #expect(Self.text(x + y) == "265613988875874769338781322035779626829233452653394494174748789623996590414822665093773709056805")
        #expect(Self.text(x - y) == "265613988875874769338781322035779626829233452653394494177471048559364098147221019755696990528699")
        #expect(Self.text(x * y) == "-361535027287977945759308016329737740777767553194521570297777355378859247455667587191726753676087511955956168842072765443568507206456144")
        let (quotient, remainder) = x.quotientAndRemainder(dividingBy: y)
        #expect(Self.text(quotient) == "-195142339639352940517318748820841293008025898359078933624")
        #expect(Self.text(remainder) == "61817153175140362885813105488026010824")
        #expect((y - y).isZero && !(y - y).isNegative && Self.text(y + -y) == "0")
        #expect(y < x && -x < y && !(x < x) && Self.big("-5") < Self.big("-4"))
    }

    /// Quotient and remainder as "q r".
    static func division(_ u: String, _ v: String) -> String {
        let (quotient, remainder) = big(u).quotientAndRemainder(dividingBy: big(v))
        return text(quotient) + " " + text(remainder)
    }

    static let divisionCases: [(String, String, String)] = [
        // Knuth D's add-back step (D6): u = [0, 0, 2^63, 2^63 - 1], v = [1, 0, 2^63] in 64-bit limbs.
        ("57896044618658097708646941636650613544717097621216448811677614281724547563520",
         "3138550867693340381917894711603833208051177722232017256449",
         "18446744073709551614 3138550867693340381917894711603833208032730978158307704834"),
        // Equal lengths (three limbs each).
        ("1569275433846670190958947355801916604025588861116008628241", "1532496056243409590369678063611438949240011824291124177",
         "1023 1531968309662180010766696727414558953056764866188595170"),
        // A divisor of one limb.
        ("1000000000000000000000000000000000000000000000000000000000001", "18446744073709551557",
         "54210108624275221873758056789784493551232 18373058330875131777"),
        // Zero remainder.
        ("608450382482326502070989133377761773950345318817472560723234274153425", "1180591620717411303425",
         "515377520732011331036461129765621272702107522001 0"),
        // Dividend smaller than the divisor, signs.
        ("12345", "1180591620717411303425", "0 12345"), ("-7", "2", "-3 -1"), ("7", "-2", "-3 1"), ("0", "-3", "0 0"),
    ]

    @Test(arguments: divisionCases)
    func quotientAndRemainder(dividend: String, divisor: String, expected: String) {
        #expect(Self.division(dividend, divisor) == expected)
    }

    @Test func greatestCommonDivisor() {
        let g1 = Self.big("8075323118233071899646933143225079285642938160326710796886844848216004009113962938368")
        let g2 = Self.big("-2061069464587403368695864754368744815865252809820203043570341942132736")
        #expect(Self.text(BigInteger.gcd(g1, g2)) == "910043815000214977332758527534256632492715260325658624")
        #expect(Self.text(BigInteger.gcd(g2, g1)) == "910043815000214977332758527534256632492715260325658624")
        #expect(Self.text(BigInteger.gcd(Self.big("1759218604441600000000000000000000"), Self.big("10000000000000000000000000")))
                == "3200000000000000000000")
        #expect(Self.text(BigInteger.gcd(BigInteger(0), g2)) == "2061069464587403368695864754368744815865252809820203043570341942132736")
        #expect(Self.text(BigInteger.gcd(g1, BigInteger(1))) == "1")
    }

    @Test func conversionsAndWidths() {
        #expect(Self.text(BigInteger.powerOfTen(40)) == "1" + String(repeating: "0", count: 40))
        #expect(BigInteger.powerOfTen(40).bitWidth == 133 && BigInteger(0).bitWidth == 0 && BigInteger(-1).bitWidth == 1)
        #expect(BigInteger(.min).int64Value == .min && BigInteger(.max).int64Value == .max)
        #expect((BigInteger(.min) - BigInteger(1)).int64Value == nil && (BigInteger(.max) + BigInteger(1)).int64Value == nil)
        #expect(Self.big("18446744073709551615").int64Value == nil)
        #expect(Self.text(BigInteger(.min)) == "-9223372036854775808" && Self.text(BigInteger(0)) == "0")
        let shifted = Self.big("1759218604441600000000000000000000")  // 2^64 · 5^20
        #expect(shifted.trailingZeroBitCount == 64 && Self.text(shifted.shiftedRight(by: 64)) == "95367431640625")
        #expect(Self.text(shifted.shiftedRight(by: 70)) == "1490116119384")
        #expect(Self.text(Self.big("-1000000000000000000000").shiftedRight(by: 200)) == "0")
    }
}
