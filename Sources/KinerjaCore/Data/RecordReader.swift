/// A pull-based reader of records from JSON, JSON Lines or CSV input; `next()` returns nil at the end.
///
/// Records come out in input order, numbered from 1. Bad input never stops the reader early without a record
/// that says why: a bad record becomes an error record and reading goes on, and when reading cannot go on
/// (an unreadable document, a fatal CSV header, too many records, a failed read) the last record is the error.
public struct RecordReader: IteratorProtocol, Sequence, Sendable {
    private enum FormatReader {
        case json(JSONDocumentReader)
        case jsonl(JSONLinesReader)
        case csv(CSVReader)
        case finished
    }

    private var input: InputBuffer
    private var reader: FormatReader
    private let limits: DataLimits
    private var count = 0
    /// The bytes of the last batch, to size the next one's buffer so that it need not grow.
    private var lastBatchBytes = 0
    /// Where JSON Lines records read the general way are parsed.
    private var workspace = JSONParser.Workspace()

    public init(format: DataFormat, source: ByteSource, limits: DataLimits = .default) {
        let limits = DataLimits(
            maxDepth: Swift.max(1, limits.maxDepth),
            maxRecordBytes: Swift.max(1, limits.maxRecordBytes),
            maxRecords: limits.maxRecords.map { Swift.max(0, $0) })
        self.input = InputBuffer(source: source)
        self.limits = limits
        switch format {
        case .json: reader = .json(JSONDocumentReader(limits: limits))
        case .jsonl: reader = .jsonl(JSONLinesReader(limits: limits))
        case .csv: reader = .csv(CSVReader(limits: limits))
        }
    }

    /// The next record, or nil when the input is exhausted or reading has stopped after a fatal error record.
    public mutating func next() -> DataRecord? {
        let line: Int
        let raw: RawRecord?
        switch reader {
        case .finished:
            return nil
        case .json(var json):
            raw = json.next(from: &input)
            line = json.line
            reader = .json(json)
        case .jsonl(var jsonl):
            raw = jsonl.next(from: &input, workspace: &workspace)
            line = jsonl.line
            reader = .jsonl(jsonl)
        case .csv(var csv):
            raw = csv.next(from: &input)
            line = csv.line
            reader = .csv(csv)
        }
        guard let raw else {
            reader = .finished
            guard let reason = input.failure else { return nil }
            return numbered(RawRecord(line: line, content: .failure(problem: .readFailed(reason), line: line)))
        }
        if let maxRecords = limits.maxRecords, count >= maxRecords {
            reader = .finished
            return numbered(RawRecord(line: raw.line, content: .failure(
                problem: .tooManyRecords(limit: maxRecords), line: raw.line)))
        }
        return numbered(raw)
    }

    /// The next records, up to `maxRecords` of them or about `maxBytes` of raw input; nil at the end. JSON Lines
    /// and CSV records come unparsed (so that workers parse them); JSON documents come read. A spent batch given as
    /// `reusing` is emptied and filled again, so that its storage serves once more.
    public mutating func nextBatch(maxRecords: Int, maxBytes: Int = 1 << 20,
                                   reusing spent: consuming RecordBatch? = nil) -> RecordBatch? {
        // Moved, not copied: a second reference would make emptying it allocate new storage.
        var batch = (consume spent) ?? RecordBatch()
        batch.removeAll()
        batch.entries.reserveCapacity(maxRecords)
        batch.bytes.reserveCapacity(Swift.min(maxBytes, lastBatchBytes + lastBatchBytes / 8))
        defer { lastBatchBytes = batch.bytes.count }
        while batch.entries.count < maxRecords, batch.bytes.count < maxBytes {
            let underLimit = limits.maxRecords.map { count < $0 } ?? true
            let item: UnparsedRecord?
            let line: Int
            let content: (Range<Int>) -> RecordBatch.Entry.Content
            switch reader {
            case .jsonl(var jsonl) where underLimit:
                item = jsonl.nextLine(from: &input)
                line = jsonl.line
                reader = .jsonl(jsonl)
                content = { .line($0) }
            case .csv(var csv) where underLimit:
                item = csv.nextRow(from: &input)
                line = csv.line
                reader = .csv(csv)
                batch.csvHeader = csv.header ?? []
                batch.csvDelimiter = csv.delimiter
                content = { .csvRow($0) }
            default:
                // JSON documents, and the record that reports the limit: the general path.
                guard let record = next() else { return batch.entries.isEmpty ? nil : batch }
                batch.entries.append(RecordBatch.Entry(number: record.number, line: record.line,
                                                       content: .read(record.content)))
                continue
            }
            switch item {
            case nil:
                reader = .finished
                if let reason = input.failure {
                    let record = numbered(RawRecord(line: line, content: .failure(problem: .readFailed(reason), line: line)))
                    batch.entries.append(RecordBatch.Entry(number: record.number, line: record.line,
                                                           content: .read(record.content)))
                }
                return batch.entries.isEmpty ? nil : batch
            case .decided(let raw)?:
                let record = numbered(raw)
                batch.entries.append(RecordBatch.Entry(number: record.number, line: record.line,
                                                       content: .read(record.content)))
            case .bytes(let recordLine, let range)?:
                count += 1
                let start = batch.bytes.count
                // Through a pointer: a slice of the input would count a reference to its buffer for every line.
                input.bytes.withUnsafeBufferPointer { bytes in
                    batch.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
                }
                batch.entries.append(RecordBatch.Entry(number: count, line: recordLine,
                                                       content: content(start..<batch.bytes.count)))
            }
        }
        return batch.entries.isEmpty ? nil : batch
    }

    private mutating func numbered(_ raw: RawRecord) -> DataRecord {
        count += 1
        return DataRecord(number: count, line: raw.line, content: raw.content)
    }
}

extension Result where Success == DataObject, Failure == DataError {
    /// A failure at the start of `line`.
    fileprivate static func failure(problem: DataProblem, line: Int) -> Self {
        .failure(DataError(code: problem.code, message: problem.message, line: line, column: nil))
    }
}
