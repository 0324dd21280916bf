/// Reads CSV as spreadsheets export it: a header row naming the fields, then one record per row.
///
/// The delimiter is found in the header row: ';' when it occurs outside quotes more often than ',', else ','.
/// Header names are trimmed of surrounding spaces; an empty or duplicate name is a fatal error. Blank lines are
/// skipped; a row whose cell count differs from the header's is an error record; a quoted field may span lines
/// (the record's line is where it starts). UTF-8 with or without a byte order mark, LF or CRLF.
struct CSVReader: UnparsedRecordSource {
    /// One row cut out of the input.
    private enum Row {
        case bytes(Range<Int>, line: Int)
        case tooLong(line: Int)
    }

    private let limits: DataLimits
    /// The offset in the input buffer where the next row starts.
    private var position = 0
    /// The line on which the next row starts.
    private(set) var line = 1
    private(set) var delimiter = UInt8(ascii: ",")
    private(set) var header: [String]?
    private var isFinished = false
    private var cells: [DataValue] = []
    private var cellStarts: [Int] = []

    init(limits: DataLimits) {
        self.limits = limits
    }

    mutating func next(from input: inout InputBuffer) -> RawRecord? {
        switch nextUnparsed(from: &input) {
        case nil: return nil
        case .decided(let record)?: return record
        case .bytes(let rowLine, let range)?:
            return RawRecord(line: rowLine, content: record(range, line: rowLine, input: input))
        }
    }

    static func content(_ range: Range<Int>) -> RecordBatch.Entry.Content {
        .csvRow(range)
    }

    /// The next data row, unparsed, after reading the header first; or an error record.
    mutating func nextUnparsed(from input: inout InputBuffer) -> UnparsedRecord? {
        while !isFinished {
            guard let row = readRow(&input) else {
                isFinished = true
                return nil
            }
            switch row {
            case .tooLong(let rowLine):
                if header == nil { isFinished = true }
                let problem = DataProblem.recordTooLong(limit: limits.maxRecordBytes, isLine: false)
                return .decided(RawRecord(line: rowLine, content: .failure(
                    DataError(code: problem.code, message: problem.message, line: rowLine, column: 1))))
            case .bytes(let range, let rowLine):
                if isBlank(range, in: input) { continue }
                guard header != nil else {
                    if let failure = readHeader(range, line: rowLine, input: input) { return .decided(failure) }
                    continue
                }
                return .bytes(line: rowLine, range: range)
            }
        }
        return nil
    }

    // MARK: - Rows

    /// Cuts the next row out of the input, dropping its bytes as they are scanned once it is too long.
    private mutating func readRow(_ input: inout InputBuffer) -> Row? {
        var start = position
        var scanFrom = position
        var isTooLong = false
        var scanner = header == nil
            ? CSVRowScanner(delimiter: UInt8(ascii: ","), otherDelimiter: UInt8(ascii: ";"))
            : CSVRowScanner(delimiter: delimiter, otherDelimiter: delimiter)
        let rowLine = line
        while true {
            if let newline = input.bytes.withUnsafeBufferPointer({ scanner.scan($0, from: scanFrom) }) {
                line += scanner.newlines + 1
                position = newline + 1
                if isTooLong { return .tooLong(line: rowLine) }
                var end = newline
                if end > start && input.bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if end - start > limits.maxRecordBytes { return .tooLong(line: rowLine) }
                return .bytes(start..<end, line: rowLine)
            }
            scanFrom = input.bytes.count
            // One more byte than the limit may be the '\r' of a CRLF.
            if scanFrom - start > limits.maxRecordBytes + 1 { isTooLong = true }
            let refill = input.refill(keeping: isTooLong ? scanFrom : start)
            start -= refill.dropped
            scanFrom -= refill.dropped
            if !refill.added {
                position = scanFrom
                line += scanner.newlines
                if isTooLong { return .tooLong(line: rowLine) }
                return start < scanFrom ? .bytes(start..<scanFrom, line: rowLine) : nil
            }
        }
    }

    private func isBlank(_ range: Range<Int>, in input: InputBuffer) -> Bool {
        input.bytes.withUnsafeBufferPointer { buffer in
            !range.contains { buffer[$0] != UInt8(ascii: " ") && buffer[$0] != UInt8(ascii: "\t") }
        }
    }

    /// The record for one data row, or the error that replaces it.
    private mutating func record(_ range: Range<Int>, line rowLine: Int,
                                 input: InputBuffer) -> Result<DataObject, DataError> {
        let result = input.bytes.withUnsafeBufferPointer { buffer in
            Self.record(buffer, range, header: header ?? [], delimiter: delimiter, line: rowLine,
                        cells: &cells, starts: &cellStarts)
        }
        switch result {
        case .success(let object): return .success(object)
        case .failure(.issue(let issue)):
            return .failure(input.error(for: issue, recordStart: range.lowerBound, line: rowLine))
        case .failure(.error(let error)):
            return .failure(error)
        }
    }

    /// Why a row is not a record: a problem at a byte offset, or an error about the whole row.
    enum RowFailure: Error {
        case issue(DataIssue)
        case error(DataError)
    }

    /// The record for one data row in `bytes`; `cells` and `starts` are scratch space reused between rows.
    static func record(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, header: [String], delimiter: UInt8,
                       line rowLine: Int, cells: inout [DataValue], starts: inout [Int]) -> Result<DataObject, RowFailure> {
        cells.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        do throws(DataIssue) {
            try CSVRowParser(bytes: bytes, delimiter: delimiter).parse(range, cells: &cells, starts: &starts)
        } catch {
            return .failure(.issue(error))
        }
        guard cells.count == header.count else {
            let problem = DataProblem.cellCountMismatch(expected: header.count, found: cells.count)
            return .failure(.error(DataError(code: problem.code, message: problem.message, line: rowLine)))
        }
        var members: [DataMember] = []
        members.reserveCapacity(cells.count)
        for (name, value) in zip(header, cells) {
            members.append(DataMember(key: name, value: value))
        }
        return .success(DataObject(members: members))
    }

    // MARK: - Header

    /// Reads the header row and chooses the delimiter; returns a fatal error record when the header is unusable.
    private mutating func readHeader(_ range: Range<Int>, line rowLine: Int, input: InputBuffer) -> RawRecord? {
        delimiter = input.bytes.withUnsafeBufferPointer { Self.detectDelimiter($0, in: range) }
        var names: [String] = []
        var starts: [Int] = []
        let issue = input.bytes.withUnsafeBufferPointer { buffer -> DataIssue? in
            let parser = CSVRowParser(bytes: buffer, delimiter: delimiter)
            var cells: [DataValue] = []
            do throws(DataIssue) {
                try parser.parse(range, cells: &cells, starts: &starts)
            } catch {
                return error
            }
            var firstColumn: [String: Int] = [:]
            for (column, cell) in cells.enumerated() {
                let name = if case .cell(let text) = cell { Self.trimmed(text) } else { "" }
                if name.isEmpty {
                    return DataIssue(.emptyHeader(column: column + 1), at: starts[column])
                }
                if let first = firstColumn[name] {
                    return DataIssue(.duplicateHeader(name, firstColumn: first + 1, secondColumn: column + 1),
                                     at: starts[column])
                }
                firstColumn[name] = column
                names.append(name)
            }
            return nil
        }
        if let issue {
            isFinished = true
            return RawRecord(line: rowLine, content: .failure(
                input.error(for: issue, recordStart: range.lowerBound, line: rowLine)))
        }
        header = names
        return nil
    }

    /// ';' when it occurs outside quotes more often than ',', else ','.
    private static func detectDelimiter(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        for index in range {
            switch bytes[index] {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: ",") where !inQuotes: commas += 1
            case UInt8(ascii: ";") where !inQuotes: semicolons += 1
            default: break
            }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    private static func trimmed(_ text: String) -> String {
        var view = Substring(text)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
