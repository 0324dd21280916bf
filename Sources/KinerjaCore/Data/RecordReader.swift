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
            raw = jsonl.next(from: &input)
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

    /// The next records, up to `maxRecords` of them or about `maxBytes` of JSON Lines; nil at the end. JSON Lines
    /// records come as raw lines; other formats as read records.
    public mutating func nextBatch(maxRecords: Int, maxBytes: Int = 1 << 20) -> RecordBatch? {
        var batch = RecordBatch()
        batch.entries.reserveCapacity(maxRecords)
        while batch.entries.count < maxRecords, batch.bytes.count < maxBytes {
            if case .csv(var csv) = reader, limits.maxRecords.map({ count < $0 }) ?? true {
                let item = csv.nextRow(from: &input)
                reader = .csv(csv)
                switch item {
                case nil:
                    reader = .finished
                    if let reason = input.failure {
                        let record = numbered(RawRecord(line: csv.line, content: .failure(
                            problem: .readFailed(reason), line: csv.line)))
                        batch.entries.append(RecordBatch.Entry(number: record.number, line: record.line,
                                                               content: .read(record.content)))
                    }
                case .record(let raw)?:
                    let record = numbered(raw)
                    batch.entries.append(RecordBatch.Entry(number: record.number, line: record.line,
                                                           content: .read(record.content)))
                case .row(let line, let range)?:
                    count += 1
                    batch.csvHeader = csv.header ?? []
                    batch.csvDelimiter = csv.delimiter
                    let start = batch.bytes.count
                    batch.bytes.append(contentsOf: input.bytes[range])
                    batch.entries.append(RecordBatch.Entry(number: count, line: line,
                                                           content: .csvRow(start..<batch.bytes.count)))
                }
                if case .finished = reader { break }
                continue
            }
            guard case .jsonl(var jsonl) = reader else {
                guard let record = next() else { break }
                batch.entries.append(RecordBatch.Entry(number: record.number, line: record.line,
                                                       content: .read(record.content)))
                continue
            }
            if let maxRecords = limits.maxRecords, count >= maxRecords {
                // The general path reports the limit, and ends the input.
                guard let record = next() else { break }
                batch.entries.append(RecordBatch.Entry(number: record.number, line: record.line,
                                                       content: .read(record.content)))
                continue
            }
            let item = jsonl.nextLine(from: &input)
            reader = .jsonl(jsonl)
            switch item {
            case nil:
                reader = .finished
                if let reason = input.failure {
                    let record = numbered(RawRecord(line: jsonl.line, content: .failure(
                        problem: .readFailed(reason), line: jsonl.line)))
                    batch.entries.append(RecordBatch.Entry(number: record.number, line: record.line,
                                                           content: .read(record.content)))
                }
            case .record(let raw)?:
                let record = numbered(raw)
                batch.entries.append(RecordBatch.Entry(number: record.number, line: record.line,
                                                       content: .read(record.content)))
            case .line(let line, let range)?:
                count += 1
                let start = batch.bytes.count
                batch.bytes.append(contentsOf: input.bytes[range])
                batch.entries.append(RecordBatch.Entry(number: count, line: line,
                                                       content: .line(start..<batch.bytes.count)))
            }
            if case .finished = reader { break }
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
