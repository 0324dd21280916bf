/// A position in the bytes of one record (a JSON object or a CSV cell), with the scanning steps the fast binders
/// need.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index == bytes.count }

    /// Skips JSON whitespace. Inlined up to the first byte, which in most data is not whitespace.
    @inline(__always)
    mutating func skipWhitespace() {
        if index < bytes.count && bytes[index] > UInt8(ascii: " ") { return }
        skipWhitespaceRun()
    }

    @inline(never)
    private mutating func skipWhitespaceRun() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): index += 1
            default: return
            }
        }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    @inline(__always)
    mutating func takeLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        // Most values are not the literal: their first byte tells.
        guard index + count <= bytes.count, bytes[index] == literal.utf8Start[0] else { return false }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// The contents of a string without escapes, control characters or non-ASCII bytes.
    mutating func plainString() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        if let base = bytes.baseAddress {
            // Eight bytes at a time, up to the first that ends the string or makes it not plain.
            while index + 8 <= bytes.count {
                let word = ByteWord.load(base + index)
                let special = ByteWord.escaped(word) | ByteWord.nonASCII(word)
                if special != 0 {
                    index += special.trailingZeroBitCount / 8
                    break
                }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            index += 1
        }
        return nil
    }

    /// A number literal as scanned: its bytes, and for a plain decimal of up to 18 digits its digits as a whole
    /// number with the count of digits after the point.
    struct NumberLiteral {
        var range: Range<Int>
        var decimal: (mantissa: Int64, fractionDigits: Int)?
    }

    /// A number in the strict JSON grammar, `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    mutating func number() -> NumberLiteral? {
        let start = index
        if let decimal = plainDecimal() { return NumberLiteral(range: start..<index, decimal: decimal) }
        // More digits or an exponent: the general parser reads the bytes.
        guard skipNumber() else { return nil }
        return NumberLiteral(range: start..<index, decimal: nil)
    }

    /// A plain decimal, `-?(0|[1-9][0-9]*)(.[0-9]+)?` with at most 18 digits and no exponent: its digits as a whole
    /// number and its count of decimals. Nil for anything else, with the position unchanged.
    @inline(__always)
    mutating func plainDecimal() -> (mantissa: Int64, fractionDigits: Int)? {
        // Most numbers in data are short and not negative: read from one word when the number ends inside it.
        if let base = bytes.baseAddress, index &+ 8 <= bytes.count,
           let short = ByteWord.shortDecimal(ByteWord.load(base + index)) {
            index &+= short.length
            return (short.mantissa, short.fractionDigits)
        }
        return plainDecimalByBytes()
    }

    /// The value of 1 to 7 bytes here that `end` or `otherEnd` follows, as a key for an `ItemMemo` (the cursor does
    /// not move); nil when neither is in the next eight bytes. Near the end of the bytes (where the last field of an
    /// object is), the rest is read into a word of `ByteWord.filler`.
    @inline(__always)
    func shortItem(endingAt end: UInt8, or otherEnd: UInt8) -> ByteWord.ShortItem? {
        guard let base = bytes.baseAddress else { return nil }
        let word = index &+ 8 <= bytes.count ? ByteWord.load(base + index) : ByteWord.tail(of: bytes, from: index)
        // Each mark is exact up to its first, so the lowest of either is too.
        let marks = ByteWord.marks(of: end, in: word) | ByteWord.marks(of: otherEnd, in: word)
        guard marks & 0xFF == 0, marks != 0 else { return nil }
        return ByteWord.ShortItem(word, separator: marks)
    }

    /// Reads the items of a list that are each at most seven bytes followed by `separator`, straight from eight-byte
    /// words, passing each to `take` and counting it in `count` while that stays below `limit`. With `spaced`, items
    /// may instead each be followed by the separator and one space, as JSON allows and many writers put
    /// (`[4.0, 2.5]`). Stops before the first item that is not one (the last of a list, other whitespace, a long
    /// number), and before one for which `take` gives nil (not a plain decimal), where the caller's item loop carries
    /// on; false when `take` refuses an item.
    @inline(__always)
    mutating func shortDecimalItems(separatedBy separator: UInt8, spaced: Bool, count: inout Int, limit: Int,
                                    _ take: (ByteWord.ShortItem) -> Bool?) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        guard shortDecimalItems(base, separatedBy: separator, gap: 1, count: &count, limit: limit, take) else {
            return false
        }
        // Stopped at a space after a separator: the items are spaced, and go on one step further apart.
        guard spaced, index > 0, index < bytes.count, bytes[index] == UInt8(ascii: " "),
              bytes[index &- 1] == separator else { return true }
        index &+= 1
        return shortDecimalItems(base, separatedBy: separator, gap: 2, count: &count, limit: limit, take)
    }

    /// The loop of `shortDecimalItems`, for items each followed by the separator and `gap - 1` spaces: a constant,
    /// so that the step from one item to the next waits for nothing but the separator's place.
    @inline(__always)
    private mutating func shortDecimalItems(_ base: UnsafePointer<UInt8>, separatedBy separator: UInt8, gap: Int,
                                            count: inout Int, limit: Int,
                                            _ take: (ByteWord.ShortItem) -> Bool?) -> Bool {
        while index &+ 8 <= bytes.count && count < limit {
            let word = ByteWord.load(base + index)
            // The next item's place comes from the separator alone, not from the parse of this one: the next load
            // then waits for a few instructions instead of the whole parse.
            let item = ByteWord.ShortItem(word, separator: ByteWord.marks(of: separator, in: word))
            guard UInt(bitPattern: item.length &- 1) < UInt(bitPattern: 8 &- gap),
                  gap == 1 || ByteWord.byte(word, at: item.length &+ 1) == UInt8(ascii: " ") else { return true }
            guard let taken = take(item) else { return true }
            guard taken else { return false }
            count &+= 1
            index &+= item.length &+ gap
        }
        return true
    }

    /// `plainDecimal()` read a byte at a time: any number, however long or wherever it ends.
    mutating func plainDecimalByBytes() -> (mantissa: Int64, fractionDigits: Int)? {
        // Wrapping arithmetic throughout: positions stay within the buffer, and a value of more than 18 digits,
        // which may wrap, is refused below.
        let end = bytes.count
        var at = index
        let negative = at < end && bytes[at] == UInt8(ascii: "-")
        if negative { at &+= 1 }
        let integerStart = at
        var value: Int64 = 0
        while at < end, case let digit = bytes[at] &- 48, digit < 10 {
            value = value &* 10 &+ Int64(digit)
            at &+= 1
        }
        let integerDigits = at &- integerStart
        guard integerDigits == 1 || (integerDigits > 1 && bytes[integerStart] != UInt8(ascii: "0")) else { return nil }
        var fractionDigits = 0
        if at < end, bytes[at] == UInt8(ascii: ".") {
            at &+= 1
            let fractionStart = at
            while at < end, case let digit = bytes[at] &- 48, digit < 10 {
                value = value &* 10 &+ Int64(digit)
                at &+= 1
            }
            fractionDigits = at &- fractionStart
            guard fractionDigits > 0 else { return nil }
        }
        // 18 digits always fit an Int64.
        guard integerDigits &+ fractionDigits <= 18, at == end || bytes[at] | 0x20 != UInt8(ascii: "e") else {
            return nil
        }
        index = at
        return (negative ? 0 &- value : value, fractionDigits)
    }

    /// Skips a number in the strict JSON grammar; false when there is none here.
    private mutating func skipNumber() -> Bool {
        let end = bytes.count
        var at = index
        func skipDigits() -> Bool {
            let start = at
            while at < end, bytes[at] &- 48 < 10 { at += 1 }
            return at > start
        }
        if at < end, bytes[at] == UInt8(ascii: "-") { at += 1 }
        if at < end, bytes[at] == UInt8(ascii: "0") {
            at += 1
        } else {
            guard skipDigits() else { return false }
        }
        if at < end, bytes[at] == UInt8(ascii: ".") {
            at += 1
            guard skipDigits() else { return false }
        }
        if at < end, bytes[at] | 0x20 == UInt8(ascii: "e") {
            at += 1
            if at < end, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
            guard skipDigits() else { return false }
        }
        index = at
        return true
    }

    /// Skips a value of an undeclared field; false for anything the general path must judge.
    mutating func skipValue(depth: Int) -> Bool {
        guard index < bytes.count, depth < JSONFastBinder.maximumDepth else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""): return plainString() != nil
        case UInt8(ascii: "t"): return takeLiteral("true")
        case UInt8(ascii: "f"): return takeLiteral("false")
        case UInt8(ascii: "n"): return takeLiteral("null")
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if take(UInt8(ascii: "]")) { return true }
            while true {
                skipWhitespace()
                guard skipValue(depth: depth + 1) else { return false }
                skipWhitespace()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]"))
            }
        default: return number() != nil
        }
    }

    func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for offset in 0..<a.count where bytes[a.lowerBound + offset] != bytes[b.lowerBound + offset] { return false }
        return true
    }

    func equal(_ range: Range<Int>, _ name: [UInt8]) -> Bool {
        guard range.count == name.count else { return false }
        for offset in 0..<name.count where bytes[range.lowerBound + offset] != name[offset] { return false }
        return true
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// A number in its stored form under `rule`; nil to take the general path.
    mutating func number(_ rule: NumberRule) -> Number? {
        guard let literal = number() else { return nil }
        if let decimal = literal.decimal, let stored = Self.stored(decimal, rule) { return stored }
        // Long or exponent forms: the general parser, then the rule.
        guard let parsed = (try? Number.parse(UnsafeBufferPointer(rebasing: bytes[literal.range]))) ?? nil,
              case .success(let stored) = rule.apply(parsed) else { return nil }
        return stored
    }

    /// A plain decimal in its stored form under `rule`; nil when the rule rejects the value or the digits overflow;
    /// the general path then decides.
    private static func stored(_ literal: (mantissa: Int64, fractionDigits: Int), _ rule: NumberRule) -> Number? {
        guard let number = converted(literal, rule) else { return nil }
        switch rule {
        case .percent, .duration: return number
        case .plain, .integer, .count, .score:
            guard case .success(let stored) = rule.apply(number) else { return nil }
            return stored
        }
    }

    /// A plain decimal in the unit `rule` stores, without its checks, scaled while still a whole number so that no
    /// gcd is needed: percent points are hundredths, and a duration's seconds multiply the digits. Nil when the
    /// digits overflow.
    static func converted(_ literal: (mantissa: Int64, fractionDigits: Int), _ rule: NumberRule) -> Number? {
        switch rule {
        case .percent:
            // A denominator of at most 10^18 fits in 64 bits.
            guard literal.fractionDigits + 2 <= 18 else { return nil }
            return Number.decimal(literal.mantissa, fractionDigits: literal.fractionDigits + 2)
        case .duration(let seconds):
            let (scaled, overflow) = literal.mantissa.multipliedReportingOverflow(by: seconds)
            return overflow ? nil : Number.decimal(scaled, fractionDigits: literal.fractionDigits)
        case .plain, .integer, .count, .score:
            return Number.decimal(literal.mantissa, fractionDigits: literal.fractionDigits)
        }
    }
}
