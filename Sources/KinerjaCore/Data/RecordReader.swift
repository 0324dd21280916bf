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
    /// A record cut out of the input after a refill, while a batch held the buffer before it: the next batch's first.
    private var waiting: (line: Int, range: Range<Int>)?
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
    /// A reader is read either with `next()` or with `nextBatch`, apart from the limit record that `nextBatch`
    /// takes from here.
    public mutating func next() -> DataRecord? {
        precondition(waiting == nil, "a reader read in batches is read on in batches")
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
    /// and CSV records come unparsed (so that workers parse them), as ranges of the input buffer, which the batch
    /// shares instead of copying; JSON documents come read. A spent batch given as `reusing` is emptied and filled
    /// again, so that its storage serves once more.
    public mutating func nextBatch(maxRecords: Int, maxBytes: Int = 1 << 20,
                                   reusing spent: consuming RecordBatch? = nil) -> RecordBatch? {
        // Moved, not copied: a second reference would make emptying it allocate new storage.
        var batch = (consume spent) ?? RecordBatch()
        if let hold = batch.hold.take() {
            var lent: [UInt8] = []
            swap(&lent, &batch.bytes)
            input.takeBack(lent, hold: hold)
        }
        batch.removeAll()
        batch.entries.reserveCapacity(maxRecords)
        let underLimit = limits.maxRecords.map { count < $0 } ?? true
        let ended: Bool
        let line: Int
        switch reader {
        case .jsonl(var jsonl) where underLimit:
            ended = fill(&batch, from: &jsonl, maxRecords: maxRecords, maxBytes: maxBytes)
            line = jsonl.line
            reader = .jsonl(jsonl)
        case .csv(var csv) where underLimit:
            ended = fill(&batch, from: &csv, maxRecords: maxRecords, maxBytes: maxBytes)
            line = csv.line
            reader = .csv(csv)
            batch.csvHeader = csv.header ?? []
            batch.csvDelimiter = csv.delimiter
        default:
            // JSON documents, and the record that reports the limit: the general path.
            while batch.entries.count < maxRecords, let record = next() {
                append(record, to: &batch)
            }
            return batch.entries.isEmpty ? nil : batch
        }
        if ended {
            reader = .finished
            if let reason = input.failure {
                append(numbered(RawRecord(line: line, content: .failure(problem: .readFailed(reason), line: line))),
                       to: &batch)
            }
        }
        return batch.entries.isEmpty ? nil : batch
    }

    /// Adds records cut out by `source` to `batch` until it is full, the record limit is reached or the input
    /// buffer is refilled; true when the input has ended. All the batch's lines lie in the one buffer it keeps: a
    /// line cut out after a refill waits for the next batch.
    private mutating func fill<Source: UnparsedRecordSource>(_ batch: inout RecordBatch, from source: inout Source,
                                                             maxRecords: Int, maxBytes: Int) -> Bool {
        let recordLimit = limits.maxRecords ?? .max
        var lineBytes = 0
        while batch.entries.count < maxRecords, lineBytes < maxBytes, count < recordLimit {
            let item: UnparsedRecord
            if let waiting {
                item = .bytes(line: waiting.line, range: waiting.range)
                self.waiting = nil
            } else {
                guard let next = source.nextUnparsed(from: &input) else { return true }
                item = next
            }
            switch item {
            case .decided(let raw):
                append(numbered(raw), to: &batch)
            case .bytes(let recordLine, let range):
                if batch.hold == nil {
                    (batch.bytes, batch.hold) = input.lend()
                } else if batch.hold !== input.hold {
                    waiting = (recordLine, range)
                    return false
                }
                count += 1
                lineBytes += range.count
                batch.entries.append(RecordBatch.Entry(number: count, line: recordLine, content: Source.content(range)))
            }
        }
        return false
    }

    private func append(_ record: DataRecord, to batch: inout RecordBatch) {
        batch.entries.append(RecordBatch.Entry(number: record.number, line: record.line, content: .read(record.content)))
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
