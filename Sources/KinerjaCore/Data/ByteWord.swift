/// Eight bytes read as one little-endian word (first byte lowest), for scanning and comparing text eight bytes at a
/// time.
enum ByteWord {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Eight letters `a`: a word that nothing marks, to fill up the bytes of a word after a short tail.
    static let filler: UInt64 = 0x6161_6161_6161_6161

    /// The eight bytes at `pointer`, which need not be aligned.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The bytes of `bytes` from `index` to its end (fewer than eight), first lowest, in a word filled up with
    /// `filler`.
    static func tail(of bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> UInt64 {
        var word = filler
        withUnsafeMutableBytes(of: &word) { word in
            word.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[index...]))
        }
        return UInt64(littleEndian: word)
    }

    /// The high bit of each byte in `word` that a JSON string must escape: a quote, a backslash or a control
    /// character. The lowest marked byte is exact; bytes after it may be marked too.
    @inline(__always)
    static func escaped(_ word: UInt64) -> UInt64 {
        /// A high bit set in each byte of `x` that is zero (exactly up to the first, for bytes below 0x80).
        func zeros(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let quote = zeros(word ^ (ones &* 0x22)), backslash = zeros(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & highs
        return quote | backslash | control
    }

    /// The high bit of the bytes of `word` equal to `byte`: exact up to the first, the only one that counts (its
    /// offset is `trailingZeroBitCount >> 3`; 8 when there is none).
    @inline(__always)
    static func marks(of byte: UInt8, in word: UInt64) -> UInt64 {
        let matched = word ^ (ones &* UInt64(byte))
        return (matched &- ones) & ~matched & highs
    }

    /// The byte at `offset` (0 to 7) of `word`.
    @inline(__always)
    static func byte(_ word: UInt64, at offset: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: word &>> UInt64(truncatingIfNeeded: offset &<< 3))
    }

    /// The high bit of each byte in `word` that is not ASCII.
    @inline(__always)
    static func nonASCII(_ word: UInt64) -> UInt64 {
        word & highs
    }

    /// A plain decimal, `(0|[1-9][0-9]*)(.[0-9]+)?`, that starts at the first byte of `word` and ends before its last:
    /// its digits as a whole number, its count of decimals and its length in bytes. Nil when the word does not hold
    /// such a number followed by a byte that is not a digit, a point or an exponent (a sign, eight or more bytes of
    /// number, a point without digits, a leading zero): reading byte by byte decides those.
    @inline(__always)
    static func shortDecimal(_ word: UInt64) -> (mantissa: Int64, fractionDigits: Int, length: Int)? {
        // Anything a byte at or above 0x80 marks besides itself lies beyond the number. Positions below are in bits,
        // eight to a byte.
        let nonDigits = nonDigits(word)
        let integerBits = UInt64(nonDigits.trailingZeroBitCount) &- 7
        // `bits &- 8 < 49`: 8 to 56 bits, one to seven bytes.
        guard integerBits &- 8 < 49, integerBits == 8 || word & 0xFF != 0x30 else { return nil }
        var digitBits = integerBits, lengthBits = integerBits
        var digitBytes = word & lowBits(integerBits)
        if (word &>> integerBits) & 0xFF == 0x2E {
            // The digits after the point end at the next byte marked, which must lie inside the word (a byte that
            // follows the word is never marked, so the number and the byte after it fit).
            let fractionBits = UInt64(((nonDigits &>> integerBits) &>> 8).trailingZeroBitCount) &- 7
            digitBits = integerBits &+ fractionBits
            lengthBits = digitBits &+ 8
            guard fractionBits &- 8 < 49 else { return nil }
            digitBytes |= (word &>> 8) & lowBits(digitBits) & ~lowBits(integerBits)
        }
        guard (word &>> lengthBits) & 0xDF != 0x45 else { return nil }  // `e` or `E`
        return (Int64(combinedDigits(digitBytes, bits: digitBits)), Int((digitBits &- integerBits) &>> 3),
                Int(lengthBits &>> 3))
    }

    /// The plain decimal `(0|[1-9][0-9]*)(.[0-9]+)?` that fills exactly the first `length` bytes of `word` (1 to 7),
    /// as `shortDecimal` gives it; nil when those bytes are anything else. The caller knows where the number ends
    /// (at a separator), so that only the bytes inside are looked at.
    @inline(__always)
    static func decimal(_ word: UInt64, length: Int) -> (mantissa: Int64, fractionDigits: Int)? {
        let bits = UInt64(truncatingIfNeeded: length) &<< 3
        let item = word & lowBits(bits)
        // A byte at or above 0x80 may also mark the byte after it, which only refuses more.
        let nonDigits = nonDigits(item) & lowBits(bits)
        let leadingZero = item & 0xFF == 0x30
        var digitBytes = item, digitBits = bits, fractionDigits = 0
        if nonDigits != 0 {
            // Exactly one byte that is not a digit: a point with digits on both sides.
            let point = Int(truncatingIfNeeded: nonDigits.trailingZeroBitCount &>> 3)
            let pointBits = UInt64(truncatingIfNeeded: point) &<< 3
            guard nonDigits & (nonDigits &- 1) == 0, (item &>> pointBits) & 0xFF == 0x2E,
                  point >= 1, point <= length &- 2, point == 1 || !leadingZero
            else { return nil }
            digitBytes = (item & lowBits(pointBits)) | ((item &>> 8) & ~lowBits(pointBits))
            digitBits = bits &- 8
            fractionDigits = length &- 1 &- point
        } else {
            guard length == 1 || !leadingZero else { return nil }
        }
        return (Int64(combinedDigits(digitBytes, bits: digitBits)), fractionDigits)
    }

    /// A value of 1 to 7 bytes (a list item, a scalar) as it is found in a word before it is read: its bytes and the
    /// separator after them, first lowest, as the key; so two items are written alike exactly when their keys are
    /// equal (an item holds no separator, so the separator's place gives the length).
    struct ShortItem {
        let key: UInt64
        /// 0 to 8; the item is one only from 1 to 7 (the caller checks).
        let length: Int

        /// The item that ends where `marks` (`ByteWord.marks(of:in:)` of the separator) first marks `word`; with no
        /// mark, the length is 8.
        @inline(__always)
        init(_ word: UInt64, separator marks: UInt64) {
            // The bits up to the separator's high bit, which is not set in a separator below 0x80.
            key = word & (marks ^ (marks &- 1))
            length = marks.trailingZeroBitCount &>> 3
        }

        /// The plain decimal the item is, as `decimal(_:length:)` reads it.
        var decimal: (mantissa: Int64, fractionDigits: Int)? {
            ByteWord.decimal(key, length: length)
        }
    }

    /// A high bit in each byte of `word` that is not an ASCII digit: `byte ^ 0x30` is a digit's value, below 10.
    /// Sums of ASCII bytes carry into no other byte; a byte at or above 0x80 is marked itself, and may mark the byte
    /// after it too.
    @inline(__always)
    private static func nonDigits(_ word: UInt64) -> UInt64 {
        let values = word ^ 0x3030_3030_3030_3030
        return ((values &+ 0x7676_7676_7676_7676) | values) & highs
    }

    /// The whole number written by the ASCII digits in the lowest `bits` bits of `digitBytes` (8 to 56), first digit
    /// lowest: moved up so that the bytes below hold zeros, then combined in pairs, fours and eights.
    @inline(__always)
    private static func combinedDigits(_ digitBytes: UInt64, bits: UInt64) -> UInt64 {
        if bits <= 32 {
            // Up to four digits (most items): the same in one half of the word, a step shorter.
            var value = (UInt32(truncatingIfNeeded: digitBytes) & 0x0F0F_0F0F) &<< UInt32(truncatingIfNeeded: 32 &- bits)
            value = ((value &* 2561) &>> 8) & 0x00FF_00FF
            return UInt64((value &* 6_553_601) &>> 16)
        }
        var value = (digitBytes & 0x0F0F_0F0F_0F0F_0F0F) &<< (64 &- bits)
        value = ((value &* 2561) &>> 8) & 0x00FF_00FF_00FF_00FF
        value = ((value &* 6_553_601) &>> 16) & 0x0000_FFFF_0000_FFFF
        return (value &* 42_949_672_960_001) &>> 32
    }

    /// A word whose lowest `bits` bits (0 to 63) are ones.
    @inline(__always)
    private static func lowBits(_ bits: UInt64) -> UInt64 {
        (1 &<< bits) &- 1
    }
}
