/// One input record, or the error that replaced it, numbered from 1 in input order.
///
/// Readers never drop a record: a record they cannot read becomes a `DataRecord` whose content is the error.
public struct DataRecord: Sendable, Equatable {
    /// The 1-based record number; blank lines are not records, error records are.
    public var number: Int
    /// The 1-based line on which the record starts.
    public var line: Int
    /// The record's object, or the error found in it.
    public var content: Result<DataObject, DataError>

    public init(number: Int, line: Int, content: Result<DataObject, DataError>) {
        self.number = number
        self.line = line
        self.content = content
    }
}

/// A record as a format reader produces it, before `RecordReader` numbers it.
/// A record cut out of the input but not parsed yet (its bytes, valid until the reader moves on), or one the
/// reader already decided on, such as a line too long to hold.
enum UnparsedRecord {
    case bytes(line: Int, range: Range<Int>)
    case decided(RawRecord)
}

/// A format reader that can cut records out of the input without parsing them, for a batch that workers parse.
protocol UnparsedRecordSource {
    /// The number of the line the reader has reached.
    var line: Int { get }
    /// The next record, unparsed, or the error record of one that cannot be held; nil at the end of the input.
    mutating func nextUnparsed(from input: inout InputBuffer) -> UnparsedRecord?
    /// How a batch holds the bytes of one of these records.
    static func content(_ range: Range<Int>) -> RecordBatch.Entry.Content
}

struct RawRecord {
    var line: Int
    var content: Result<DataObject, DataError>
}
