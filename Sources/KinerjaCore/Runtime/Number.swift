/// An exact rational number, the only numeric type of the policy language.
///
/// Stored as a reduced fraction of two `Int64`s (denominator > 0, gcd 1, zero is 0/1), so `==` and
/// hashing work on the value. Arithmetic is exact; an operation whose exact result does not fit
/// throws `NumberError.overflow` instead of losing precision. Rounding happens only when asked for
/// (`rounded(places:)`) or when printing (`decimalText`).
public struct Number: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numerator of the reduced fraction; carries the sign.
    public let numerator: Int64
    /// The denominator of the reduced fraction; always positive.
    public let denominator: Int64

    /// The number 0 (0/1).
    public static let zero = Number(0)
    /// The number 1 (1/1).
    public static let one = Number(1)

    /// Creates the integer `integer`.
    @inlinable
    public init(_ integer: Int64) {
        numerator = integer
        denominator = 1
    }

    /// Creates `numerator / denominator`, reducing the fraction and moving the sign to the numerator.
    /// Throws `.divisionByZero` for a zero denominator and `.overflow` if the reduced value does not fit.
    public init(numerator: Int64, denominator: Int64) throws(NumberError) {
        guard denominator != 0 else { throw .divisionByZero }
        let magnitude = numerator.magnitude, denominatorMagnitude = denominator.magnitude
        let divisor = Number.gcd(magnitude, denominatorMagnitude)
        self = try Number.fromReduced(
            negative: (numerator < 0) != (denominator < 0),
            magnitude: magnitude / divisor,
            denominator: denominatorMagnitude / divisor
        )
    }

    /// `numerator / denominator` in lowest terms, for a positive denominator: reducing only makes the parts smaller,
    /// so the result always fits.
    static func reduced(_ numerator: Int64, _ denominator: Int64) -> Number {
        let divisor = Int64(bitPattern: gcd(numerator.magnitude, UInt64(bitPattern: denominator)))
        return Number(reducedNumerator: numerator / divisor, denominator: denominator / divisor)
    }

    /// Memberwise initialiser for parts already known to be reduced and in range.
    @usableFromInline
    init(reducedNumerator: Int64, denominator: Int64) {
        self.numerator = reducedNumerator
        self.denominator = denominator
    }

    /// True when the value is a whole number.
    @inlinable public var isInteger: Bool { denominator == 1 }
    /// True when the value is 0.
    @inlinable public var isZero: Bool { numerator == 0 }
    /// -1, 0 or 1 according to the sign of the value.
    @inlinable public var signum: Int { Int(numerator.signum()) }

    // MARK: Arithmetic

    /// The exact sum `self + other`.
    public func adding(_ other: Number) throws(NumberError) -> Number {
        try Number.sum(self, other, subtract: false)
    }

    /// The exact difference `self - other`.
    public func subtracting(_ other: Number) throws(NumberError) -> Number {
        try Number.sum(self, other, subtract: true)
    }

    /// The exact negation `-self`; throws `.overflow` only for a numerator of `Int64.min`.
    public func negated() throws(NumberError) -> Number {
        guard numerator != .min else { throw .overflow }
        return Number(reducedNumerator: -numerator, denominator: denominator)
    }

    /// The exact product `self * other`.
    public func multiplied(by other: Number) throws(NumberError) -> Number {
        let a = numerator, c = other.numerator
        if denominator == 1 && other.denominator == 1 {
            let (product, overflow) = a.multipliedReportingOverflow(by: c)
            guard !overflow else { throw .overflow }
            return Number(reducedNumerator: product, denominator: 1)
        }
        if a == 0 || c == 0 { return .zero }
        if other.denominator == 1 || denominator == 1 {
            // One side is whole (a unit factor such as 60 or 3600): one gcd suffices, and a/b · c/1 with
            // g = gcd(c, b) is (a · c/g) / (b/g), already in lowest terms.
            let (whole, fraction) = other.denominator == 1 ? (c, self) : (a, other)
            let g = Int64(Number.gcd(whole.magnitude, UInt64(fraction.denominator)))
            let (top, overflow) = fraction.numerator.multipliedReportingOverflow(by: whole / g)
            guard !overflow else { throw .overflow }
            return Number(reducedNumerator: top, denominator: fraction.denominator / g)
        }
        // Cross-reduce first: the product of the reduced parts is then already in lowest terms.
        let b = UInt64(bitPattern: denominator), d = UInt64(bitPattern: other.denominator)
        let g1 = Number.gcd(a.magnitude, d), g2 = Number.gcd(c.magnitude, b)
        let (top, o1) = (a.magnitude / g1).multipliedReportingOverflow(by: c.magnitude / g2)
        let (bottom, o2) = (b / g2).multipliedReportingOverflow(by: d / g1)
        guard !o1 && !o2 else { throw .overflow }
        return try Number.fromReduced(negative: (a < 0) != (c < 0), magnitude: top, denominator: bottom)
    }

    /// The exact quotient `self / other`; throws `.divisionByZero` when `other` is zero.
    public func divided(by other: Number) throws(NumberError) -> Number {
        let a = numerator, c = other.numerator
        guard c != 0 else { throw .divisionByZero }
        if a == 0 { return .zero }
        let b = UInt64(bitPattern: denominator), d = UInt64(bitPattern: other.denominator)
        if d == 1 {
            // By a whole number (a total weight, a count): a/b ÷ c is (a/g) / (b · c/g) with g = gcd(a, c).
            let g = Number.gcd(a.magnitude, c.magnitude)
            let (bottom, overflow) = b.multipliedReportingOverflow(by: c.magnitude / g)
            guard !overflow else { throw .overflow }
            return try Number.fromReduced(negative: (a < 0) != (c < 0), magnitude: a.magnitude / g, denominator: bottom)
        }
        let g1 = Number.gcd(a.magnitude, c.magnitude), g2 = Number.gcd(b, d)
        let (top, o1) = (a.magnitude / g1).multipliedReportingOverflow(by: d / g2)
        let (bottom, o2) = (b / g2).multipliedReportingOverflow(by: c.magnitude / g1)
        guard !o1 && !o2 else { throw .overflow }
        return try Number.fromReduced(negative: (a < 0) != (c < 0), magnitude: top, denominator: bottom)
    }

    /// The exact value `self * 10^k` (`k` may be negative, e.g. -2 turns percent points into a fraction).
    public func multiplied(byPowerOfTen k: Int) throws(NumberError) -> Number {
        // Steps of 10^18: the numerator only grows (k > 0) or the denominator only grows (k < 0),
        // so an intermediate overflow means the final value overflows too; a huge k fails within a few steps.
        var result = self, remaining = k
        while remaining > 0 && result.numerator != 0 {
            let step = Swift.min(remaining, 18)
            result = try result.multiplied(by: Number(Int64(Number.powerOfTen(step))))
            remaining -= step
        }
        while remaining < 0 && result.numerator != 0 {
            let step = remaining < -18 ? 18 : -remaining
            result = try result.multiplied(by: Number(reducedNumerator: 1, denominator: Int64(Number.powerOfTen(step))))
            remaining += step
        }
        return result
    }

    /// `a/b ± c/d`, in Int64 when nothing overflows (Knuth 4.5.1, so the result needs no final gcd),
    /// otherwise in Int128 with a full reduction.
    @inline(__always)
    private static func sum(_ x: Number, _ y: Number, subtract: Bool) throws(NumberError) -> Number {
        let a = x.numerator, b = x.denominator, c = y.numerator, d = y.denominator
        @inline(__always) func combine(_ l: Int64, _ r: Int64) -> (partialValue: Int64, overflow: Bool) {
            subtract ? l.subtractingReportingOverflow(r) : l.addingReportingOverflow(r)
        }
        if b == d {
            let (s, overflow) = combine(a, c)
            if !overflow {
                if b == 1 { return Number(reducedNumerator: s, denominator: 1) }
                return reduced(s, b)
            }
            if b == 1 { throw .overflow }  // an integer beyond Int64
        } else {
            let g = Int64(bitPattern: gcd(UInt64(bitPattern: b), UInt64(bitPattern: d)))
            if g == 1 {
                let (ad, o1) = a.multipliedReportingOverflow(by: d)
                let (cb, o2) = c.multipliedReportingOverflow(by: b)
                let (bd, o3) = b.multipliedReportingOverflow(by: d)
                if !(o1 || o2 || o3) {
                    let (s, o4) = combine(ad, cb)
                    if !o4 { return Number(reducedNumerator: s, denominator: bd) }
                }
            } else {
                let b1 = b / g, d1 = d / g
                let (ad, o1) = a.multipliedReportingOverflow(by: d1)
                let (cb, o2) = c.multipliedReportingOverflow(by: b1)
                if !(o1 || o2) {
                    let (t, o3) = combine(ad, cb)
                    if !o3 {
                        if t == 0 { return .zero }
                        let g2 = Int64(bitPattern: gcd(t.magnitude, UInt64(bitPattern: g)))
                        let (bottom, o4) = b1.multipliedReportingOverflow(by: d / g2)
                        if !o4 { return Number(reducedNumerator: t / g2, denominator: bottom) }
                    }
                }
            }
        }
        let left = Int128(a) * Int128(d), right = Int128(c) * Int128(b)
        return try reduce(subtract ? left - right : left + right, Int128(b) * Int128(d))
    }

    // MARK: Comparison

    /// Exact ordering by cross multiplication; never throws.
    public static func < (lhs: Number, rhs: Number) -> Bool {
        if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
        let l = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let r = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return l.high < r.high || (l.high == r.high && l.low < r.low)
    }

    /// -1, 0 or 1 as `self` is less than, equal to or greater than `other`.
    public func compare(_ other: Number) -> Int {
        self == other ? 0 : (self < other ? -1 : 1)
    }

    // MARK: Rounding

    /// The largest integer not greater than the value.
    public func floor() -> Number {
        guard denominator != 1 else { return self }
        let quotient = numerator / denominator  // |quotient| < |numerator|, so the -1 cannot overflow
        return Number(numerator < 0 ? quotient - 1 : quotient)
    }

    /// The smallest integer not less than the value.
    public func ceiling() -> Number {
        guard denominator != 1 else { return self }
        let quotient = numerator / denominator
        return Number(numerator > 0 ? quotient + 1 : quotient)
    }

    /// The value rounded to `places` decimal places (negative `places` round to tens, hundreds, ...).
    /// Ties round away from zero, i.e. half-up on the magnitude: 2.345 -> 2.35, -2.345 -> -2.35.
    /// Throws `.overflow` if the rounded value does not fit.
    public func rounded(places: Int) throws(NumberError) -> Number {
        if places >= 0 && denominator == 1 { return self }
        let negative = numerator < 0
        let magnitude = numerator.magnitude, b = UInt64(bitPattern: denominator)
        if places < 0 {
            // |value| < 9.3e18 < 0.5e20, so everything rounds to 0 beyond 10^19.
            guard places >= -19 else { return .zero }
            let unit = UInt128(Number.powerOfTen(-places))
            let divisor = UInt128(b) * unit
            var (q, r) = UInt128(magnitude).quotientAndRemainder(dividingBy: divisor)
            if r >= divisor - r { q += 1 }
            let result = q * unit
            guard result <= UInt128(UInt64.max) else { throw .overflow }
            return try Number.fromReduced(negative: negative, magnitude: UInt64(result), denominator: 1)
        }
        if places <= 18 {
            let scale = Number.powerOfTen(places)
            let (scaled, overflow) = magnitude.multipliedReportingOverflow(by: scale)
            if !overflow {
                var q = scaled / b
                let r = scaled % b
                if r >= b - r { q += 1 }
                if q <= UInt64(Int64.max) {
                    // q / 10^places in lowest terms, reduced without division.
                    let digits = Int64(q)
                    return Number.decimal(negative ? -digits : digits, fractionDigits: places)
                }
                let g = Number.gcd(q, scale)
                return try Number.fromReduced(negative: negative, magnitude: q / g, denominator: scale / g)
            }
        }
        guard places <= 37 else {
            // A result differing from self would be within 0.5e-38 of it, closer than any two distinct
            // Numbers can be (1 / 2^126), so it cannot fit: either self already has <= places decimals, or overflow.
            var rest = b >> b.trailingZeroBitCount, fives = 0
            while rest % 5 == 0 { rest /= 5; fives += 1 }
            guard rest == 1 && b.trailingZeroBitCount <= places && fives <= places else { throw .overflow }
            return self
        }
        // General case: the integer part plus the fraction scaled by 10^places, by long division in 10^19 chunks.
        let integerPart = magnitude / b
        var remainder = magnitude % b
        var fraction: UInt128 = 0
        var remaining = places
        while remaining > 0 {
            let step = Swift.min(remaining, 19)
            let chunk = UInt128(Number.powerOfTen(step))
            let (q, r) = (UInt128(remainder) * chunk).quotientAndRemainder(dividingBy: UInt128(b))
            fraction = fraction * chunk + q
            remainder = UInt64(truncatingIfNeeded: r)
            remaining -= step
        }
        if remainder != 0 && remainder >= b - remainder { fraction += 1 }
        var scale: UInt128 = 1
        for _ in 0..<places { scale *= 10 }
        let g = Number.gcd(fraction, scale)
        let bottom = scale / g
        guard bottom <= UInt128(Int64.max) else { throw .overflow }
        let top = UInt128(integerPart) * bottom + fraction / g
        guard top <= UInt128(UInt64.max) else { throw .overflow }
        return try Number.fromReduced(negative: negative, magnitude: UInt64(top), denominator: UInt64(bottom))
    }

    // MARK: Helpers

    /// Builds a Number from a sign and coprime magnitudes, throwing `.overflow` if they do not fit.
    @inline(__always)
    static func fromReduced(negative: Bool, magnitude: UInt64, denominator: UInt64) throws(NumberError) -> Number {
        guard denominator <= UInt64(Int64.max) else { throw .overflow }
        if negative {
            guard magnitude <= UInt64(1) << 63 else { throw .overflow }
            return Number(reducedNumerator: Int64(bitPattern: 0 &- magnitude), denominator: Int64(denominator))
        }
        guard magnitude <= UInt64(Int64.max) else { throw .overflow }
        return Number(reducedNumerator: Int64(magnitude), denominator: Int64(denominator))
    }

    /// Reduces a wide fraction (denominator > 0) and narrows it, throwing `.overflow` if it does not fit.
    static func reduce(_ top: Int128, _ bottom: Int128) throws(NumberError) -> Number {
        if top == 0 { return .zero }
        let g = gcd(top.magnitude, bottom.magnitude)
        let magnitude = top.magnitude / g, denominator = bottom.magnitude / g
        guard magnitude <= UInt128(UInt64.max), denominator <= UInt128(UInt64.max) else { throw .overflow }
        return try fromReduced(negative: top < 0, magnitude: UInt64(magnitude), denominator: UInt64(denominator))
    }

    /// Greatest common divisor, gcd(0, x) == x: looked up for small operands (`SmallDivisors`), otherwise binary
    /// (Stein) steps after one division.
    @inline(__always)
    static func gcd<T: FixedWidthInteger & UnsignedInteger>(_ x: T, _ y: T) -> T {
        var a = x, b = y
        // Most operands are small (a count of items, a target, a weight): looked up, with no branch on the values.
        if (a | b) < SmallDivisors.bound { return T(SmallDivisors.gcd(Int(a), Int(b))) }
        if a == 0 { return b }
        if b == 0 { return a }
        if a == 1 || b == 1 { return 1 }
        // One division first brings the larger down below the smaller: operands here mostly differ much in size
        // (a count and a weight, a numerator and a power of ten), which the binary steps would take one bit at a time.
        if a > b {
            a %= b
            if b < SmallDivisors.bound { return T(SmallDivisors.gcd(Int(a), Int(b))) }
            if a == 0 { return b }
        } else {
            b %= a
            if a < SmallDivisors.bound { return T(SmallDivisors.gcd(Int(a), Int(b))) }
            if b == 0 { return a }
        }
        let shift = (a | b).trailingZeroBitCount
        a >>= a.trailingZeroBitCount
        repeat {
            b >>= b.trailingZeroBitCount
            if a > b { swap(&a, &b) }
            b -= a
        } while b != 0
        return a << shift
    }

    /// 5^k for k in 0...27 (5^27 still fits UInt64).
    @inline(__always)
    static func powerOfFive(_ k: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<k { result &*= 5 }
        return result
    }

    /// 10^k for k in 0...19 (10^19 still fits UInt64).
    @inline(__always)
    static func powerOfTen(_ k: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<k { result &*= 10 }
        return result
    }
}

/// Why an exact operation on `Number` has no result.
public enum NumberError: Error, Equatable, Sendable {
    /// The exact result's numerator or denominator does not fit in 64 bits.
    case overflow
    /// A division (or a fraction) by zero.
    case divisionByZero
}
