/// Reads a JSON document whose records are the objects of a top-level array, or of the "records" array of a
/// top-level object (its other members are skipped, checked only for balanced brackets and quotes).
///
/// The array is streamed: each element is cut out with `JSONValueScanner` and parsed on its own, so a bad element
/// becomes one error record and reading goes on after it. When the document's own structure is broken (a missing
/// comma between records, a truncated document, content after the end), the reader ends with one fatal
/// `unreadableDocument` record; it never loops and never drops a record without saying so.
struct JSONDocumentReader {
    private enum Phase {
        case start
        case firstRecord(wrapped: Bool)
        case nextRecord(wrapped: Bool)
        case afterRecord(wrapped: Bool)
        case firstMember
        case nextMember
        case afterMember
        case end
        case finished
    }

    /// Where one value of the document lies, once scanned.
    private enum Span {
        case complete(Range<Int>, line: Int)
        /// The input ended inside the value.
        case truncated(Range<Int>, line: Int)
        case tooLong(line: Int, column: Int, atEndOfInput: Bool)
        case skipped(atEndOfInput: Bool)
    }

    private let limits: DataLimits
    private var phase = Phase.start
    /// The offset in the input buffer of the next byte to read.
    private var position = 0
    /// The line of the byte at `position`.
    private(set) var line = 1
    private var hasRecordsMember = false
    private var workspace = JSONParser.Workspace()

    init(limits: DataLimits) {
        self.limits = limits
    }

    mutating func next(from input: inout InputBuffer) -> RawRecord? {
        while true {
            switch phase {
            case .finished:
                return nil
            case .start:
                guard let byte = skipWhitespace(&input) else { return fatal("empty input", input) }
                switch byte {
                case UInt8(ascii: "["): phase = .firstRecord(wrapped: false)
                case UInt8(ascii: "{"): phase = .firstMember
                default: return fatal(expected: "an array of records or an object with a 'records' array", &input)
                }
                position += 1
            case .firstRecord(let wrapped), .nextRecord(let wrapped):
                let isFirst = if case .firstRecord = phase { true } else { false }
                guard let byte = skipWhitespace(&input) else {
                    return fatal("unexpected end of input, expected a record or ']'", input)
                }
                switch byte {
                case UInt8(ascii: "]"):
                    guard isFirst else { return fatal("trailing comma before ']'", input) }
                    position += 1
                    phase = wrapped ? .afterMember : .end
                case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "}"):
                    return fatal(expected: "a record", &input)
                default:
                    phase = .afterRecord(wrapped: wrapped)
                    return readRecord(&input)
                }
            case .afterRecord(let wrapped):
                guard let byte = skipWhitespace(&input) else {
                    return fatal("unexpected end of input, expected ',' or ']' after record", input)
                }
                switch byte {
                case UInt8(ascii: ","): phase = .nextRecord(wrapped: wrapped)
                case UInt8(ascii: "]"): phase = wrapped ? .afterMember : .end
                default: return fatal(expected: "',' or ']' after record", &input)
                }
                position += 1
            case .firstMember, .nextMember:
                let isFirst = if case .firstMember = phase { true } else { false }
                guard let byte = skipWhitespace(&input) else {
                    return fatal("unexpected end of input, expected a member name", input)
                }
                if byte == UInt8(ascii: "}") {
                    guard isFirst else { return fatal("trailing comma before '}'", input) }
                    position += 1
                    if let failure = endOfWrapper(input) { return failure }
                } else if byte != UInt8(ascii: "\"") {
                    return fatal(expected: "a member name", &input)
                } else if let failure = readMember(&input) {
                    return failure
                }
            case .afterMember:
                guard let byte = skipWhitespace(&input) else {
                    return fatal("unexpected end of input, expected ',' or '}' after member", input)
                }
                switch byte {
                case UInt8(ascii: ","):
                    position += 1
                    phase = .nextMember
                case UInt8(ascii: "}"):
                    position += 1
                    if let failure = endOfWrapper(input) { return failure }
                default:
                    return fatal(expected: "',' or '}' after member", &input)
                }
            case .end:
                guard skipWhitespace(&input) != nil else {
                    phase = .finished
                    return nil
                }
                return fatal("unexpected content after the end of the document", input)
            }
        }
    }

    // MARK: - Records and members

    /// Reads the record that starts at `position`.
    private mutating func readRecord(_ input: inout InputBuffer) -> RawRecord {
        switch scanValue(&input, skipping: false) {
        case .complete(let range, let startLine):
            let result = input.bytes.withUnsafeBufferPointer {
                JSONParser.parseRecord($0, range: range, maxDepth: limits.maxDepth, workspace: &workspace)
            }
            switch result {
            case .record(let object):
                return RawRecord(line: startLine, content: .success(object))
            case .failure(let issue):
                return RawRecord(line: startLine, content: .failure(
                    input.error(for: issue, recordStart: range.lowerBound, line: startLine)))
            case .blank:
                return fatal("unexpected end of input, expected a record", input)
            }
        case .truncated(let range, let startLine):
            // The last record: report the first problem in it, or else that the document ends inside it.
            let result = input.bytes.withUnsafeBufferPointer {
                JSONParser.parseRecord($0, range: range, maxDepth: limits.maxDepth, workspace: &workspace)
            }
            if case .failure(let issue) = result, issue.offset < range.upperBound {
                phase = .finished
                return RawRecord(line: startLine, content: .failure(
                    input.error(for: issue, recordStart: range.lowerBound, line: startLine)))
            }
            phase = .finished
            let problem = DataProblem.unreadableDocument("unexpected end of input inside a record")
            return RawRecord(line: startLine, content: .failure(DataError(
                code: problem.code, message: problem.message, line: startLine,
                column: input.column(at: range.lowerBound))))
        case .tooLong(let startLine, let column, let atEndOfInput):
            if atEndOfInput { phase = .finished }
            let problem = DataProblem.recordTooLong(limit: limits.maxRecordBytes, isLine: false)
            return RawRecord(line: startLine, content: .failure(
                DataError(code: problem.code, message: problem.message, line: startLine, column: column)))
        case .skipped:
            return fatal("unexpected end of input inside a record", input)
        }
    }

    /// Reads one member of the top-level object: `"records": [` starts the records, other members are skipped.
    /// Returns a fatal record when the member cannot be read.
    private mutating func readMember(_ input: inout InputBuffer) -> RawRecord? {
        let key: String
        let keyLine = line
        let keyColumn = input.column(at: position)
        switch scanValue(&input, skipping: false) {
        case .complete(let range, let startLine):
            let parsed = input.bytes.withUnsafeBufferPointer { JSONParser.parseString($0, range: range) }
            switch parsed {
            case .success(let text):
                key = text
            case .failure(let issue):
                phase = .finished
                let error = input.error(for: issue, recordStart: range.lowerBound, line: startLine)
                let problem = DataProblem.unreadableDocument(error.message)
                return RawRecord(line: error.line, content: .failure(
                    DataError(code: problem.code, message: problem.message, line: error.line, column: error.column)))
            }
        case .tooLong:
            return fatal(at: keyLine, column: keyColumn, "member name too long")
        case .truncated, .skipped:
            return fatal("unexpected end of input in a member name", input)
        }
        guard skipWhitespace(&input) == UInt8(ascii: ":") else {
            return fatal(expected: "':' after member name", &input)
        }
        position += 1
        guard let byte = skipWhitespace(&input) else {
            return fatal("unexpected end of input, expected a value", input)
        }
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return fatal(expected: "a value", &input)
        default:
            break
        }
        guard key == "records" else {
            if case .skipped(atEndOfInput: true) = scanValue(&input, skipping: true) {
                return fatal("unexpected end of input inside member '\(key)'", input)
            }
            phase = .afterMember
            return nil
        }
        guard !hasRecordsMember else {
            return fatal(at: keyLine, column: keyColumn, "duplicate member 'records'")
        }
        guard byte == UInt8(ascii: "[") else {
            return fatal(expected: "an array for member 'records'", &input)
        }
        position += 1
        hasRecordsMember = true
        phase = .firstRecord(wrapped: true)
        return nil
    }

    /// Ends the top-level object; a fatal record when it had no "records" member.
    private mutating func endOfWrapper(_ input: InputBuffer) -> RawRecord? {
        guard hasRecordsMember else { return fatal("the top-level object has no 'records' member", input) }
        phase = .end
        return nil
    }

    // MARK: - Scanning

    /// Finds the end of the value that starts at `position` and moves past it. When `skipping`, or once the value
    /// is longer than `maxRecordBytes`, its bytes are dropped as they are scanned.
    private mutating func scanValue(_ input: inout InputBuffer, skipping: Bool) -> Span {
        let startLine = line
        var start = position
        var scanFrom = position
        var scanner = JSONValueScanner(first: input.bytes[position])
        var tooLongColumn: Int?
        while true {
            let found = input.bytes.withUnsafeBufferPointer { scanner.scan($0, from: scanFrom) }
            if let end = found {
                line += scanner.newlines
                position = end
                if skipping { return .skipped(atEndOfInput: false) }
                if let column = tooLongColumn ?? (end - start > limits.maxRecordBytes ? input.column(at: start) : nil) {
                    return .tooLong(line: startLine, column: column, atEndOfInput: false)
                }
                return .complete(start..<end, line: startLine)
            }
            scanFrom = input.bytes.count
            if !skipping && tooLongColumn == nil && scanFrom - start > limits.maxRecordBytes {
                tooLongColumn = input.column(at: start)
            }
            let refill = input.refill(keeping: skipping || tooLongColumn != nil ? scanFrom : start)
            start -= refill.dropped
            scanFrom -= refill.dropped
            if !refill.added {
                line += scanner.newlines
                position = scanFrom
                let truncated = !scanner.endsAtEndOfInput
                if skipping { return .skipped(atEndOfInput: truncated) }
                if let column = tooLongColumn {
                    return .tooLong(line: startLine, column: column, atEndOfInput: truncated)
                }
                let range = start..<scanFrom
                return truncated ? .truncated(range, line: startLine) : .complete(range, line: startLine)
            }
        }
    }

    /// Moves past whitespace and returns the next byte, or nil at the end of the input.
    private mutating func skipWhitespace(_ input: inout InputBuffer) -> UInt8? {
        while true {
            let (stop, newlines) = input.bytes.withUnsafeBufferPointer { buffer -> (Int, Int) in
                var index = position
                var newlines = 0
                while index < buffer.count {
                    switch buffer[index] {
                    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
                    case UInt8(ascii: "\n"): index += 1; newlines += 1
                    default: return (index, newlines)
                    }
                }
                return (index, newlines)
            }
            position = stop
            line += newlines
            if position < input.bytes.count { return input.bytes[position] }
            let refill = input.refill(keeping: position)
            position -= refill.dropped
            if !refill.added { return nil }
        }
    }

    // MARK: - Fatal errors

    private mutating func fatal(_ detail: String, _ input: InputBuffer) -> RawRecord {
        fatal(at: line, column: input.column(at: position), detail)
    }

    private mutating func fatal(expected what: String, _ input: inout InputBuffer) -> RawRecord {
        // Make sure a multi-byte character cut by the end of the chunk is whole before it is described.
        while input.bytes.count - position < 4 {
            let refill = input.refill(keeping: position)
            position -= refill.dropped
            if !refill.added { break }
        }
        let found = input.bytes.withUnsafeBufferPointer { buffer in
            UTF8Bytes.describe(buffer, at: position, end: buffer.count) ?? "byte \(UTF8Bytes.hex(buffer[position]))"
        }
        return fatal("expected \(what), found \(found)", input)
    }

    private mutating func fatal(at line: Int, column: Int, _ detail: String) -> RawRecord {
        phase = .finished
        let problem = DataProblem.unreadableDocument(detail)
        return RawRecord(line: line, content: .failure(
            DataError(code: problem.code, message: problem.message, line: line, column: column)))
    }
}
