/// Bounds that keep the memory and work for one record predictable on hostile or broken input.
///
/// Exceeding a limit is reported as an error (a data error, a record error, or a final error), never as a crash.
public struct DataLimits: Sendable, Equatable {
    /// The deepest nesting of arrays and objects allowed in a JSON record (the record's own object is level 1).
    public var maxDepth: Int
    /// The longest record allowed, in bytes; a reader holds at most about this much plus one chunk in memory.
    public var maxRecordBytes: Int
    /// The most records read; the next one is replaced by a final "too many records" error. Nil means no limit.
    public var maxRecords: Int?
    /// The most items of one list field of a record (R005 beyond it).
    public var maxListItems: Int
    /// The most evaluation steps for one record: list items visited by the list functions (R103 beyond it).
    public var maxSteps: Int

    public init(maxDepth: Int = 64, maxRecordBytes: Int = 16 << 20, maxRecords: Int? = nil,
                maxListItems: Int = 100_000, maxSteps: Int = 10_000_000) {
        self.maxDepth = maxDepth
        self.maxRecordBytes = maxRecordBytes
        self.maxRecords = maxRecords
        self.maxListItems = maxListItems
        self.maxSteps = maxSteps
    }

    /// Depth 64, records up to 16 MiB, any number of records, lists up to 100,000 items, 10,000,000 steps.
    public static let `default` = DataLimits()
}
