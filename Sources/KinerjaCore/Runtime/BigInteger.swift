/// A signed integer of any size, for the exact slow path of arithmetic (`BigNumber`).
///
/// Sign and magnitude; the magnitude is in 64-bit limbs, least significant first, with no zero limb at the top,
/// so zero has no limbs and every value has one representation (synthesised `==` and hashing are exact).
/// Zero is never negative.
struct BigInteger: Sendable, Hashable, Comparable {
    /// True for a value below zero.
    private(set) var isNegative: Bool
    /// The magnitude, least significant limb first.
    private(set) var limbs: [UInt64]

    init(_ value: Int64) {
        self.init(negative: value < 0, magnitude: [value.magnitude])
    }

    /// 10^k for k >= 0.
    static func powerOfTen(_ k: Int) -> BigInteger {
        var result = BigInteger(1)
        var remaining = k
        while remaining > 0 {
            let step = Swift.min(remaining, 19)
            result.multiply(by: Number.powerOfTen(step), adding: 0)
            remaining -= step
        }
        return result
    }

    private init(negative: Bool, magnitude: [UInt64]) {
        var limbs = magnitude
        while limbs.last == 0 { limbs.removeLast() }
        self.limbs = limbs
        isNegative = negative && !limbs.isEmpty
    }

    var isZero: Bool { limbs.isEmpty }

    /// The absolute value.
    var magnitude: BigInteger { BigInteger(negative: false, magnitude: limbs) }

    /// The number of bits of the magnitude; 0 for zero.
    var bitWidth: Int { limbs.count * 64 - (limbs.last?.leadingZeroBitCount ?? 0) }

    /// The value as an `Int64`; nil when it does not fit.
    var int64Value: Int64? {
        guard limbs.count <= 1 else { return nil }
        let magnitude = limbs.first ?? 0
        if isNegative { return magnitude <= UInt64(1) << 63 ? Int64(bitPattern: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The number of zero bits below the lowest one bit; 0 for zero.
    var trailingZeroBitCount: Int {
        guard let index = limbs.firstIndex(where: { $0 != 0 }) else { return 0 }
        return index * 64 + limbs[index].trailingZeroBitCount
    }

    /// The value divided by 2^count, rounded towards zero.
    func shiftedRight(by count: Int) -> BigInteger {
        let whole = count / 64
        guard whole < limbs.count else { return BigInteger(0) }
        return BigInteger(negative: isNegative, magnitude: Self.shiftedRight(limbs[whole...], by: count % 64))
    }

    /// Replaces the magnitude by `magnitude * factor + addend` (used to build a value from decimal digits).
    mutating func multiply(by factor: UInt64, adding addend: UInt64) {
        var carry = addend
        for index in limbs.indices {
            let product = UInt128(limbs[index]) * UInt128(factor) + UInt128(carry)
            limbs[index] = UInt64(truncatingIfNeeded: product)
            carry = UInt64(truncatingIfNeeded: product >> 64)
        }
        if carry != 0 { limbs.append(carry) }
    }

    // MARK: Arithmetic

    static prefix func - (value: BigInteger) -> BigInteger {
        BigInteger(negative: !value.isNegative, magnitude: value.limbs)
    }

    static func + (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        if lhs.isNegative == rhs.isNegative {
            return BigInteger(negative: lhs.isNegative, magnitude: add(lhs.limbs, rhs.limbs))
        }
        if compare(lhs.limbs, rhs.limbs) >= 0 {
            return BigInteger(negative: lhs.isNegative, magnitude: subtract(lhs.limbs, rhs.limbs))
        }
        return BigInteger(negative: rhs.isNegative, magnitude: subtract(rhs.limbs, lhs.limbs))
    }

    static func - (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        lhs + -rhs
    }

    static func * (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        BigInteger(negative: lhs.isNegative != rhs.isNegative, magnitude: multiply(lhs.limbs, rhs.limbs))
    }

    /// The quotient rounded towards zero (for the exact divisions of reducing a fraction).
    static func / (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
        lhs.quotientAndRemainder(dividingBy: rhs).quotient
    }

    /// The quotient rounded towards zero and the remainder, which has the sign of `self` (as for `Int`).
    /// `divisor` must not be zero.
    func quotientAndRemainder(dividingBy divisor: BigInteger) -> (quotient: BigInteger, remainder: BigInteger) {
        precondition(!divisor.isZero, "BigInteger division by zero")
        let (quotient, remainder) = Self.divide(limbs, by: divisor.limbs)
        return (BigInteger(negative: isNegative != divisor.isNegative, magnitude: quotient),
                BigInteger(negative: isNegative, magnitude: remainder))
    }

    /// The greatest common divisor of the magnitudes (Euclid, finishing in one word); gcd(0, x) == |x|.
    static func gcd(_ a: BigInteger, _ b: BigInteger) -> BigInteger {
        var larger = a.limbs, smaller = b.limbs
        if compare(larger, smaller) < 0 { swap(&larger, &smaller) }
        while smaller.count > 1 {
            var remainder = divide(larger, by: smaller).remainder
            while remainder.last == 0 { remainder.removeLast() }
            (larger, smaller) = (smaller, remainder)
        }
        guard let word = smaller.first else { return BigInteger(negative: false, magnitude: larger) }
        let rest = divide(larger, byWord: word).remainder
        return BigInteger(negative: false, magnitude: [Number.gcd(word, rest)])
    }

    static func < (lhs: BigInteger, rhs: BigInteger) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let order = compare(lhs.limbs, rhs.limbs)
        return lhs.isNegative ? order > 0 : order < 0
    }

    // MARK: Decimal digits

    /// The decimal digits of the magnitude as ASCII, most significant first ("0" for zero).
    var decimalDigits: [UInt8] {
        let chunk = Number.powerOfTen(19)
        var rest = limbs, chunks: [UInt64] = []
        repeat {
            let (quotient, remainder) = Self.divide(rest, byWord: chunk)
            chunks.append(remainder)
            rest = quotient
            while rest.last == 0 { rest.removeLast() }
        } while !rest.isEmpty
        var digits: [UInt8] = []
        digits.reserveCapacity(chunks.count * 19)
        for (index, value) in chunks.reversed().enumerated() {
            let text = Array(String(value).utf8)
            if index > 0 { digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 19 - text.count)) }
            digits.append(contentsOf: text)
        }
        return digits
    }

    // MARK: Magnitudes (limb arrays, least significant first; results may have zero limbs at the top)

    /// -1, 0 or 1 as `a` is less than, equal to or greater than `b`; neither has zero limbs at the top.
    private static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for index in a.indices.reversed() where a[index] != b[index] {
            return a[index] < b[index] ? -1 : 1
        }
        return 0
    }

    private static func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var (result, other) = a.count >= b.count ? (a, b) : (b, a)
        if accumulate(other, into: &result[...], subtracting: false) { result.append(1) }
        return result
    }

    /// `a - b` for `a >= b`.
    private static func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = a
        accumulate(b, into: &result[...], subtracting: true)
        return result
    }

    /// Adds `other` to (or subtracts it from) the limbs of `target`, carrying (borrowing) upwards no further than
    /// its end; returns the carry (borrow) out of the top.
    @discardableResult
    private static func accumulate(_ other: [UInt64], into target: inout ArraySlice<UInt64>, subtracting: Bool) -> Bool {
        var carry = false
        for (offset, index) in target.indices.enumerated() {
            guard offset < other.count || carry else { break }
            let operand = offset < other.count ? other[offset] : 0
            let (partial, overflow1) = subtracting ? target[index].subtractingReportingOverflow(operand)
                                                   : target[index].addingReportingOverflow(operand)
            let (total, overflow2) = subtracting ? partial.subtractingReportingOverflow(carry ? 1 : 0)
                                                 : partial.addingReportingOverflow(carry ? 1 : 0)
            target[index] = total
            carry = overflow1 || overflow2
        }
        return carry
    }

    /// Schoolbook multiplication.
    private static func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        guard !a.isEmpty && !b.isEmpty else { return [] }
        var result = [UInt64](repeating: 0, count: a.count + b.count)
        for i in a.indices {
            var carry: UInt64 = 0
            for j in b.indices {
                // a·b + c + d < 2^128 for 64-bit a, b, c, d.
                let product = UInt128(a[i]) * UInt128(b[j]) + UInt128(result[i + j]) + UInt128(carry)
                result[i + j] = UInt64(truncatingIfNeeded: product)
                carry = UInt64(truncatingIfNeeded: product >> 64)
            }
            result[i + b.count] = carry
        }
        return result
    }

    /// Division by one non-zero limb, from the top.
    private static func divide(_ a: [UInt64], byWord divisor: UInt64) -> (quotient: [UInt64], remainder: UInt64) {
        var quotient = [UInt64](repeating: 0, count: a.count)
        var remainder: UInt64 = 0
        for index in a.indices.reversed() {
            (quotient[index], remainder) = divisor.dividingFullWidth((high: remainder, low: a[index]))
        }
        return (quotient, remainder)
    }

    /// Long division (Knuth, TAOCP vol. 2, 4.3.1, algorithm D) of `u` by a non-zero `v` without zero limbs at the top.
    private static func divide(_ u: [UInt64], by v: [UInt64]) -> (quotient: [UInt64], remainder: [UInt64]) {
        if compare(u, v) < 0 { return ([], u) }
        if v.count == 1 {
            let (quotient, remainder) = divide(u, byWord: v[0])
            return (quotient, [remainder])
        }
        // D1: normalise so that the divisor's top limb has its high bit set; the dividend gets one more limb.
        let n = v.count, m = u.count - n
        let shift = v[n - 1].leadingZeroBitCount
        let divisor = shiftedLeft(v, by: shift)
        var dividend = shiftedLeft(u, by: shift)
        if dividend.count == u.count { dividend.append(0) }
        let top = UInt128(divisor[n - 1]), next = UInt128(divisor[n - 2])
        var quotient = [UInt64](repeating: 0, count: m + 1)
        for j in stride(from: m, through: 0, by: -1) {
            // D3: estimate the quotient limb from the top two limbs; it is then at most one too large.
            let head = UInt128(dividend[j + n]) << 64 | UInt128(dividend[j + n - 1])
            var estimate = head / top, rest = head % top
            while estimate > UInt128(UInt64.max) || estimate * next > (rest << 64 | UInt128(dividend[j + n - 2])) {
                estimate -= 1
                rest += top
                if rest > UInt128(UInt64.max) { break }
            }
            // D4: subtract estimate · divisor from the window of the dividend.
            var digit = UInt64(estimate)
            var carry: UInt64 = 0, borrow = false
            for i in 0..<n {
                let product = UInt128(digit) * UInt128(divisor[i]) + UInt128(carry)
                carry = UInt64(truncatingIfNeeded: product >> 64)
                let (difference, overflow1) = dividend[j + i].subtractingReportingOverflow(UInt64(truncatingIfNeeded: product))
                let (result, overflow2) = difference.subtractingReportingOverflow(borrow ? 1 : 0)
                dividend[j + i] = result
                borrow = overflow1 || overflow2
            }
            let (difference, overflow1) = dividend[j + n].subtractingReportingOverflow(carry)
            let (result, overflow2) = difference.subtractingReportingOverflow(borrow ? 1 : 0)
            dividend[j + n] = result
            if overflow1 || overflow2 {
                // D6 (rare): the estimate was one too large; add the divisor back, dropping the final carry.
                digit -= 1
                accumulate(divisor, into: &dividend[j...(j + n)], subtracting: false)
            }
            quotient[j] = digit
        }
        // D8: the remainder is the low n limbs, unnormalised.
        return (quotient, shiftedRight(dividend[0..<n], by: shift))
    }

    /// `a · 2^shift` for shift in 0..<64, with one more limb when bits move out of the top.
    private static func shiftedLeft(_ a: [UInt64], by shift: Int) -> [UInt64] {
        guard shift > 0 else { return a }
        var result = [UInt64](repeating: 0, count: a.count)
        var carry: UInt64 = 0
        for index in a.indices {
            result[index] = a[index] << shift | carry
            carry = a[index] >> (64 - shift)
        }
        if carry != 0 { result.append(carry) }
        return result
    }

    /// `a / 2^shift` for shift in 0..<64.
    private static func shiftedRight(_ a: ArraySlice<UInt64>, by shift: Int) -> [UInt64] {
        guard shift > 0 else { return Array(a) }
        var result = Array(a)
        for index in result.indices {
            let high = index + 1 < result.count ? a[a.startIndex + index + 1] : 0
            result[index] = result[index] >> shift | high << (64 - shift)
        }
        return result
    }
}
