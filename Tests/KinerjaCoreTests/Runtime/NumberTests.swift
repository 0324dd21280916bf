import Foundation
import Testing
import KinerjaCore

@Suite("Number")
struct NumberTests {
    // MARK: Helpers

    struct BadLiteral: Error { let text: String }

    /// Parses a literal that the test expects to be valid.
    static func num(_ text: String) throws -> Number {
        guard let value = try Number.parse(text) else { throw BadLiteral(text: text) }
        return value
    }

    /// "n/d", "nil", "overflow" or "div0" for an operation's outcome.
    static func show(_ body: () throws(NumberError) -> Number?) -> String {
        do {
            guard let value = try body() else { return "nil" }
            return "\(value.numerator)/\(value.denominator)"
        } catch .overflow {
            return "overflow"
        } catch {
            return "div0"
        }
    }

    static let int64Min = "-9223372036854775808", int64Max = "9223372036854775807"
    static let twoToMinus50 = "0.00000000000000088817841970012523233890533447265625"
    static let twoToMinus62 = "0.00000000000000000021684043449710088680149056017398834228515625"
    static let twoToMinus63 = "0.000000000000000000108420217248550443400745280086994171142578125"

    // MARK: Parsing

    static let parseCases: [(String, String)] = [
        ("0", "0/1"), ("-0", "0/1"), ("000", "0/1"), ("0.000", "0/1"), ("7", "7/1"), ("-12", "-12/1"),
        ("007.50", "15/2"), ("0.1", "1/10"), ("92.5", "185/2"), ("-3.775", "-151/40"),
        ("1e3", "1000/1"), ("1E+3", "1000/1"), ("2.5e-1", "1/4"), ("1.5e-3", "3/2000"), ("12e-1", "6/5"),
        (int64Max, "\(int64Max)/1"), (int64Min, "\(int64Min)/1"),
        ("9223372036854775808", "overflow"), ("-9223372036854775809", "overflow"),
        ("9.223372036854775807e18", "\(int64Max)/1"), ("1e18", "1000000000000000000/1"), ("1e19", "overflow"),
        ("1e-18", "1/1000000000000000000"), ("1e-19", "overflow"), ("5e-19", "1/2000000000000000000"),
        ("1e400", "overflow"), ("1e-400", "overflow"), ("-1e400", "overflow"),
        ("1e99999999999999999999999", "overflow"), ("0e999999999", "0/1"), ("-0.0e-99999999999999", "0/1"),
        ("1.000000000000000000000000000000", "1/1"), ("100000000000000000000e-20", "1/1"),
        (twoToMinus50, "1/1125899906842624"), (twoToMinus62, "1/4611686018427387904"), (twoToMinus63, "overflow"),
        ("92233720368547758.07e2", "\(int64Max)/1"), ("0.000000016570089727366004736", "123456789012/7450580596923828125"),
        ("340282366920938463463374607431768211456e-63", "overflow"), ("0.3333333333333333333", "overflow"),
        ("", "nil"), ("-", "nil"), ("+1", "nil"), ("1.", "nil"), (".5", "nil"), ("-.5", "nil"), ("1e", "nil"),
        ("1e+", "nil"), ("1e-", "nil"), ("--1", "nil"), ("-+1", "nil"), (" 1", "nil"), ("1 ", "nil"),
        ("1.2.3", "nil"), ("0x10", "nil"), ("1e5.5", "nil"), ("1f", "nil"), ("inf", "nil"), ("NaN", "nil"),
        ("1_000", "nil"), ("1,5", "nil"), ("e5", "nil"), ("١", "nil"), ("1\u{0}", "nil"),
        (String(repeating: "9", count: 1000), "overflow"), ("1" + String(repeating: "0", count: 999), "overflow"),
        ("0." + String(repeating: "0", count: 999) + "1", "overflow"), ("1." + String(repeating: "0", count: 1000), "1/1"),
        (String(repeating: "0", count: 1000), "0/1"), ("-" + String(repeating: "0", count: 500) + "12.50", "-25/2"),
        ("0." + String(repeating: "3", count: 1000), "overflow"),
    ]

    @Test(arguments: parseCases)
    func parse(text: String, expected: String) {
        #expect(Self.show { () throws(NumberError) in try Number.parse(text[...]) } == expected)
        var bytes = Array(text.utf8)
        let fromBytes = bytes.withUnsafeMutableBufferPointer { buffer in
            Self.show { () throws(NumberError) in try Number.parse(UnsafeBufferPointer(buffer)) }
        }
        #expect(fromBytes == expected)
        let padded = "[\(text)]"
        let inner = padded.dropFirst().dropLast()  // a Substring that is not a whole String
        #expect(Self.show { () throws(NumberError) in try Number.parse(inner) } == expected)
    }

    // MARK: Construction

    static let fractionCases: [(Int64, Int64, String)] = [
        (6, -4, "-3/2"), (-6, -4, "3/2"), (0, -5, "0/1"), (1, 0, "div0"), (.min, -1, "overflow"),
        (.min, .min, "1/1"), (.min, 2, "-4611686018427387904/1"), (.max, .max, "1/1"), (1, .min, "overflow"),
        (2, .min, "-1/4611686018427387904"),
    ]

    @Test(arguments: fractionCases)
    func fraction(numerator: Int64, denominator: Int64, expected: String) {
        #expect(Self.show { () throws(NumberError) in try Number(numerator: numerator, denominator: denominator) } == expected)
    }

    @Test func layoutAndIdentity() throws {
        #expect(MemoryLayout<Number>.size == 16)
        #expect(Number.zero == Number(0) && Number.one == Number(1))
        #expect(try Self.num("0.1").adding(Self.num("0.2")) == Self.num("0.3"))
        let set: Set<Number> = [try Self.num("0.50"), try Self.num("5e-1"), try Number(numerator: 2, denominator: 4)]
        #expect(set.count == 1)
        #expect(try Self.num("2.5").isInteger == false && Self.num("2.50e1").isInteger)
        #expect(Number.zero.isZero && Number.zero.signum == 0 && Number(-3).signum == -1 && Number(3).signum == 1)
    }

    // MARK: Arithmetic

    static let arithmeticCases: [(String, String, String, String)] = [
        ("0.1", "+", "0.2", "3/10"), ("1/3", "+", "1/6", "1/2"), ("0.75", "-", "0.25", "1/2"), ("2", "/", "3", "2/3"),
        ("0.1", "*", "0.1", "1/100"), ("-1.5", "*", "4", "-6/1"), ("1", "/", "0", "div0"), ("0", "/", "0", "div0"),
        ("0", "/", "7", "0/1"), ("0", "*", "1/3", "0/1"), ("1/3", "-", "1/3", "0/1"), ("5/6", "+", "1/6", "1/1"),
        (int64Max, "+", "1", "overflow"), (int64Min, "-", "1", "overflow"), (int64Max, "+", int64Min, "-1/1"),
        ("-1", "-", int64Min, "\(int64Max)/1"), (int64Min, "*", "-1", "overflow"), (int64Min, "/", "-1", "overflow"),
        (int64Min, "/", int64Min, "1/1"), (int64Min, "*", "1", "\(int64Min)/1"), (int64Max, "*", int64Max, "overflow"),
        ("4611686018427387904", "*", "2", "overflow"), ("-4611686018427387904", "*", "2", "\(int64Min)/1"),
        ("1/\(int64Max)", "+", "1/9223372036854775806", "overflow"), ("1/\(int64Max)", "-", "1/\(int64Max)", "0/1"),
        ("1/\(int64Max)", "*", int64Max, "1/1"), ("\(int64Max)/2", "+", "\(int64Max)/2", "\(int64Max)/1"),
        ("\(int64Max)/2", "+", "1/2", "4611686018427387904/1"), ("\(int64Max)/3", "+", "\(int64Max)/6", "\(int64Max)/2"),
        ("9223372036854775806/\(int64Max)", "+", "1/\(int64Max)", "1/1"), ("3037000499/1", "*", "3037000499", "9223372030926249001/1"),
        ("1/3037000499", "*", "1/3037000500", "1/9223372033963249500"), ("1/3037000500", "*", "1/3037000500", "overflow"),
        ("1", "/", "1/\(int64Max)", "\(int64Max)/1"), ("1", "/", int64Min, "overflow"), ("2", "/", int64Min, "-1/4611686018427387904"), ("-1/2", "/", "-1/4", "2/1"),
    ]

    /// Parses "a" or "a/b" into a Number.
    static func ratio(_ text: String) throws -> Number {
        let parts = text.split(separator: "/")
        guard parts.count == 2 else { return try num(text) }
        return try Number(numerator: num(String(parts[0])).numerator, denominator: num(String(parts[1])).numerator)
    }

    @Test(arguments: arithmeticCases)
    func arithmetic(left: String, op: String, right: String, expected: String) throws {
        let x = try Self.ratio(left), y = try Self.ratio(right)
        let result = Self.show { () throws(NumberError) -> Number? in
            switch op {
            case "+": try x.adding(y)
            case "-": try x.subtracting(y)
            case "*": try x.multiplied(by: y)
            default: try x.divided(by: y)
            }
        }
        #expect(result == expected)
    }

    @Test func negation() throws {
        #expect(Self.show { () throws(NumberError) in try Number(.min).negated() } == "overflow")
        #expect(try Number(.max).negated() == Number(-.max))
        #expect(try Self.num("-2.5").negated() == Self.num("2.5"))
        #expect(try Number.zero.negated() == .zero)
    }

    @Test func ordering() throws {
        let int64Max = Self.int64Max, int64Min = Self.int64Min
        let values = try [int64Max, "9223372036854775806/\(int64Max)", "1", "\(int64Max)/9223372036854775806",
                          "9223372036854775806/9223372036854775805", "0.3", "1/3", "-1/3", int64Min, "0", "-0.3"]
            .map(Self.ratio)
        let sorted = values.sorted()
        let expected = try [int64Min, "-1/3", "-0.3", "0", "0.3", "1/3", "9223372036854775806/\(int64Max)", "1",
                            "\(int64Max)/9223372036854775806", "9223372036854775806/9223372036854775805", int64Max]
            .map(Self.ratio)
        #expect(sorted == expected)
        #expect(try Self.num("80").compare(Self.num("80.000")) == 0)
        #expect(try Self.num("79.99").compare(Self.num("80")) == -1 && Self.num("80.01").compare(Self.num("80")) == 1)
        #expect(try Self.num("0.1").adding(Self.num("0.2")) >= Self.num("0.3"))
    }

    // MARK: Rounding

    static let roundingCases: [(String, Int, String)] = [
        ("3.775", 2, "189/50"), ("-3.775", 2, "-189/50"), ("2.345", 2, "47/20"), ("-2.345", 2, "-47/20"),
        ("1/3", 2, "33/100"), ("2/3", 2, "67/100"), ("-2/3", 0, "-1/1"), ("5/2", 0, "3/1"), ("-5/2", 0, "-3/1"),
        ("1/2", 0, "1/1"), ("-1/2", 0, "-1/1"), ("0.4999", 0, "0/1"), ("-0.004", 2, "0/1"), ("92.5", 2, "185/2"),
        ("7", 3, "7/1"), ("1234.5", -2, "1200/1"), ("1250", -2, "1300/1"), ("-1250", -2, "-1300/1"),
        ("1249.99", -2, "1200/1"), ("-7", -1, "-10/1"), (int64Max, -19, "overflow"), ("4e18", -19, "0/1"),
        ("5e18", -19, "overflow"), (int64Max, -20, "0/1"), (int64Max, -3, "overflow"), (int64Max, 0, "\(int64Max)/1"),
        ("\(int64Max)/2", 0, "4611686018427387904/1"), ("\(int64Min)/3", 0, "-3074457345618258603/1"),
        ("1/3", 18, "333333333333333333/1000000000000000000"), ("1/3", 19, "overflow"), ("1/3", 40, "overflow"),
        ("1/2", 40, "1/2"), ("1/1125899906842624", 60, "1/1125899906842624"), ("1/1125899906842624", 45, "overflow"),
        ("1/4611686018427387904", 19, "1/5000000000000000000"), ("1/4611686018427387904", 20, "overflow"),
        ("\(int64Max)/1000", 2, "922337203685477581/100"), ("\(int64Max)/1001", 2, "921415787897580001/100"),
        ("1/2", Int.max, "1/2"), ("1/3", Int.max, "overflow"), (int64Max, Int.min, "0/1"),
    ]

    @Test(arguments: roundingCases)
    func rounding(value: String, places: Int, expected: String) throws {
        let x = try Self.ratio(value)
        #expect(Self.show { () throws(NumberError) in try x.rounded(places: places) } == expected)
    }

    static let floorCases: [(String, String, String)] = [
        ("5/2", "2/1", "3/1"), ("-5/2", "-3/1", "-2/1"), ("7", "7/1", "7/1"), ("-1/3", "-1/1", "0/1"), ("1/3", "0/1", "1/1"),
        ("\(int64Min)/2", "-4611686018427387904/1", "-4611686018427387904/1"), ("\(int64Min)/3", "-3074457345618258603/1", "-3074457345618258602/1"),
        ("\(int64Max)/2", "4611686018427387903/1", "4611686018427387904/1"), (int64Min, "\(int64Min)/1", "\(int64Min)/1"),
    ]

    @Test(arguments: floorCases)
    func floorAndCeiling(value: String, floor: String, ceiling: String) throws {
        let x = try Self.ratio(value)
        #expect(Self.show { x.floor() } == floor)
        #expect(Self.show { x.ceiling() } == ceiling)
    }

    static let powerOfTenCases: [(String, Int, String)] = [
        ("92.5", -2, "37/40"), ("1", 18, "1000000000000000000/1"), ("1", 19, "overflow"), ("1", -18, "1/1000000000000000000"),
        ("1", -19, "overflow"), ("0", Int.max, "0/1"), ("0", Int.min, "0/1"), ("5", Int.min, "overflow"), ("5", Int.max, "overflow"),
        ("1/4611686018427387904", 19, "19073486328125/8796093022208"), ("1/4611686018427387904", 27, "7450580596923828125/34359738368"), ("1/4611686018427387904", 62, "overflow"),
        ("1/4611686018427387904", 63, "overflow"), ("3.5", 0, "7/2"), ("-1234", -3, "-617/500"), ("12345678901234567", -37, "overflow"),
    ]

    @Test(arguments: powerOfTenCases)
    func powerOfTen(value: String, k: Int, expected: String) throws {
        let x = try Self.ratio(value)
        #expect(Self.show { () throws(NumberError) in try x.multiplied(byPowerOfTen: k) } == expected)
    }

    // MARK: Printing

    static let textCases: [(String, Int, Int, String)] = [
        ("2/3", 10, 0, "0.6666666667"), ("1/3", 10, 0, "0.3333333333"), ("92.5", 2, 2, "92.50"), ("92.5", 10, 0, "92.5"),
        ("0", 10, 0, "0"), ("0", 2, 2, "0.00"), ("5", 10, 2, "5.00"), ("-5", 0, 0, "-5"), ("-0.0001", 2, 0, "0"),
        ("-0.0001", 2, 2, "0.00"), ("-0.005", 2, 0, "-0.01"), ("0.995", 2, 0, "1"), ("0.995", 2, 2, "1.00"), ("-0.995", 2, 0, "-1"),
        ("9.5", 0, 0, "10"), ("-9.5", 0, 0, "-10"), ("-0.5", 0, 0, "-1"), ("-0.49", 0, 0, "0"), ("1/7", 0, 0, "0"),
        ("0.1", 10, 0, "0.1"), ("1e-10", 10, 0, "0.0000000001"), ("5e-11", 10, 0, "0.0000000001"), ("4e-11", 10, 0, "0"),
        ("1.25", 1, 0, "1.3"), ("-1.25", 1, 0, "-1.3"), ("1.2", 10, 5, "1.20000"), ("1/3", 2, 4, "0.3333"), ("0.19996", 4, 0, "0.2"),
        ("9.99996", 4, 0, "10"), ("123.4567", 2, 0, "123.46"), ("-123.4", -5, 0, "-123"), (int64Min, 10, 0, int64Min),
        (int64Max, 10, 1, "\(int64Max).0"), ("\(int64Max)/2", 10, 0, "4611686018427387903.5"),
        ("\(int64Min)/\(int64Max)", 20, 0, "-1.00000000000000000011"), ("1/\(int64Max)", 25, 0, "0.0000000000000000001084202"),
        ("1/4611686018427387904", 62, 0, twoToMinus62), ("1/4611686018427387904", 61, 0, twoToMinus62.dropLast(2) + "3"), ("1/4611686018427387904", 200, 0, twoToMinus62),
        ("1/3", 200, 0, "0." + String(repeating: "3", count: 100)), ("1", 0, 200, "1." + String(repeating: "0", count: 100)),
    ]

    @Test(arguments: textCases)
    func text(value: String, maxDigits: Int, minDigits: Int, expected: String) throws {
        let x = try Self.ratio(value)
        #expect(x.decimalText(maxFractionDigits: maxDigits, minFractionDigits: minDigits) == expected)
        var buffer = Array("x=".utf8)
        x.appendDecimalText(to: &buffer, maxFractionDigits: maxDigits, minFractionDigits: minDigits)
        #expect(buffer == Array(("x=" + expected).utf8))
        if maxDigits == 10 && minDigits == 0 { #expect(x.description == expected) }
    }

    // MARK: Differential test against Python's fractions

    /// SplitMix64: a fixed-seed generator so the cases are the same on every run.
    struct Generator {
        var random: SeededRandom
        mutating func next(_ bound: Int) -> Int { random.next(bound) }
        mutating func digits(_ range: ClosedRange<Int>) -> String {
            String((0..<(range.lowerBound + next(range.count))).map { _ in Character(String(next(10))) })
        }
        mutating func literal() -> String {
            let sign = next(4) == 0 ? "-" : ""
            switch next(9) {
            case 0: return sign + String(next(201))
            case 1: return sign + String(next(10000)) + "." + digits(1...3)
            case 2: return sign + digits(1...19)
            case 3: return sign + "0." + digits(1...(next(4) == 0 ? 19 : 17))
            case 4:
                let exponent = next(51) - 25, exponentSign = exponent < 0 ? "-" : ["", "+"][next(2)]
                return sign + digits(1...6) + (next(2) == 0 ? "" : "." + digits(1...4)) + ["e", "E"][next(2)] + exponentSign + String(exponent.magnitude)
            case 5: return sign + "922337203685477580" + digits(1...1) + (next(2) == 0 ? "" : "." + digits(1...3))
            case 6: return sign + ["0.5", "0.25", "2.5", "0.125", "3.775", "2.345", "0.1", "0.3", "0", "100", "0.005", "99.995"][next(12)]
            case 7 where next(2) == 0: return sign + digits(1...15) + "." + String(repeating: "0", count: 1 + next(30))
            case 7: return sign + digits(20...40) + (next(2) == 0 ? "" : "." + digits(1...20)) + String(repeating: "0", count: next(8))
            default: return sign + digits(1...9) + "." + digits(1...9)
            }
        }
    }

    static let pythonScript = """
        import sys
        from fractions import Fraction as F
        from math import floor, ceil
        def fits(f): return -2**63 <= f.numerator < 2**63 and f.denominator < 2**63
        def show(f): return f"{f.numerator}/{f.denominator}" if fits(f) else "overflow"
        def rnd(f, k):
            r = F(floor(abs(f) * F(10)**k + F(1, 2))) / F(10)**k
            return -r if f < 0 else r
        def text(f, mx, mn):
            mn = min(max(mn, 0), 100); p = min(max(mx, mn), 100)
            q = floor(abs(f) * 10**p + F(1, 2))
            i, frac = divmod(q, 10**p)
            d = (str(frac).rjust(p, "0") if p > 0 else "").rstrip("0").ljust(mn, "0")
            out = str(i) + ("." + d if d else "")
            return "-" + out if f < 0 and q != 0 else out
        for line in sys.stdin.read().splitlines():
            xs, ys, k, mx, mn = line.split(" ")
            k, mx, mn = int(k), int(mx), int(mn)
            x, y = F(xs), F(ys)
            fields = [show(x), show(y)]
            if fits(x) and fits(y):
                fields += [show(x + y), show(x - y), show(x * y), show(x / y) if y else "div0"]
                fields += [str((x > y) - (x < y)), show(rnd(x, k)), show(x * F(10)**k), text(x, mx, mn)]
                if y and fits(x / y):
                    q = x / y
                    fields += [show(rnd(q, 2)), text(q, mx, mn), show(F(floor(q))), show(F(ceil(q)))]
            print(" ".join(fields))
        """

    /// The same fields as the Python script, computed by Number.
    static func swiftFields(_ xs: String, _ ys: String, _ k: Int, _ mx: Int, _ mn: Int) -> String {
        let px = show { () throws(NumberError) in try Number.parse(xs) }, py = show { () throws(NumberError) in try Number.parse(ys) }
        var fields = [px, py]
        guard let x = try? Number.parse(xs), let y = try? Number.parse(ys) else { return fields.joined(separator: " ") }
        fields += [show { () throws(NumberError) in try x.adding(y) }, show { () throws(NumberError) in try x.subtracting(y) },
                   show { () throws(NumberError) in try x.multiplied(by: y) }, show { () throws(NumberError) in try x.divided(by: y) }]
        fields += [String(x.compare(y)), show { () throws(NumberError) in try x.rounded(places: k) },
                   show { () throws(NumberError) in try x.multiplied(byPowerOfTen: k) }, x.decimalText(maxFractionDigits: mx, minFractionDigits: mn)]
        if let q = try? x.divided(by: y) {
            fields += [show { () throws(NumberError) in try q.rounded(places: 2) }, q.decimalText(maxFractionDigits: mx, minFractionDigits: mn),
                       show { q.floor() }, show { q.ceiling() }]
        }
        return fields.joined(separator: " ")
    }

    @Test func differentialAgainstPythonFractions() throws {
        var generator = Generator(random: SeededRandom(seed: 20_240_601))
        var lines: [String] = []
        for _ in 0..<4000 {
            let k = generator.next(24) - 4, mx = generator.next(14), mn = generator.next(4)
            lines.append("\(generator.literal()) \(generator.literal()) \(k) \(mx) \(mn)")
        }
        let inputURL = FileManager.default.temporaryDirectory.appendingPathComponent("number-diff-\(UUID().uuidString).txt")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: inputURL)
        defer { try? FileManager.default.removeItem(at: inputURL) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.pythonScript]
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 (via /usr/bin/env) failed or is missing: status \(process.terminationStatus)")

        let expected = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        try #require(expected.count == lines.count, "python3 answered \(expected.count) lines for \(lines.count) cases")
        var mismatches: [String] = []
        for (line, want) in zip(lines, expected) {
            let parts = line.split(separator: " ").map(String.init)
            let got = Self.swiftFields(parts[0], parts[1], Int(parts[2]) ?? 0, Int(parts[3]) ?? 0, Int(parts[4]) ?? 0)
            if got != want { mismatches.append("\(line)\n  swift:  \(got)\n  python: \(want)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5).joined(separator: "\n"))")
        // The generator should reach both the full set of fields and the overflow paths of the operations.
        let full = expected.filter { $0.split(separator: " ").count == 14 }
        #expect(full.count > lines.count / 2, "only \(full.count) cases got past parsing")
        #expect(full.filter { $0.contains("overflow") }.count > lines.count / 10)
    }
}
