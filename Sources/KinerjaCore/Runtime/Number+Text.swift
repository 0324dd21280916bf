// Decimal text in and out for `Number`: exact parsing of decimal literals and exact/rounded printing.

extension Number {
    /// The most fraction digits `decimalText` writes; larger requests are clamped to this.
    public static let maxTextFractionDigits = 100

    /// Parses a decimal literal exactly: optional '-', digits (leading zeros allowed), optional '.' digits,
    /// optional exponent `e`/`E` [`+`/`-`] digits. Returns nil for anything else (including a leading '+',
    /// ".5", "1." and surrounding spaces); throws `.overflow` when the exact value does not fit.
    public static func parse(_ text: Substring) throws(NumberError) -> Number? {
        var text = text
        let result: Result<Number?, NumberError> = text.withUTF8 { bytes in
            Result { () throws(NumberError) -> Number? in try parse(bytes) }
        }
        return try result.get()
    }

    /// Same as `parse(_: Substring)`, for a whole `String`.
    public static func parse(_ text: String) throws(NumberError) -> Number? {
        try parse(text[...])
    }

    /// Same grammar as `parse(_: Substring)`, on UTF-8 bytes, without allocating.
    public static func parse(_ utf8: UnsafeBufferPointer<UInt8>) throws(NumberError) -> Number? {
        let count = utf8.count
        var i = 0
        var negative = false
        if i < count && utf8[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        let integerStart = i
        while i < count && isDigit(utf8[i]) { i += 1 }
        let integerLength = i - integerStart
        guard integerLength > 0 else { return nil }
        var fractionStart = i, fractionLength = 0
        if i < count && utf8[i] == UInt8(ascii: ".") {
            i += 1
            fractionStart = i
            while i < count && isDigit(utf8[i]) { i += 1 }
            fractionLength = i - fractionStart
            guard fractionLength > 0 else { return nil }
        }
        var exponent = 0
        if i < count && utf8[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var exponentNegative = false
            if i < count && (utf8[i] == UInt8(ascii: "+") || utf8[i] == UInt8(ascii: "-")) {
                exponentNegative = utf8[i] == UInt8(ascii: "-")
                i += 1
            }
            let exponentStart = i
            while i < count && isDigit(utf8[i]) {
                // Saturate: anything this large overflows anyway (or is zero, handled below).
                if exponent < 1_000_000_000 { exponent = exponent * 10 + Int(utf8[i] &- 48) }
                i += 1
            }
            guard i > exponentStart else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard i == count else { return nil }

        // The digits of integer and fraction part as one sequence; the value is M * 10^scale where
        // M is the run from the first to the last non-zero digit.
        let total = integerLength + fractionLength
        @inline(__always) func digit(_ k: Int) -> UInt8 {
            utf8[k < integerLength ? integerStart + k : fractionStart + (k - integerLength)] &- 48
        }
        var first = 0
        while first < total && digit(first) == 0 { first += 1 }
        if first == total { return .zero }
        var last = total - 1
        while digit(last) == 0 { last -= 1 }
        let significant = last - first + 1
        let scale = exponent - fractionLength + (total - 1 - last)

        if scale >= 0 {
            guard significant + scale <= 19 else { throw .overflow }  // >= 10^19 > Int64.max
            var m: UInt64 = 0
            for k in first...last { m = m &* 10 &+ UInt64(digit(k)) }
            let (value, overflow) = m.multipliedReportingOverflow(by: powerOfTen(scale))
            guard !overflow else { throw .overflow }
            return try fromReduced(negative: negative, magnitude: value, denominator: 1)
        }
        // M / 10^places with M not divisible by 10: only 2s or only 5s can cancel. A reduced
        // denominator >= 2^places or 5^places must stay below 2^63, and then M < 2^63 * 5^63 < 10^64.
        let places = -scale
        guard places < 64 && significant <= 64 else { throw .overflow }
        var twos = places, fives = places
        if significant <= 19 {
            var m: UInt64 = 0
            for k in first...last { m = m &* 10 &+ UInt64(digit(k)) }
            if m & 1 == 0 {
                let shift = Swift.min(m.trailingZeroBitCount, places)
                m >>= shift
                twos -= shift
            } else {
                while fives > 0 && m % 5 == 0 {
                    m /= 5
                    fives -= 1
                }
            }
            return try fromReduced(negative: negative, magnitude: m, denominator: denominatorOf(twos: twos, fives: fives))
        }
        // Rare: 20...64 significant digits, in a 256-bit (hi, lo) accumulator.
        var hi: UInt128 = 0, lo: UInt128 = 0
        for k in first...last {
            let (carryOut, low) = lo.multipliedFullWidth(by: 10)
            let (sum, carry) = low.addingReportingOverflow(UInt128(digit(k)))
            lo = sum
            hi = hi &* 10 &+ carryOut &+ (carry ? 1 : 0)
        }
        if lo & 1 == 0 {
            let zeros = lo == 0 ? 128 + hi.trailingZeroBitCount : lo.trailingZeroBitCount
            let shift = Swift.min(zeros, places)
            if shift > 0 {
                lo = (lo >> shift) | (hi << (128 - shift))
                hi >>= shift
            }
            twos -= shift
        } else {
            while fives > 0 {
                let (highQuotient, highRemainder) = hi.quotientAndRemainder(dividingBy: 5)
                let (lowQuotient, remainder) = UInt128(5).dividingFullWidth((high: highRemainder, low: lo))
                guard remainder == 0 else { break }
                hi = highQuotient
                lo = lowQuotient
                fives -= 1
            }
        }
        guard hi == 0 && lo <= UInt128(UInt64.max) else { throw .overflow }
        return try fromReduced(negative: negative, magnitude: UInt64(lo), denominator: denominatorOf(twos: twos, fives: fives))
    }

    /// `mantissa / 10^fractionDigits` in lowest terms (`fractionDigits` at most 18): the common factors 2 and 5
    /// are removed, the twos all at once by a shift, the fives without division: 5 divides x exactly when
    /// x · 5⁻¹ (mod 2⁶⁴) is at most (2⁶⁴ − 1) / 5, and that product is then x / 5.
    static func decimal(_ mantissa: Int64, fractionDigits: Int) -> Number {
        guard fractionDigits > 0, mantissa != 0 else { return Number(mantissa) }
        let twos = Swift.min(fractionDigits, mantissa.trailingZeroBitCount)
        // At least one two is shifted out of Int64.min, so the magnitude fits an Int64 again below.
        var magnitude = mantissa.magnitude >> twos
        var fives = fractionDigits
        while fives > 0 {
            let quotient = magnitude &* 0xCCCC_CCCC_CCCC_CCCD
            guard quotient <= UInt64.max / 5 else { break }
            magnitude = quotient
            fives -= 1
        }
        var denominator: Int64 = 1
        for _ in 0..<fives { denominator &*= 5 }
        let numerator = Int64(magnitude)
        return Number(reducedNumerator: mantissa < 0 ? -numerator : numerator,
                      denominator: denominator << (fractionDigits - twos))
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// 2^twos * 5^fives, throwing `.overflow` beyond Int64.max.
    private static func denominatorOf(twos: Int, fives: Int) throws(NumberError) -> UInt64 {
        guard twos < 63 else { throw .overflow }
        var result = UInt64(1) << twos
        for _ in 0..<fives {
            let (next, overflow) = result.multipliedReportingOverflow(by: 5)
            guard !overflow else { throw .overflow }
            result = next
        }
        guard result <= UInt64(Int64.max) else { throw .overflow }
        return result
    }

    // MARK: Printing

    /// The value as plain decimal text (never an exponent, never "-0"): exact when it terminates within
    /// `maxFractionDigits` digits, otherwise rounded there with ties away from zero. Trailing zeros are
    /// dropped, but at least `minFractionDigits` digits are written (integers get no point unless that is > 0).
    /// If `minFractionDigits` exceeds `maxFractionDigits`, the value is rounded to `minFractionDigits` places.
    public func decimalText(maxFractionDigits: Int = 10, minFractionDigits: Int = 0) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendDecimalText(to: &bytes, maxFractionDigits: maxFractionDigits, minFractionDigits: minFractionDigits)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value as `decimalText()`.
    public var description: String { decimalText() }

    /// Appends exactly the bytes of `decimalText(...)` as UTF-8 to `buffer`, without creating a String.
    public func appendDecimalText(to sink: inout some ByteSink & ~Copyable, maxFractionDigits: Int = 10,
                                  minFractionDigits: Int = 0) {
        let minDigits = Swift.min(Swift.max(minFractionDigits, 0), Number.maxTextFractionDigits)
        let places = Swift.min(Swift.max(maxFractionDigits, minDigits), Number.maxTextFractionDigits)
        let magnitude = numerator.magnitude, b = UInt64(bitPattern: denominator)
        if appendFiniteDecimal(magnitude, b, places: places, minDigits: minDigits, to: &sink) { return }
        var buffer: [UInt8] = []
        appendRoundedDecimal(magnitude, b, places: places, minDigits: minDigits, to: &buffer)
        buffer.withUnsafeBufferPointer { sink.append(contentsOf: $0) }
    }

    /// The general case of `appendDecimalText`: a value whose decimals go on beyond `places`, rounded there.
    private func appendRoundedDecimal(_ magnitude: UInt64, _ b: UInt64, places: Int, minDigits: Int,
                                      to buffer: inout [UInt8]) {
        var integerPart = magnitude / b
        let remainder = magnitude % b
        // Decide up front whether rounding leaves no fraction, so the sign and the integer digits are final.
        var wholeAfterRounding = remainder == 0
        if !wholeAfterRounding && places <= 18 {
            let twiceScale = UInt128(Number.powerOfTen(places)) * 2
            if UInt128(b - remainder) * twiceScale <= UInt128(b) {
                integerPart += 1  // integerPart <= 2^62 here, no overflow
                wholeAfterRounding = true
            } else if UInt128(remainder) * twiceScale < UInt128(b) {
                wholeAfterRounding = true
            }
        }
        if numerator < 0 && (integerPart != 0 || !wholeAfterRounding) {
            buffer.append(UInt8(ascii: "-"))
        }
        Number.appendDigits(of: integerPart, to: &buffer)
        if wholeAfterRounding {
            if minDigits > 0 {
                buffer.append(UInt8(ascii: "."))
                buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: minDigits))
            }
            return
        }
        buffer.append(UInt8(ascii: "."))
        let fractionStart = buffer.count
        var rest = remainder, written = 0
        while written < places && rest != 0 {
            let (digit, next) = b.dividingFullWidth(rest.multipliedFullWidth(by: 10))
            buffer.append(UInt8(truncatingIfNeeded: digit) &+ UInt8(ascii: "0"))
            rest = next
            written += 1
        }
        if rest != 0 && rest >= b - rest {
            // Round up; the check above guarantees the carry stops inside the fraction digits.
            var index = buffer.count - 1
            while index > fractionStart && buffer[index] == UInt8(ascii: "9") {
                buffer[index] = UInt8(ascii: "0")
                index -= 1
            }
            buffer[index] &+= 1
        }
        var end = buffer.count
        while end > fractionStart + minDigits && buffer[end - 1] == UInt8(ascii: "0") { end -= 1 }
        buffer.removeLast(buffer.count - end)
        if buffer.count < fractionStart + minDigits {
            buffer.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: fractionStart + minDigits - buffer.count))
        }
        if buffer.count == fractionStart { buffer.removeLast() }
    }

    /// The common case of `appendDecimalText`: a value with at most `places` decimals (a denominator 2^a·5^b),
    /// written as one whole number with the point put in, with no division. False when it does not apply.
    private func appendFiniteDecimal(_ magnitude: UInt64, _ b: UInt64, places: Int, minDigits: Int,
                                     to buffer: inout some ByteSink & ~Copyable) -> Bool {
        let twos = b.trailingZeroBitCount
        var rest = b >> twos, fives = 0
        while rest % 5 == 0 {
            rest /= 5
            fives += 1
        }
        let digits = Swift.max(twos, fives)
        guard rest == 1, digits <= places, digits <= 19 else { return false }
        // magnitude/b = magnitude · (10^digits / b) / 10^digits, and 10^digits / b is a power of 2 or of 5.
        let factor: UInt64 = twos >= fives ? Number.powerOfFive(twos - fives) : 1 << (fives - twos)
        let (scaled, overflow) = magnitude.multipliedReportingOverflow(by: factor)
        guard !overflow else { return false }
        // Sign, digits with the point before the last `digits`, zeros up to `minDigits`: at most 1 + 20 + 1 + 100.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24 + Number.maxTextFractionDigits) { text in
            var digitsEnd = 22, digitsStart = 22, rest = scaled
            repeat {
                digitsStart -= 1
                text[digitsStart] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
                rest /= 10
            } while rest != 0
            while digitsEnd - digitsStart <= digits {
                digitsStart -= 1
                text[digitsStart] = UInt8(ascii: "0")
            }
            if numerator < 0 {
                digitsStart -= 1
                text[digitsStart] = UInt8(ascii: "-")
            }
            let fractionDigits = Swift.max(digits, minDigits)
            if fractionDigits > 0 {
                // Move the fraction's digits one place right to make room for the point.
                var index = digitsEnd
                while index > digitsEnd - digits {
                    text[index] = text[index - 1]
                    index -= 1
                }
                text[digitsEnd - digits] = UInt8(ascii: ".")
                digitsEnd += 1
                for _ in digits..<fractionDigits {
                    text[digitsEnd] = UInt8(ascii: "0")
                    digitsEnd += 1
                }
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: text[digitsStart..<digitsEnd]))
        }
        return true
    }

    /// Appends the decimal digits of `value`.
    private static func appendDigits(of value: UInt64, to buffer: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value, start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
                rest /= 10
            } while rest != 0
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

}
