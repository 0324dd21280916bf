/// Splits one complete CSV row (found by `CSVRowScanner`, without its line end) into cells.
///
/// Quoted fields may hold delimiters, line feeds and `""` for a quote. An empty cell, quoted or not, is `.null`;
/// any other cell is `.cell(text)` with its text as written (not trimmed). Cell text must be valid UTF-8.
struct CSVRowParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8

    /// Appends the row's cells to `cells` and the offset where each cell starts to `starts`.
    func parse(_ range: Range<Int>, cells: inout [DataValue], starts: inout [Int]) throws(DataIssue) {
        var index = range.lowerBound
        let end = range.upperBound
        while true {
            starts.append(index)
            if index < end && bytes[index] == UInt8(ascii: "\"") {
                let quote = index
                index += 1
                let contentStart = index
                var hasEscapedQuotes = false
                while true {
                    guard index < end else { throw DataIssue(.unterminatedQuote(), at: quote) }
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < end && bytes[index + 1] == UInt8(ascii: "\"") {
                            hasEscapedQuotes = true
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                cells.append(try cell(contentStart..<index, unescapingQuotes: hasEscapedQuotes))
                index += 1
                guard index < end else { return }
                guard bytes[index] == delimiter else {
                    guard let found = UTF8Bytes.describe(bytes, at: index, end: end) else {
                        throw DataIssue(.invalidUTF8(bytes[index]), at: index)
                    }
                    throw DataIssue(.textAfterQuote(found: found), at: index)
                }
                index += 1
            } else {
                let cellStart = index
                while index < end && bytes[index] != delimiter {
                    index += 1
                }
                cells.append(try cell(cellStart..<index, unescapingQuotes: false))
                guard index < end else { return }
                index += 1
            }
        }
    }

    private func cell(_ range: Range<Int>, unescapingQuotes: Bool) throws(DataIssue) -> DataValue {
        guard !range.isEmpty else { return .null }
        return .cell(try text(range, unescapingQuotes: unescapingQuotes))
    }

    /// The text of `range` as a string, with `""` turned into `"` when asked.
    func text(_ range: Range<Int>, unescapingQuotes: Bool) throws(DataIssue) -> String {
        var isASCII = true
        for index in range where bytes[index] >= 0x80 {
            isASCII = false
            break
        }
        if !isASCII, let bad = UTF8Bytes.firstInvalidByte(bytes, in: range) {
            throw DataIssue(.invalidUTF8(bytes[bad]), at: bad)
        }
        guard unescapingQuotes else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            unescaped.append(byte)
            index += byte == UInt8(ascii: "\"") ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }
}
