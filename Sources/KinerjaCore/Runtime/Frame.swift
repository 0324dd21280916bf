/// The working memory of one record's evaluation: record fields, computed values and indicator outcomes,
/// all in slots the compiled program addresses by index. One frame is reused for many records, on one thread
/// at a time.
public final class Frame {
    public let fields: FrameSlots<Value>
    public let values: FrameSlots<Value>
    public let indicators: FrameSlots<IndicatorOutcome>
    /// The values of list functions computed while the record was read (`ListAggregates`).
    let aggregates: FrameSlots<AggregateSlot>
    /// The short numbers the fast binders have read into the fields (`ListAggregates.memoTables`).
    let itemMemo: ItemMemo
    /// The item under test inside `count(list, …)` and `share(list, …)`, the decisions recorded for an
    /// explanation (nil when none is wanted), and the evaluation steps the record may still take.
    private let scratch: FrameSlots<(each: Value, trace: [TraceEvent]?, steps: Int, allowed: Int)>

    init(fieldCount: Int, valueCount: Int, indicatorCount: Int, aggregateCount: Int, memoTables: Int) {
        fields = FrameSlots(repeating: .absent, count: fieldCount)
        values = FrameSlots(repeating: .absent, count: valueCount)
        indicators = FrameSlots(repeating: IndicatorOutcome(), count: indicatorCount)
        aggregates = FrameSlots(repeating: AggregateSlot(), count: aggregateCount)
        itemMemo = ItemMemo(tables: memoTables)
        scratch = FrameSlots(repeating: (.absent, nil, 0, 0), count: 1)
    }

    deinit {
        fields.free()
        values.free()
        indicators.free()
        aggregates.free()
        itemMemo.free()
        scratch.free()
    }

    var each: Value {
        get { scratch[0].each }
        set { scratch[0].each = newValue }
    }

    /// Records which band arm, matrix cell and table rule were used, when an explanation is wanted.
    public internal(set) var trace: [TraceEvent]? {
        get { scratch[0].trace }
        set { scratch[0].trace = newValue }
    }

    /// Gives the record `steps` evaluation steps.
    func allow(steps: Int) {
        scratch[0].steps = steps
        scratch[0].allowed = steps
    }

    /// Takes `count` steps (list items about to be visited) from the record's allowance.
    func spend(_ count: Int, at span: SourceSpan) throws(EvaluationError) {
        scratch[0].steps -= count
        if scratch[0].steps < 0 { throw EvaluationError(.stepLimit(scratch[0].allowed), at: span) }
    }

    /// Notes a decision for the explanation, if one is being recorded (the event is made only then).
    @inline(__always)
    func record(_ event: @autoclosure () -> TraceEvent) {
        if scratch[0].trace != nil { scratch[0].trace!.append(event()) }
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

    /// Makes the indicator applicable with `capaian`, or with `limit` in its place when one is given.
    mutating func setCapaian(_ capaian: Value, cappedAt limit: Value?) {
        status = .applicable
        if let limit {
            uncapped = capaian
            self.capaian = limit
        } else {
            self.capaian = capaian
        }
    }

    /// Makes the indicator applicable with a capaian of either size, capped at `limit` when that is a smaller number.
    mutating func setCapaian(_ capaian: Value, cappedAtMost limit: Value?) {
        setCapaian(capaian, cappedAt: limit.flatMap { ValueOrder.compare($0, capaian) == -1 ? $0 : nil })
    }
}

/// A decision recorded for explanations.
public enum TraceEvent: Sendable, Equatable {
    /// `input` is a number of either size.
    case band(index: Int, input: Value, arm: Int)
    case matrix(index: Int, row: Int, column: Int)
    case table(index: Int, cell: Int)
}
