/// Byte-level UTF-8 helpers shared by the readers: validation that finds the first bad byte,
/// scalar counting for columns, and the spelling of bytes and characters in messages.
enum UTF8Bytes {
    /// The length of the valid UTF-8 sequence that starts with the non-ASCII byte at `index`, or nil when it is invalid
    /// (a stray continuation byte, an overlong form, a surrogate, a value above U+10FFFF, or a sequence cut by `end`).
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard index + length <= end, secondRange.contains(bytes[index + 1]) else { return nil }
        var next = index + 2
        while next < index + length {
            guard bytes[next] & 0xC0 == 0x80 else { return nil }
            next += 1
        }
        return length
    }

    /// The offset of the first byte in `range` that is not part of valid UTF-8, or nil when the range is valid.
    static func firstInvalidByte(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] < 0x80 {
                index += 1
            } else if let length = sequenceLength(bytes, at: index, end: range.upperBound) {
                index += length
            } else {
                return index
            }
        }
        return nil
    }

    /// The number of Unicode scalars in `range`, counting every byte that is not a continuation byte.
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
        var count = 0
        for index in range where bytes[index] & 0xC0 != 0x80 {
            count += 1
        }
        return count
    }

    /// The character at `index` as messages show it: `'x'`, `U+0009` for controls, or "end of input" at `end`.
    /// Returns nil when the byte at `index` starts invalid UTF-8, which callers report as such instead.
    static func describe(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> String? {
        guard index < end else { return "end of input" }
        let byte = bytes[index]
        switch byte {
        case 0x20...0x7E:
            return "'\(Character(Unicode.Scalar(byte)))'"
        case 0x00..<0x20, 0x7F:
            return scalarName(UInt32(byte))
        default:
            guard let length = sequenceLength(bytes, at: index, end: end) else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + length]), as: UTF8.self)
            return "'\(text)'"
        }
    }

    /// `U+000A` for a scalar value.
    static func scalarName(_ value: UInt32) -> String {
        "U+" + hex4(value)
    }

    /// At least four upper-case hexadecimal digits.
    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `0xFF` for a byte.
    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" + digits : digits)
    }

    /// Appends the UTF-8 encoding of a valid scalar value.
    static func append(scalar value: UInt32, to buffer: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            buffer.append(UInt8(value))
        case 0x80..<0x800:
            buffer.append(UInt8(0xC0 | (value >> 6)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        case 0x800..<0x10000:
            buffer.append(UInt8(0xE0 | (value >> 12)))
            buffer.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        default:
            buffer.append(UInt8(0xF0 | (value >> 18)))
            buffer.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            buffer.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            buffer.append(UInt8(0x80 | (value & 0x3F)))
        }
    }
}
