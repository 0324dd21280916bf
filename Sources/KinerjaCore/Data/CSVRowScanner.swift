import Foundation

/// Finds where a CSV row ends: the first line feed outside a quoted field. It is resumable across chunks,
/// keeps no bytes itself, and counts the line feeds inside quoted fields so that line numbers stay right.
///
/// A quote is special only at the start of a field, as in RFC 4180; elsewhere it is an ordinary character.
struct CSVRowScanner {
    private enum State {
        case fieldStart
        case unquoted
        case quoted
        /// A quote inside a quoted field: either the closing quote or the first half of `""`.
        case quoteInQuoted
    }

    private var state = State.fieldStart
    private let delimiter: UInt8
    private let otherDelimiter: UInt8
    /// The line feeds inside quoted fields scanned so far.
    private(set) var newlines = 0

    /// A scanner that treats both `delimiter` and `otherDelimiter` as field separators (pass the same byte twice
    /// once the delimiter is known; the header row is scanned with both ',' and ';').
    init(delimiter: UInt8, otherDelimiter: UInt8) {
        self.delimiter = delimiter
        self.otherDelimiter = otherDelimiter
    }

    /// Whether the input ended inside a quoted field.
    var isInQuotedField: Bool { state == .quoted }

    /// Scans `bytes[from...]`; returns the offset of the line feed that ends the row, or nil when the row goes on.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        // Outside quotes, a row without any quote ends at the next line feed: found with memchr, not byte by byte.
        if state == .fieldStart || state == .unquoted, start < bytes.count, let base = bytes.baseAddress,
           let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) {
            let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if memchr(base + start, Int32(UInt8(ascii: "\"")), newline - start) == nil { return newline }
        }
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            switch state {
            case .unquoted:
                if byte == UInt8(ascii: "\n") { return index }
                if byte == delimiter || byte == otherDelimiter { state = .fieldStart }
            case .quoted:
                if byte == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else if byte == UInt8(ascii: "\n") {
                    newlines += 1
                }
            case .fieldStart, .quoteInQuoted:
                if byte == UInt8(ascii: "\n") { return index }
                if byte == UInt8(ascii: "\"") {
                    state = .quoted
                } else if byte == delimiter || byte == otherDelimiter {
                    state = .fieldStart
                } else {
                    state = .unquoted
                }
            }
            index += 1
        }
        return nil
    }
}
