/// A run of consecutive input records, taken together so they can be evaluated on several cores. JSON Lines
/// records stay as the raw bytes of their lines, so that evaluation can read fields straight from the bytes;
/// records of other formats, and lines rejected by the reader itself, arrive already read.
public struct RecordBatch: Sendable {
    /// The raw lines of the batch, one after another.
    public internal(set) var bytes: [UInt8] = []
    public internal(set) var entries: [Entry] = []

    /// One record of the batch, numbered as in the input.
    public struct Entry: Sendable {
        public enum Content: Sendable {
            /// A JSON Lines record: its line's bytes in `RecordBatch.bytes`.
            case line(Range<Int>)
            /// A record already read, or the error that replaced it.
            case read(Result<DataObject, DataError>)
        }

        public var number: Int
        public var line: Int
        public var content: Content
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
                let column = bytes.withUnsafeBufferPointer { buffer in
                    UTF8Bytes.scalarCount(buffer, in: range.lowerBound..<min(issue.offset, range.upperBound)) + 1
                }
                content = .failure(DataError(code: issue.problem.code, message: issue.problem.message,
                                             line: entry.line, column: column))
            case .blank:
                preconditionFailure("batches hold no blank lines")
            }
            return DataRecord(number: entry.number, line: entry.line, content: content)
        }
    }
}
