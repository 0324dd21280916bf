/// Strings, numbers and the literals `true`, `false` and `null`, with specific messages for the usual mistakes
/// (NaN and Infinity, a leading '+' or zero, single quotes, comments, bad escapes, lone surrogates).
extension JSONParser {
    /// Parses a string literal starting at the opening quote, decoding escapes and checking UTF-8.
    mutating func parseStringLiteral() throws(DataIssue) -> String {
        let quote = index
        index += 1
        var runStart = index
        var decoded: [UInt8]?
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text: String
                if var decoded {
                    decoded.append(contentsOf: bytes[runStart..<index])
                    text = String(decoding: decoded, as: UTF8.self)
                } else {
                    text = String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
                }
                index += 1
                return text
            } else if byte == UInt8(ascii: "\\") {
                var buffer = decoded ?? []
                buffer.append(contentsOf: bytes[runStart..<index])
                try parseEscape(into: &buffer, quote: quote)
                decoded = buffer
                runStart = index
            } else if byte < 0x20 {
                throw DataIssue(.controlCharacterInString(byte), at: index)
            } else if byte < 0x80 {
                index += 1
            } else if let length = UTF8Bytes.sequenceLength(bytes, at: index, end: end) {
                index += length
            } else {
                throw DataIssue(.invalidUTF8(byte), at: index)
            }
        }
        throw DataIssue(.unterminatedString(), at: quote)
    }

    /// Decodes the escape at `index` (a backslash) and appends its UTF-8 bytes.
    private mutating func parseEscape(into buffer: inout [UInt8], quote: Int) throws(DataIssue) {
        let escape = index
        guard index + 1 < end else { throw DataIssue(.unterminatedString(), at: quote) }
        let letter = bytes[index + 1]
        index += 2
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(letter)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad(at: index)
            index += 4
            if (0xDC00...0xDFFF).contains(scalar) {
                throw DataIssue(.unpairedSurrogate(scalar), at: escape)
            }
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw DataIssue(.unpairedSurrogate(scalar), at: escape)
                }
                let low = try hexQuad(at: index + 2)
                guard (0xDC00...0xDFFF).contains(low) else { throw DataIssue(.unpairedSurrogate(scalar), at: escape) }
                index += 6
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            UTF8Bytes.append(scalar: scalar, to: &buffer)
        default:
            guard let found = UTF8Bytes.describe(bytes, at: escape + 1, end: end) else {
                throw DataIssue(.invalidUTF8(letter), at: escape + 1)
            }
            let shown = letter >= 0x20 && letter != 0x7F ? String(found.dropFirst().dropLast()) : found
            throw DataIssue(.invalidEscape(shown), at: escape)
        }
    }

    /// The value of the four hexadecimal digits at `offset`.
    private func hexQuad(at offset: Int) throws(DataIssue) -> UInt32 {
        guard offset + 4 <= end else { throw DataIssue(.invalidUnicodeEscape(), at: offset - 2) }
        var value: UInt32 = 0
        for position in offset..<offset + 4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw DataIssue(.invalidUnicodeEscape(), at: offset - 2)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Parses a number and returns its literal text: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(DataIssue) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
            if index < end && isLetter(bytes[index]) {
                throw wordIssue(at: start)
            }
        }
        guard index < end, isDigit(bytes[index]) else { throw invalidNumber(from: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < end && isDigit(bytes[index]) {
                throw DataIssue(.leadingZero(numberText(from: start)), at: start)
            }
        } else {
            skipDigits()
        }
        if index < end && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < end, isDigit(bytes[index]) else { throw invalidNumber(from: start) }
            skipDigits()
        }
        if index < end && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < end && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard index < end, isDigit(bytes[index]) else { throw invalidNumber(from: start) }
            skipDigits()
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private func invalidNumber(from start: Int) -> DataIssue {
        DataIssue(.invalidNumber(numberText(from: start)), at: start)
    }

    /// Parses `true`, `false` or `null`, or explains what else starts at `index`.
    mutating func parseLiteral() throws(DataIssue) -> DataValue {
        let start = index
        let byte = bytes[index]
        if isLetter(byte) {
            let word = wordText(from: start)
            switch word {
            case "true": index += 4; return .bool(true)
            case "false": index += 5; return .bool(false)
            case "null": index += 4; return .null
            default: throw wordIssue(at: start)
            }
        }
        switch byte {
        case UInt8(ascii: "+"):
            if index + 1 < end && isLetter(bytes[index + 1]) { throw wordIssue(at: start) }
            throw DataIssue(.leadingPlus(), at: start)
        case UInt8(ascii: "."):
            throw invalidNumber(from: start)
        default:
            throw unexpected(at: start) { .expected("a value", found: $0) }
        }
    }

    /// The issue for a word where a value was expected: NaN and Infinity get their own message.
    private func wordIssue(at start: Int) -> DataIssue {
        let word = wordText(from: start)
        var name = Substring(word)
        if let sign = name.first, sign == "-" || sign == "+" { name = name.dropFirst() }
        switch name.lowercased() {
        case "nan", "infinity", "inf":
            return DataIssue(.nonFiniteNumber(word), at: start)
        default:
            return DataIssue(.invalidLiteral(word), at: start)
        }
    }

    /// The word (sign, letters, digits, '_') at `start`, at most 32 bytes, for messages.
    private func wordText(from start: Int) -> String {
        var stop = start
        while stop < end && stop - start < 32 {
            let byte = bytes[stop]
            let isSign = stop == start && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+"))
            guard isSign || isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") else { break }
            stop += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
    }

    /// The number-like text (digits, letters, '.', '+', '-') at `start`, at most 32 bytes, for messages.
    private func numberText(from start: Int) -> String {
        var stop = start
        while stop < end && stop - start < 32 {
            let byte = bytes[stop]
            let isPart = isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            guard isPart else { break }
            stop += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
    }

    private mutating func skipDigits() {
        while index < end && isDigit(bytes[index]) {
            index += 1
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}
