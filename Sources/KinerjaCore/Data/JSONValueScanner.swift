/// Finds where one JSON value ends by matching brackets and quotes, without parsing it, so that the document
/// reader can cut one record out of a stream and resynchronise after a record with a syntax error.
///
/// It is resumable: `scan` can be called again with more bytes, and it keeps no bytes itself. A raw newline
/// inside a string, which valid JSON never has, ends the string, so an unterminated string in a pretty-printed
/// document costs only its own record.
struct JSONValueScanner {
    private let isScalar: Bool
    private var depth = 0
    /// The kinds of the open brackets, one bit each (1 for '{'), innermost in the lowest bit; only while
    /// `bracketsAreKnown`, that is while the value has never been nested deeper than 64.
    private var openBrackets: UInt64 = 0
    private var bracketsAreKnown = true
    private var inString = false
    private var escaped = false
    /// The line feeds scanned so far.
    private(set) var newlines = 0

    /// A scanner for the value whose first byte is `first` (never whitespace, ',', ':', ']' or '}').
    init(first: UInt8) {
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""): isScalar = false
        default: isScalar = true
        }
    }

    /// Whether the value is a bare number or word, which ends at the end of the input too.
    var endsAtEndOfInput: Bool { isScalar }

    /// Scans `bytes[from...]`; returns the offset just past the value, or nil when it goes on beyond these bytes.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        if isScalar {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "{"),
                     UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"),
                     UInt8(ascii: "\n"):
                    return index
                default:
                    index += 1
                }
            }
            return nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\n") {
                newlines += 1
                if inString {
                    inString = false
                    escaped = false
                    if depth == 0 { return index }
                }
            } else if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return index }
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    openBrackets = openBrackets << 1 | (byte == UInt8(ascii: "{") ? 1 : 0)
                    if depth > 64 { bracketsAreKnown = false }
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    close(byte)
                    if depth <= 0 { return index }
                default:
                    break
                }
            }
        }
        return nil
    }

    /// Closes brackets for `closer`. When it does not match the innermost open bracket but matches the one
    /// around it, the innermost was left unclosed (`{"a": [1}`): both close, so the record ends where it should.
    private mutating func close(_ closer: UInt8) {
        let isBrace: UInt64 = closer == UInt8(ascii: "}") ? 1 : 0
        if bracketsAreKnown && depth >= 2 && openBrackets & 1 != isBrace && (openBrackets >> 1) & 1 == isBrace {
            depth -= 2
            openBrackets >>= 2
        } else {
            depth -= 1
            openBrackets >>= 1
        }
    }
}
