/// Writes JSON text for reports into byte buffers, with minimal and deterministic escaping.
public enum JSONText {
    /// Appends `s` as a JSON string literal (with quotes): escapes `"` `\` and control characters (`\n` `\r` `\t`,
    /// others as `\u00XX`); '/' is not escaped and non-ASCII characters are written as UTF-8.
    public static func appendString(_ s: String, to buffer: inout some ByteSink & ~Copyable) {
        var text = s
        text.withUTF8 { appendString(utf8: $0, to: &buffer) }
    }

    /// Same as `appendString(_:to:)`, for the UTF-8 bytes of a string.
    static func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>, to buffer: inout some ByteSink & ~Copyable) {
        buffer.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        while index < bytes.count {
            // Eight bytes at a time up to the first that needs escaping, then that byte.
            if let base = bytes.baseAddress, index + 8 <= bytes.count {
                let escaped = ByteWord.escaped(ByteWord.load(base + index))
                if escaped == 0 {
                    index += 8
                    continue
                }
                index += escaped.trailingZeroBitCount / 8
            } else if !needsEscape(bytes[index]) {
                index += 1
                continue
            }
            let byte = bytes[index]
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            index += 1
            runStart = index
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
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        buffer.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
