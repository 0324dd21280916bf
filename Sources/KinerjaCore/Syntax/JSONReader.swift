/// Reads the JSON record of a test case straight from the bytes of the test file.
///
/// JSON is read by its own rules, not the language's: numbers may have a sign and an exponent, strings have the JSON
/// escapes. The reader stops at the first problem and records it in ``problem``; ``offset`` is then moved past the
/// damaged record (to its closing brace, or to the next line that starts with `expect` or `case`) so that the test
/// parser can carry on.
struct JSONReader {
    private let bytes: [UInt8]
    /// The offset of the next byte to read; after ``readRecord()``, the end of the record.
    private(set) var offset: Int
    /// The first problem found, with where it is.
    private(set) var problem: (SyntaxMessage, SourceRange)?
    private var depth = 0

    init(bytes: [UInt8], offset: Int) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Reads the object starting at ``offset``; nil after a problem, with ``offset`` past the damaged record.
    mutating func readRecord() -> JSONLiteral? {
        let start = offset
        if let record = readValue() { return record }
        offset = Self.endOfDamagedRecord(in: bytes, from: start)
        return nil
    }

    // MARK: - Values

    private mutating func readValue() -> JSONLiteral? {
        guard depth < SyntaxParser.maximumNestingDepth else {
            return fail(.nestedTooDeeply(SyntaxParser.maximumNestingDepth), at: SourceRange(offset, offset + 1))
        }
        depth += 1
        defer { depth -= 1 }
        skipWhitespace()
        let start = offset
        switch peek() ?? 0 {
        case UInt8(ascii: "{"): return readObject()
        case UInt8(ascii: "["): return readArray()
        case UInt8(ascii: "\""):
            guard let string = readString() else { return nil }
            return JSONLiteral(kind: .string(string), range: SourceRange(start, offset))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return readNumber()
        default:
            let word = readWord()
            switch word {
            case "true": return JSONLiteral(kind: .bool(true), range: SourceRange(start, offset))
            case "false": return JSONLiteral(kind: .bool(false), range: SourceRange(start, offset))
            case "null": return JSONLiteral(kind: .null, range: SourceRange(start, offset))
            default: return fail(.expectedJSONValue, at: SourceRange(start, max(offset, min(start + 1, bytes.count))))
            }
        }
    }

    private mutating func readObject() -> JSONLiteral? {
        let start = offset
        offset += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            offset += 1
            return JSONLiteral(kind: .object(members), range: SourceRange(start, offset))
        }
        while true {
            skipWhitespace()
            let keyStart = offset
            guard peek() == UInt8(ascii: "\"") else { return fail(.expectedJSONKey, at: nextByteRange) }
            guard let keyValue = readString() else { return nil }
            let key = StringLiteral(value: keyValue, range: SourceRange(keyStart, offset))
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { return fail(.expectedJSONColon, at: nextByteRange) }
            offset += 1
            guard let value = readValue() else { return nil }
            members.append(JSONMember(key: key, value: value))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                return JSONLiteral(kind: .object(members), range: SourceRange(start, offset))
            default: return fail(.expectedJSONSeparator(inObject: true), at: nextByteRange)
            }
        }
    }

    private mutating func readArray() -> JSONLiteral? {
        let start = offset
        offset += 1
        var items: [JSONLiteral] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            offset += 1
            return JSONLiteral(kind: .array(items), range: SourceRange(start, offset))
        }
        while true {
            guard let item = readValue() else { return nil }
            items.append(item)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                return JSONLiteral(kind: .array(items), range: SourceRange(start, offset))
            default: return fail(.expectedJSONSeparator(inObject: false), at: nextByteRange)
            }
        }
    }

    // MARK: - Scalars

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as written.
    private mutating func readNumber() -> JSONLiteral? {
        let start = offset
        while let byte = peek(), Lexer.isDigit(byte) || [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E")].contains(byte)
        {
            offset += 1
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        guard Self.isValidNumber(Array(text.utf8)) else {
            return fail(.invalidJSONNumber(text), at: SourceRange(start, offset))
        }
        return JSONLiteral(kind: .number(text), range: SourceRange(start, offset))
    }

    private static func isValidNumber(_ text: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let first = index
            while index < text.count, Lexer.isDigit(text[index]) { index += 1 }
            return index - first
        }
        if index < text.count, text[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || text[integerStart] != UInt8(ascii: "0") else { return false }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < text.count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == text.count
    }

    /// A string with the JSON escapes resolved; the current byte is its opening quote.
    private mutating func readString() -> String? {
        let start = offset
        offset += 1
        var value: [UInt8] = []
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard readEscape(into: &value) else { return nil }
            default:
                value.append(byte)
            }
        }
        problem = (.unterminatedJSONString, SourceRange(start, offset))
        return nil
    }

    private mutating func readEscape(into value: inout [UInt8]) -> Bool {
        let start = offset - 1
        guard let escaped = peek() else {
            problem = (.unterminatedJSONString, SourceRange(start, offset))
            return false
        }
        offset += 1
        if let replacement = Self.simpleEscapes[escaped] {
            value.append(replacement)
            return true
        }
        guard escaped == UInt8(ascii: "u"), var scalar = readHexQuad() else {
            let end = min(offset, bytes.count)
            problem = (.invalidJSONEscape(String(decoding: bytes[start..<end], as: UTF8.self)), SourceRange(start, end))
            return false
        }
        if (0xD800..<0xDC00).contains(scalar), peek() == UInt8(ascii: "\\"), peek(at: 1) == UInt8(ascii: "u") {
            let resume = offset
            offset += 2
            if let low = readHexQuad(), (0xDC00..<0xE000).contains(low) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
                offset = resume
            }
        }
        UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { value.append($0) }
        return true
    }

    /// The escapes that stand for one byte: `\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t`.
    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
        UInt8(ascii: "/"): UInt8(ascii: "/"), UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
        UInt8(ascii: "n"): UInt8(ascii: "\n"), UInt8(ascii: "r"): UInt8(ascii: "\r"),
        UInt8(ascii: "t"): UInt8(ascii: "\t"),
    ]

    /// Four hexadecimal digits, as after `\u`.
    private mutating func readHexQuad() -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var quad: UInt32 = 0
        for byte in bytes[offset..<offset + 4] {
            guard let digit = Self.hexDigitValue(byte) else { return nil }
            quad = quad << 4 | digit
        }
        offset += 4
        return quad
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private mutating func readWord() -> String {
        let start = offset
        while let byte = peek(), Lexer.isNameByte(byte) { offset += 1 }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    // MARK: - Bytes and problems

    private mutating func skipWhitespace() {
        while let byte = peek(), Self.isWhitespace(byte) {
            offset += 1
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(byte)
    }

    private func peek(at distance: Int = 0) -> UInt8? {
        offset + distance < bytes.count ? bytes[offset + distance] : nil
    }

    private var nextByteRange: SourceRange {
        SourceRange(offset, min(offset + 1, bytes.count))
    }

    private mutating func fail(_ message: SyntaxMessage, at range: SourceRange) -> JSONLiteral? {
        problem = (message, range)
        return nil
    }

    /// Where a record that could not be read ends: after the brace that balances its first one (strings skipped),
    /// or at the start of the first line that begins with `expect` or `case`, whichever comes first.
    private static func endOfDamagedRecord(in bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        var isInString = false
        while index < bytes.count {
            let byte = bytes[index]
            if isInString {
                if byte == UInt8(ascii: "\\") { index += 1 }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") { isInString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): isInString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth <= 0 { return index + 1 }
                case UInt8(ascii: "\n"):
                    if lineStartsWithItemKeyword(bytes, at: index + 1) { return index + 1 }
                default: break
                }
            }
            index += 1
        }
        return bytes.count
    }

    private static func lineStartsWithItemKeyword(_ bytes: [UInt8], at lineStart: Int) -> Bool {
        var index = lineStart
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        var end = index
        while end < bytes.count, Lexer.isNameByte(bytes[end]) { end += 1 }
        let word = String(decoding: bytes[index..<end], as: UTF8.self)
        return word == "expect" || word == "case"
    }
}
