// The exact slow path of arithmetic: numbers too large for `Number`, and the operations on numbers of either size.
// `Number` stays the fast path; an operation takes this one only when an operand is big or the `Number` operation
// overflows, and its result is a `Number` again whenever it fits.

/// An exact rational number too large for `Number`: a reduced fraction (denominator > 0) of which at least one part
/// does not fit `Int64` and neither is wider than `maximumBitWidth` bits. Only arithmetic makes one (data and policy
/// literals are `Number`s), and anything that fits is a `Number`, so a `BigNumber` never equals a `Number`.
/// Immutable, so copies share it.
public final class BigNumber: Sendable, Hashable, CustomStringConvertible {
    /// The widest numerator or denominator, in bits; a result with a wider part is an overflow (R102).
    static let maximumBitWidth = 4096
    /// A decimal digit count whose power of ten exceeds every part: 10^1234 > 2^4096.
    static let maximumDecimalDigits = 1234

    /// Carries the sign.
    let numerator: BigInteger
    /// Always positive.
    let denominator: BigInteger

    fileprivate init(numerator: BigInteger, denominator: BigInteger) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public static func == (lhs: BigNumber, rhs: BigNumber) -> Bool {
        lhs.numerator == rhs.numerator && lhs.denominator == rhs.denominator
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numerator)
        hasher.combine(denominator)
    }

    /// The value as `Number.decimalText()` writes a number.
    public var description: String { ExactNumber.big(self).decimalText() }
}

/// The exact operations `Number` (the fast path) and `ExactNumber` (either size) both have, so that a computation
/// written once runs on either: first on `Number`s, and again on `ExactNumber`s when that overflows.
protocol ExactArithmetic: Comparable, Sendable {
    /// `number` in this type.
    static func lifted(_ number: Number) -> Self
    /// The runtime value.
    var value: Value { get }
    func adding(_ other: Self) throws(NumberError) -> Self
    func subtracting(_ other: Self) throws(NumberError) -> Self
    func multiplied(by other: Self) throws(NumberError) -> Self
    func divided(by other: Self) throws(NumberError) -> Self
    func rounded(places: Int) throws(NumberError) -> Self
    func compare(_ other: Self) -> Int
}

extension Number: ExactArithmetic {
    static func lifted(_ number: Number) -> Number { number }
    var value: Value { .number(self) }
}

/// A number of either size, for the slow path: the one place that does exact arithmetic and comparison on numbers
/// that may not fit `Number`. Every result is `.small` when it fits.
enum ExactNumber: ExactArithmetic, Hashable {
    case small(Number)
    case big(BigNumber)

    static func lifted(_ number: Number) -> ExactNumber { .small(number) }

    var value: Value {
        switch self {
        case .small(let number): .number(number)
        case .big(let number): .bigNumber(number)
        }
    }

    /// The reduced numerator and denominator.
    var parts: (numerator: BigInteger, denominator: BigInteger) {
        switch self {
        case .small(let number): (BigInteger(number.numerator), BigInteger(number.denominator))
        case .big(let number): (number.numerator, number.denominator)
        }
    }

    /// -1, 0 or 1 according to the sign of the value.
    var signum: Int {
        switch self {
        case .small(let number): number.signum
        case .big(let number): number.numerator.isNegative ? -1 : 1
        }
    }

    // MARK: Making one

    /// `numerator / denominator` for coprime parts (denominator > 0) in the form that fits; nil when a part is wider
    /// than `BigNumber.maximumBitWidth` bits.
    static func fromCoprime(_ numerator: BigInteger, _ denominator: BigInteger) -> ExactNumber? {
        if let top = numerator.int64Value, let bottom = denominator.int64Value {
            return .small(Number(reducedNumerator: top, denominator: bottom))
        }
        guard numerator.bitWidth <= BigNumber.maximumBitWidth && denominator.bitWidth <= BigNumber.maximumBitWidth
        else { return nil }
        return .big(BigNumber(numerator: numerator, denominator: denominator))
    }

    /// `fromCoprime`, throwing `.overflow` beyond the bound.
    static func exact(_ numerator: BigInteger, _ denominator: BigInteger) throws(NumberError) -> ExactNumber {
        guard let number = fromCoprime(numerator, denominator) else { throw .overflow }
        return number
    }

    /// `numerator / denominator` (denominator > 0) reduced to lowest terms.
    static func reduced(_ numerator: BigInteger, _ denominator: BigInteger) throws(NumberError) -> ExactNumber {
        let divisor = BigInteger.gcd(numerator, denominator)
        return try exact(numerator / divisor, denominator / divisor)
    }

    // MARK: Arithmetic

    /// `operation` on two small operands when its result fits `Number`; nil when the parts must do it.
    private func small(_ other: ExactNumber,
                       _ operation: (Number, Number) throws(NumberError) -> Number) throws(NumberError) -> ExactNumber? {
        guard case .small(let a) = self, case .small(let b) = other else { return nil }
        do throws(NumberError) { return .small(try operation(a, b)) } catch .overflow { return nil }
    }

    func adding(_ other: ExactNumber) throws(NumberError) -> ExactNumber {
        if let sum = try small(other, { a, b throws(NumberError) in try a.adding(b) }) { return sum }
        return try Self.sum(self, other, subtract: false)
    }

    func subtracting(_ other: ExactNumber) throws(NumberError) -> ExactNumber {
        if let difference = try small(other, { a, b throws(NumberError) in try a.subtracting(b) }) { return difference }
        return try Self.sum(self, other, subtract: true)
    }

    func multiplied(by other: ExactNumber) throws(NumberError) -> ExactNumber {
        if let product = try small(other, { a, b throws(NumberError) in try a.multiplied(by: b) }) { return product }
        if signum == 0 || other.signum == 0 { return .small(.zero) }
        return try Self.product(parts, other.parts)
    }

    /// Throws `.divisionByZero` when `other` is zero.
    func divided(by other: ExactNumber) throws(NumberError) -> ExactNumber {
        if let quotient = try small(other, { a, b throws(NumberError) in try a.divided(by: b) }) { return quotient }
        guard other.signum != 0 else { throw .divisionByZero }
        if signum == 0 { return self }
        let (c, d) = other.parts
        return try Self.product(parts, (c.isNegative ? -d : d, c.magnitude))
    }

    func negated() throws(NumberError) -> ExactNumber {
        if case .small(let number) = self, let negated = try? number.negated() { return .small(negated) }
        let (numerator, denominator) = parts
        return try Self.exact(-numerator, denominator)
    }

    /// `x ± y` (Knuth 4.5.1: the gcd of the denominators first, then a gcd with it only).
    private static func sum(_ x: ExactNumber, _ y: ExactNumber, subtract: Bool) throws(NumberError) -> ExactNumber {
        let (a, b) = x.parts
        var (c, d) = y.parts
        if subtract { c = -c }
        let g = BigInteger.gcd(b, d)
        if g == BigInteger(1) { return try exact(a * d + c * b, b * d) }
        let t = a * (d / g) + c * (b / g)
        if t.isZero { return .small(.zero) }
        let g2 = BigInteger.gcd(t, g)
        return try exact(t / g2, (b / g) * (d / g2))
    }

    /// The product of two fractions, cross-reduced first so that the product of the parts is in lowest terms.
    private static func product(_ x: (numerator: BigInteger, denominator: BigInteger),
                                _ y: (numerator: BigInteger, denominator: BigInteger)) throws(NumberError) -> ExactNumber {
        let g1 = BigInteger.gcd(x.numerator, y.denominator), g2 = BigInteger.gcd(y.numerator, x.denominator)
        return try exact((x.numerator / g1) * (y.numerator / g2), (x.denominator / g2) * (y.denominator / g1))
    }

    // MARK: Comparison

    /// -1, 0 or 1 as `self` is less than, equal to or greater than `other`: by the signs, then by cross multiplication.
    func compare(_ other: ExactNumber) -> Int {
        if case .small(let a) = self, case .small(let b) = other { return a.compare(b) }
        if signum != other.signum { return signum < other.signum ? -1 : 1 }
        let (a, b) = parts, (c, d) = other.parts
        let (left, right) = (a * d, c * b)
        return left == right ? 0 : (left < right ? -1 : 1)
    }

    static func < (lhs: ExactNumber, rhs: ExactNumber) -> Bool {
        lhs.compare(rhs) < 0
    }

    // MARK: Rounding

    /// The value rounded to `places` decimal places, ties away from zero, as `Number.rounded(places:)`.
    func rounded(places: Int) throws(NumberError) -> ExactNumber {
        if case .small(let number) = self, let rounded = try? number.rounded(places: places) { return .small(rounded) }
        let (numerator, denominator) = parts
        let negative = numerator.isNegative
        if places < 0 {
            // |value| < 2^maximumBitWidth < 0.5 · 10^maximumDecimalDigits.
            guard places > -BigNumber.maximumDecimalDigits else { return .small(.zero) }
            let unit = BigInteger.powerOfTen(-places)
            let rounded = Self.roundedQuotient(numerator.magnitude, denominator * unit) * unit
            return try Self.exact(negative ? -rounded : rounded, BigInteger(1))
        }
        guard places < 2 * BigNumber.maximumDecimalDigits else {
            // Two numbers differ by more than 2^-(2 · maximumBitWidth) > 0.5 · 10^-places, so a rounded value
            // other than self cannot fit: self must already have at most `places` decimals.
            guard let needed = Self.decimalPlaces(of: denominator), needed <= places else { throw .overflow }
            return self
        }
        let scale = BigInteger.powerOfTen(places)
        let rounded = Self.roundedQuotient(numerator.magnitude * scale, denominator)
        return try Self.reduced(negative ? -rounded : rounded, scale)
    }

    /// `dividend / divisor` for non-negative parts, rounded half up.
    static func roundedQuotient(_ dividend: BigInteger, _ divisor: BigInteger) -> BigInteger {
        let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
        return remainder >= divisor - remainder ? quotient + BigInteger(1) : quotient
    }

    /// The decimals a fraction with this (positive) denominator needs: max(a, b) for 2^a · 5^b; nil for any other.
    private static func decimalPlaces(of denominator: BigInteger) -> Int? {
        let twos = denominator.trailingZeroBitCount
        var rest = denominator.shiftedRight(by: twos), fives = 0
        let five = BigInteger(5)
        while case let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: five), remainder.isZero {
            rest = quotient
            fives += 1
        }
        return rest == BigInteger(1) ? Swift.max(twos, fives) : nil
    }

    // MARK: Printing

    /// The value as `Number.decimalText` writes it.
    func decimalText(maxFractionDigits: Int = 10) -> String {
        var bytes: [UInt8] = []
        appendDecimalText(to: &bytes, maxFractionDigits: maxFractionDigits)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the bytes of `Number.appendDecimalText`: for a big value |value| · 10^places rounded half up, its last
    /// `places` digits the fraction, with the same trailing-zero and sign rules.
    func appendDecimalText(to buffer: inout some ByteSink & ~Copyable, maxFractionDigits: Int = 10) {
        switch self {
        case .small(let number): number.appendDecimalText(to: &buffer, maxFractionDigits: maxFractionDigits)
        case .big: appendBigDecimalText(to: &buffer, maxFractionDigits: maxFractionDigits)
        }
    }

    private func appendBigDecimalText(to buffer: inout some ByteSink & ~Copyable, maxFractionDigits: Int) {
        let places = Swift.min(Swift.max(maxFractionDigits, 0), Number.maxTextFractionDigits)
        let (numerator, denominator) = parts
        let scaled = Self.roundedQuotient(numerator.magnitude * BigInteger.powerOfTen(places), denominator)
        var digits = scaled.decimalDigits
        if digits.count <= places {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: places + 1 - digits.count), at: 0)
        }
        let integerEnd = digits.count - places
        var fractionEnd = digits.count
        while fractionEnd > integerEnd && digits[fractionEnd - 1] == UInt8(ascii: "0") { fractionEnd -= 1 }
        if numerator.isNegative && !scaled.isZero { buffer.append(UInt8(ascii: "-")) }
        digits.withUnsafeBufferPointer { digits in
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[..<integerEnd]))
            if fractionEnd > integerEnd {
                buffer.append(UInt8(ascii: "."))
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[integerEnd..<fractionEnd]))
            }
        }
    }
}
