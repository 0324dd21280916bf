/// A problem found in a data file, with the line (and, where known, the column) where it was found.
public struct DataError: Error, Sendable, Equatable {
    /// The stable identifier of the kind of problem.
    public var code: DataErrorCode
    /// What is wrong, in lower case without a final period, e.g. "duplicate key 'nip'".
    public var message: String
    /// The 1-based line of the problem.
    public var line: Int
    /// The 1-based column of the problem, counted in Unicode scalars, or nil when unknown.
    public var column: Int?

    public init(code: DataErrorCode, message: String, line: Int, column: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }
}

/// Stable identifiers of the kinds of data problem; tools and tests match on these, people read the message.
///
/// Codes marked fatal end the reading: the error record that carries them is the last record.
public enum DataErrorCode: String, Sendable, CaseIterable {
    /// The record is not valid JSON (RFC 8259).
    case invalidJSON = "D001"
    /// The input is not valid UTF-8.
    case invalidUTF8 = "D002"
    /// An object has two members with the same key.
    case duplicateKey = "D003"
    /// `NaN`, `Infinity` or `-Infinity` where a JSON value was expected.
    case nonFiniteNumber = "D004"
    /// A JSON record is an array, string, number, boolean or null instead of an object.
    case notAnObject = "D005"
    /// Arrays and objects are nested deeper than `DataLimits.maxDepth`.
    case nestingTooDeep = "D006"
    /// A record or line is longer than `DataLimits.maxRecordBytes`.
    case recordTooLong = "D007"
    /// A CSV row has a different number of cells than the header.
    case cellCountMismatch = "D008"
    /// A quoted CSV field is not closed before the end of the input.
    case unterminatedQuote = "D009"
    /// The CSV header has an empty or duplicate name (fatal).
    case invalidHeader = "D010"
    /// A quoted CSV field is followed by something other than a delimiter or the end of the row.
    case textAfterQuote = "D011"
    /// The JSON document's structure cannot be read any further (fatal).
    case unreadableDocument = "D012"
    /// The input has more records than `DataLimits.maxRecords` (fatal).
    case tooManyRecords = "D013"
    /// Reading the input failed (fatal).
    case readFailed = "D014"
}

/// A problem's code and message, before it is placed at a line and column.
struct DataProblem: Sendable, Equatable {
    var code: DataErrorCode
    var message: String
}

/// A problem found at a byte offset of the input buffer; the reader turns the offset into a line and column.
struct DataIssue: Error {
    var problem: DataProblem
    var offset: Int

    init(_ problem: DataProblem, at offset: Int) {
        self.problem = problem
        self.offset = offset
    }
}
