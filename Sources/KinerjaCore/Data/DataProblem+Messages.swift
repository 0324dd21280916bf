/// The catalogue of data problems: every message the readers produce is written here, in alphabetical order.
extension DataProblem {
    static func cellCountMismatch(expected: Int, found: Int) -> Self {
        Self(code: .cellCountMismatch, message: "wrong number of cells: expected \(expected), found \(found)")
    }

    static func commentNotAllowed() -> Self {
        invalidJSON("comments are not allowed")
    }

    static func controlCharacterInString(_ byte: UInt8) -> Self {
        invalidJSON("unescaped control character \(UTF8Bytes.scalarName(UInt32(byte))) in string")
    }

    static func duplicateHeader(_ name: String, firstColumn: Int, secondColumn: Int) -> Self {
        Self(code: .invalidHeader,
             message: "duplicate header name '\(name)' in columns \(firstColumn) and \(secondColumn)")
    }

    static func duplicateKey(_ key: String) -> Self {
        Self(code: .duplicateKey, message: "duplicate key '\(key)'")
    }

    static func emptyHeader(column: Int) -> Self {
        Self(code: .invalidHeader, message: "empty header name in column \(column)")
    }

    static func expected(_ what: String, found: String) -> Self {
        invalidJSON("expected \(what), found \(found)")
    }

    static func invalidEscape(_ found: String) -> Self {
        invalidJSON("invalid escape '\\\(found)' in string")
    }

    static func invalidJSON(_ detail: String) -> Self {
        Self(code: .invalidJSON, message: "invalid JSON: \(detail)")
    }

    static func invalidLiteral(_ word: String) -> Self {
        invalidJSON("invalid literal '\(word)'")
    }

    static func invalidNumber(_ literal: String) -> Self {
        invalidJSON("invalid number '\(literal)'")
    }

    static func invalidUnicodeEscape() -> Self {
        invalidJSON("expected 4 hexadecimal digits after '\\u'")
    }

    static func invalidUTF8(_ byte: UInt8) -> Self {
        Self(code: .invalidUTF8, message: "invalid UTF-8: unexpected byte \(UTF8Bytes.hex(byte))")
    }

    static func leadingPlus() -> Self {
        invalidJSON("numbers must not start with '+'")
    }

    static func leadingZero(_ literal: String) -> Self {
        invalidJSON("leading zero in number '\(literal)'")
    }

    static func nestingTooDeep(limit: Int) -> Self {
        Self(code: .nestingTooDeep, message: "nesting too deep: more than \(limit) levels")
    }

    static func nonFiniteNumber(_ word: String) -> Self {
        Self(code: .nonFiniteNumber, message: "invalid JSON: '\(word)' is not allowed, JSON has no NaN or Infinity")
    }

    static func notAnObject(found kind: String) -> Self {
        Self(code: .notAnObject, message: "record is not an object: found \(kind)")
    }

    static func readFailed(_ reason: String) -> Self {
        Self(code: .readFailed, message: "input could not be read: \(reason)")
    }

    static func recordTooLong(limit: Int, isLine: Bool) -> Self {
        Self(code: .recordTooLong, message: "\(isLine ? "line" : "record") too long: more than \(limit) bytes")
    }

    static func singleQuotedString() -> Self {
        invalidJSON("strings must use double quotes, not single quotes")
    }

    static func textAfterQuote(found: String) -> Self {
        Self(code: .textAfterQuote, message: "unexpected \(found) after the closing quote of a field")
    }

    static func textAfterRecord(found: String) -> Self {
        invalidJSON("unexpected \(found) after the record")
    }

    static func tooManyRecords(limit: Int) -> Self {
        Self(code: .tooManyRecords, message: "too many records: the limit is \(limit)")
    }

    static func trailingComma(before closer: Character) -> Self {
        invalidJSON("trailing comma before '\(closer)'")
    }

    static func unpairedSurrogate(_ value: UInt32) -> Self {
        invalidJSON("unpaired surrogate '\\u\(UTF8Bytes.hex4(value))' in string")
    }

    static func unreadableDocument(_ detail: String) -> Self {
        Self(code: .unreadableDocument, message: "unreadable document: \(detail)")
    }

    static func unterminatedQuote() -> Self {
        Self(code: .unterminatedQuote, message: "unterminated quoted field: missing closing '\"'")
    }

    static func unterminatedString() -> Self {
        invalidJSON("unterminated string")
    }
}
