/// Writes JSON text for reports into byte buffers, with minimal and deterministic escaping.
public enum JSONText {
    /// Appends `s` as a JSON string literal (with quotes): escapes `"` `\` and control characters (`\n` `\r` `\t`,
    /// others as `\u00XX`); '/' is not escaped and non-ASCII characters are written as UTF-8.
    public static func appendString(_ s: String, to buffer: inout some ByteSink & ~Copyable) {
        // Native strings (all that kinerja makes) lend their bytes without a copy of the string.
        if s.utf8.withContiguousStorageIfAvailable({ appendString(utf8: $0, to: &buffer) }) != nil { return }
        var text = s
        text.withUTF8 { appendString(utf8: $0, to: &buffer) }
    }

    /// Same as `appendString(_:to:)`, for the UTF-8 bytes of a string.
    static func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>, to buffer: inout some ByteSink & ~Copyable) {
        buffer.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = firstEscaped(in: bytes, from: 0)
        while index < bytes.count {
            let byte = bytes[index]
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            buffer.append(UInt8(ascii: "\\"))
            switch byte {
            case 0x22: buffer.append(UInt8(ascii: "\""))
            case 0x5C: buffer.append(UInt8(ascii: "\\"))
            case 0x0A: buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(UInt8(ascii: "r"))
            case 0x09: buffer.append(UInt8(ascii: "t"))
            default:
                buffer.append("u00")
                buffer.append(hexDigits[Int(byte >> 4)])
                buffer.append(hexDigits[Int(byte & 0x0F)])
            }
            runStart = index + 1
            index = firstEscaped(in: bytes, from: runStart)
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        buffer.append(UInt8(ascii: "\""))
    }

    /// The index of the first byte at or after `start` that a JSON string must escape, or `bytes.count`. Eight bytes
    /// at a time; a tail of fewer is copied into a word of harmless bytes, so a short string takes one step.
    @inline(__always)
    private static func firstEscaped(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var index = start
        while index + 8 <= bytes.count {
            let escaped = ByteWord.escaped(ByteWord.load(base + index))
            if escaped != 0 { return index + escaped.trailingZeroBitCount / 8 }
            index += 8
        }
        guard index < bytes.count else { return index }
        let escaped = ByteWord.escaped(ByteWord.tail(of: bytes, from: index))
        return escaped == 0 ? bytes.count : index + escaped.trailingZeroBitCount / 8
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
