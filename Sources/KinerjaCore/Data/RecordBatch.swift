/// A run of consecutive input records, taken together so they can be evaluated on several cores. JSON Lines
/// records stay as the raw bytes of their lines, so that evaluation can read fields straight from the bytes;
/// records of other formats, and lines rejected by the reader itself, arrive already read.
public struct RecordBatch: Sendable {
    /// The input the batch's lines were cut from: the reader's own buffer, kept rather than copied.
    public internal(set) var bytes: [UInt8] = []
    /// The reader's token for `bytes`, handed back with them (`InputBuffer.lend()`).
    var hold: InputBuffer.Hold?
    public internal(set) var entries: [Entry] = []
    /// For CSV rows: the header's names and the delimiter.
    var csvHeader: [String] = []
    var csvDelimiter = UInt8(ascii: ",")

    /// One record of the batch, numbered as in the input.
    public struct Entry: Sendable {
        public enum Content: Sendable {
            /// A JSON Lines record: its line's bytes in `RecordBatch.bytes`.
            case line(Range<Int>)
            /// A CSV data row: its bytes in `RecordBatch.bytes` (possibly several lines, for quoted line breaks).
            case csvRow(Range<Int>)
            /// A record already read, or the error that replaced it: boxed, since it is rare and large, so that the
            /// entries of lines and rows (most of them) stay small.
            indirect case read(Result<DataObject, DataError>)
        }

        public var number: Int
        public var line: Int
        public var content: Content
    }

    /// Empties the batch, letting go of the input and keeping the storage of its entries.
    mutating func removeAll() {
        bytes = []
        hold = nil
        entries.removeAll(keepingCapacity: true)
        csvHeader = []
        csvDelimiter = UInt8(ascii: ",")
    }

    /// The bytes of storage the batch holds, used or not.
    var capacity: Int {
        bytes.capacity + entries.capacity * MemoryLayout<Entry>.stride
    }

    /// The record as the general readers would give it: the line parsed into a data object, or its error with
    /// the line and column where the problem is.
    func record(_ entry: Entry, workspace: inout JSONParser.Workspace, maxDepth: Int) -> DataRecord {
        switch entry.content {
        case .read(let content):
            return DataRecord(number: entry.number, line: entry.line, content: content)
        case .line(let range):
            let result = bytes.withUnsafeBufferPointer {
                JSONParser.parseRecord($0, range: range, maxDepth: maxDepth, workspace: &workspace)
            }
            let content: Result<DataObject, DataError>
            switch result {
            case .record(let object):
                content = .success(object)
            case .failure(let issue):
                content = .failure(error(for: issue, rowStart: range.lowerBound, line: entry.line))
            case .blank:
                preconditionFailure("batches hold no blank lines")
            }
            return DataRecord(number: entry.number, line: entry.line, content: content)
        case .csvRow(let range):
            var cells: [DataValue] = []
            var starts: [Int] = []
            let result = bytes.withUnsafeBufferPointer { buffer in
                CSVReader.record(buffer, range, header: csvHeader, delimiter: csvDelimiter, line: entry.line,
                                 cells: &cells, starts: &starts)
            }
            let content: Result<DataObject, DataError> = switch result {
            case .success(let object): .success(object)
            case .failure(.issue(let issue)): .failure(error(for: issue, rowStart: range.lowerBound, line: entry.line))
            case .failure(.error(let error)): .failure(error)
            }
            return DataRecord(number: entry.number, line: entry.line, content: content)
        }
    }

    /// The error for a problem in the record that starts at `rowStart` on `line`, with the line and column of the
    /// problem itself (a quoted CSV field may span lines).
    private func error(for issue: DataIssue, rowStart: Int, line: Int) -> DataError {
        bytes.withUnsafeBufferPointer { buffer in
            let offset = min(issue.offset, buffer.count)
            var lineStart = rowStart
            var problemLine = line
            for index in rowStart..<offset where buffer[index] == UInt8(ascii: "\n") {
                problemLine += 1
                lineStart = index + 1
            }
            let column = UTF8Bytes.scalarCount(buffer, in: lineStart..<offset) + 1
            return DataError(code: issue.problem.code, message: issue.problem.message, line: problemLine, column: column)
        }
    }
}
