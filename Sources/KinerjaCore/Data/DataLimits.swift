/// Bounds that keep a reader's memory and work predictable on hostile or broken input.
///
/// Exceeding a limit is reported as an error, never as a crash.
public struct DataLimits: Sendable, Equatable {
    /// The deepest nesting of arrays and objects allowed in a JSON record (the record's own object is level 1).
    public var maxDepth: Int
    /// The longest record allowed, in bytes; a reader holds at most about this much plus one chunk in memory.
    public var maxRecordBytes: Int
    /// The most records read; the next one is replaced by a final "too many records" error. Nil means no limit.
    public var maxRecords: Int?

    public init(maxDepth: Int = 64, maxRecordBytes: Int = 16 << 20, maxRecords: Int? = nil) {
        self.maxDepth = maxDepth
        self.maxRecordBytes = maxRecordBytes
        self.maxRecords = maxRecords
    }

    /// Depth 64, records up to 16 MiB, any number of records.
    public static let `default` = DataLimits()
}
