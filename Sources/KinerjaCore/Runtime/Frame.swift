/// The working memory of one record's evaluation: record fields, computed values and indicator outcomes,
/// all in slots the compiled program addresses by index. One frame is reused for many records.
public final class Frame {
    public internal(set) var fields: [Value]
    public internal(set) var values: [Value]
    public internal(set) var indicators: [IndicatorOutcome]
    /// The item under test inside `count(list, …)` and `share(list, …)`.
    var each: Value = .absent
    /// Set when an explanation is wanted; records which band arm, matrix cell and table rule were used.
    var trace: [TraceEvent]?

    init(fieldCount: Int, valueCount: Int, indicatorCount: Int) {
        fields = [Value](repeating: .absent, count: fieldCount)
        values = [Value](repeating: .absent, count: valueCount)
        indicators = [IndicatorOutcome](repeating: IndicatorOutcome(), count: indicatorCount)
    }
}

/// What happened to one indicator for one record.
public struct IndicatorOutcome: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case applicable
        /// The `applies` condition did not hold.
        case conditionNotMet
        /// The actual measure or the capaian had no value.
        case noData
    }

    public var status: Status = .noData
    public var actual: Value = .absent
    public var target: Value = .absent
    /// The capaian after the cap.
    public var capaian: Value = .absent
    /// The capaian before the cap, when the cap changed it.
    public var uncapped: Value?
}

/// A decision recorded for explanations.
public enum TraceEvent: Sendable, Equatable {
    case band(index: Int, input: Number, arm: Int)
    case matrix(index: Int, row: Int, column: Int)
    case table(index: Int, cell: Int)
}
