/// A checked policy compiled for evaluation: closures per indicator clause, value, output and recommendation,
/// in the order of the evaluation plan. Immutable and `Sendable`, so one program serves many threads.
public struct Program: Sendable {
    public let policy: CheckedPolicy
    /// The plan as plain indices, so that walking it copies no closures.
    private let plan: [EvaluationStep]
    private let indicators: Lent<CompiledIndicator>
    private let values: Lent<CompiledValue>
    private let recommendations: [CompiledExpression]
    /// The list functions computed while a record is read, for the lists read only through them.
    let aggregates: ListAggregates

    /// A value's compiled expression in an object, so that the plan can call it without counting a reference.
    private final class CompiledValue: Sendable {
        let expression: CompiledExpression

        init(_ expression: @escaping CompiledExpression) {
            self.expression = expression
        }
    }

    /// An indicator's compiled clauses in an object, so that the plan can call them without counting a reference.
    private final class CompiledIndicator: Sendable {
        let applies: CompiledExpression?
        let actual: CompiledExpression
        let target: CompiledExpression
        let capaian: CompiledExpression
        let cap: CompiledExpression?

        init(applies: CompiledExpression?, actual: @escaping CompiledExpression, target: @escaping CompiledExpression,
             capaian: @escaping CompiledExpression, cap: CompiledExpression?) {
            self.applies = applies
            self.actual = actual
            self.target = target
            self.capaian = capaian
            self.cap = cap
        }
    }


    public init(_ policy: CheckedPolicy) {
        self.policy = policy
        aggregates = ListAggregates(policy)
        let compiler = Compiler(policy: policy, aggregates: aggregates)
        plan = policy.plan.unshared
        indicators = Lent(policy.indicators.map { indicator in
            CompiledIndicator(
                applies: indicator.applies.map(compiler.compile), actual: compiler.compile(indicator.actual),
                target: compiler.compile(indicator.target), capaian: compiler.compile(indicator.capaian),
                cap: indicator.cap.map(compiler.compile))
        })
        values = Lent(policy.values.map { CompiledValue(compiler.compile($0.expression)) })
        recommendations = policy.recommendations.map { compiler.compile($0.condition) }
    }

    /// A frame sized for this program; reuse it across records on one thread.
    public func makeFrame() -> Frame {
        Frame(fieldCount: policy.record.fields.count, valueCount: policy.values.count,
              indicatorCount: policy.indicators.count, aggregateCount: aggregates.all.count,
              memoTables: aggregates.memoTableCount)
    }

    /// Evaluates the record whose fields are in `frame.fields` and whose aggregates are in `frame.aggregates`
    /// (see `ListAggregates.fill`); afterwards the frame holds every value and
    /// indicator outcome. Returns the indices of the recommendations that fired. The list functions may visit at
    /// most `maxSteps` list items in all.
    /// Inlined where it is called for each record: a call copied the whole program (320 bytes) for each.
    @inline(__always)
    public func evaluate(_ frame: Frame, tracing: Bool = false,
                         maxSteps: Int = DataLimits.default.maxSteps) throws(EvaluationError) -> [Int] {
        frame.trace = tracing ? [] : nil
        frame.allow(steps: maxSteps)
        for step in plan {
            switch step {
            case .indicator(let index):
                let result = indicators.with(index) { indicator in
                    Result { () throws(EvaluationError) in try evaluate(indicator, at: index, frame) }
                }
                try result.get()
            case .value(let index):
                // The closure throws a typed error, which `Lent.with` does not pass on: carried as a Result.
                let result = values.with(index) { value in
                    Result { () throws(EvaluationError) in try value.expression(frame) }
                }
                frame.values[index] = try result.get()
            }
        }
        var fired: [Int] = []
        for (index, condition) in recommendations.enumerated() where try condition(frame).isTrue {
            fired.append(index)
        }
        return fired
    }

    /// Evaluates one indicator into its outcome slot. Every clause may read the indicator's `actual` and `target`
    /// from that slot, so it is cleared before the first clause runs (no clause may see the last record's outcome),
    /// and `actual` is there before `target` runs.
    private func evaluate(_ indicator: CompiledIndicator, at index: Int, _ frame: Frame) throws(EvaluationError) {
        frame.indicators[index] = IndicatorOutcome()
        if let applies = indicator.applies, !(try applies(frame).isTrue) {
            frame.indicators[index].status = .conditionNotMet
            return
        }
        let actual = try indicator.actual(frame)
        guard actual.isPresent else { return }
        frame.indicators[index].actual = actual
        frame.indicators[index].target = try indicator.target(frame)
        let capaian = try indicator.capaian(frame)
        switch capaian {
        case .number(let value):
            // Pattern-matched rather than held, so that a number costs no copy of a `Value`.
            switch try indicator.cap?(frame) {
            case .number(let limit)?:
                frame.indicators[index].setCapaian(capaian, cappedAt: limit < value ? .number(limit) : nil)
            case let limit: frame.indicators[index].setCapaian(capaian, cappedAtMost: limit)
            }
        case .bigNumber: frame.indicators[index].setCapaian(capaian, cappedAtMost: try indicator.cap?(frame))
        default: return
        }
    }
}
