/// A compiled expression: reads the frame's slots and returns a value. Built once per policy.
typealias CompiledExpression = @Sendable (Frame) throws(EvaluationError) -> Value

/// Turns checked expressions into closures that capture only slot indices, constants and child closures,
/// so that evaluating a record does no name look-ups and walks no syntax tree.
struct Compiler {
    let policy: CheckedPolicy
    let aggregates: ListAggregates

    func compile(_ expression: CheckedExpression) -> CompiledExpression {
        let span = expression.span
        switch expression.kind {
        case .constant(let value):
            return { _ in value }
        case .field(let slot):
            return { frame in frame.fields[slot] }
        case .value(let slot):
            return { frame in frame.values[slot] }
        case .indicatorPart(let indicator, let part):
            if part == .actual { return { frame in frame.indicators[indicator].actual } }
            return { frame in frame.indicators[indicator].target }
        case .each:
            return { frame in frame.each }
        case .negate(let operand):
            let inner = compile(operand)
            return { frame throws(EvaluationError) in
                guard case .number(let number) = try inner(frame) else { return .absent }
                do throws(NumberError) { return .number(try number.negated()) } catch { throw EvaluationError(error, at: span) }
            }
        case .arithmetic(.subtract, let left, let right) where left.type == .date:
            let lhs = compile(left)
            let rhs = compile(right)
            return { frame throws(EvaluationError) in
                guard case .date(let a) = try lhs(frame), case .date(let b) = try rhs(frame) else { return .absent }
                return .number(Number(Int64(a - b) * DurationUnit.day.seconds))
            }
        case .arithmetic(let op, let left, let right):
            let lhs = compile(left)
            let rhs = compile(right)
            return { frame throws(EvaluationError) in
                guard case .number(let a) = try lhs(frame), case .number(let b) = try rhs(frame) else {
                    return .absent
                }
                do throws(NumberError) { return .number(try Arithmetic.apply(op, a, b)) } catch { throw EvaluationError(error, at: span) }
            }
        case .comparison(let op, let left, let right):
            let lhs = compile(left)
            let rhs = compile(right)
            return { frame throws(EvaluationError) in
                guard let order = ValueOrder.compare(try lhs(frame), try rhs(frame)) else { return .absent }
                return .boolean(op.holds(order))
            }
        case .and(let left, let right):
            let lhs = compile(left)
            let rhs = compile(right)
            return { frame throws(EvaluationError) in
                let a = try lhs(frame)
                if case .boolean(false) = a { return a }
                let b = try rhs(frame)
                if case .boolean(false) = b { return b }
                return a.isPresent && b.isPresent ? .boolean(true) : .absent
            }
        case .or(let left, let right):
            let lhs = compile(left)
            let rhs = compile(right)
            return { frame throws(EvaluationError) in
                let a = try lhs(frame)
                if case .boolean(true) = a { return a }
                let b = try rhs(frame)
                if case .boolean(true) = b { return b }
                return a.isPresent && b.isPresent ? .boolean(false) : .absent
            }
        case .not(let operand):
            let inner = compile(operand)
            return { frame throws(EvaluationError) in
                guard case .boolean(let flag) = try inner(frame) else { return .absent }
                return .boolean(!flag)
            }
        case .orDefault(let left, let right):
            let lhs = compile(left)
            let rhs = compile(right)
            return { frame throws(EvaluationError) in
                let value = try lhs(frame)
                return value.isPresent ? value : try rhs(frame)
            }
        case .membership(let subject, let elements):
            let inner = compile(subject)
            let constants = elements.compactMap { element in if case .constant(let value) = element.kind { value } else { nil } }
            if constants.count == elements.count {
                // Values of one type are equal exactly when they compare as equal.
                return { frame throws(EvaluationError) in
                    let value = try inner(frame)
                    return value.isPresent ? .boolean(constants.contains(value)) : .absent
                }
            }
            let candidates = elements.map(compile)
            return { frame throws(EvaluationError) in
                let value = try inner(frame)
                guard value.isPresent else { return .absent }
                for candidate in candidates where ValueOrder.compare(value, try candidate(frame)) == 0 {
                    return .boolean(true)
                }
                return .boolean(false)
            }
        case .conditional(let condition, let then, let otherwise):
            let test = compile(condition)
            let first = compile(then)
            let second = compile(otherwise)
            return { frame throws(EvaluationError) in try test(frame).isTrue ? try first(frame) : try second(frame) }
        case .present(let operand):
            let inner = compile(operand)
            return { frame throws(EvaluationError) in .boolean(try inner(frame).isPresent) }
        case .builtin(let builtin, let arguments):
            if let slot = aggregates.slot(of: expression, schema: policy.record) {
                return compileAggregate(at: slot, span: span)
            }
            return BuiltinCompiler(compiler: self).compile(builtin, arguments, type: expression.type, span: span)
        case .weightedMean(let pairs):
            let parts = pairs.map { pair -> (CompiledExpression, Number) in
                guard case .constant(.number(let weight)) = pair.weight.kind else { return (compile(pair.value), .zero) }
                return (compile(pair.value), weight)
            }
            return { frame throws(EvaluationError) in
                var mean = WeightedMean()
                for (part, weight) in parts {
                    guard case .number(let value) = try part(frame) else { continue }
                    do throws(NumberError) { try mean.add(value, weight: weight) } catch { throw EvaluationError(error, at: span) }
                }
                do throws(NumberError) { return try mean.result() } catch { throw EvaluationError(error, at: span) }
            }
        case .indicatorMean:
            let weights = policy.indicators.map(\.weight)
            return { frame throws(EvaluationError) in
                var mean = WeightedMean()
                for (outcome, weight) in zip(frame.indicators, weights) where outcome.status == .applicable {
                    guard case .number(let capaian) = outcome.capaian else { continue }
                    do throws(NumberError) { try mean.add(capaian, weight: weight) } catch { throw EvaluationError(error, at: span) }
                }
                do throws(NumberError) { return try mean.result() } catch { throw EvaluationError(error, at: span) }
            }
        case .indicatorCapaians:
            return { frame in
                var capaians: [Number] = []
                for index in frame.indicators.indices where frame.indicators[index].status == .applicable {
                    if case .number(let capaian) = frame.indicators[index].capaian { capaians.append(capaian) }
                }
                return .numbers(capaians)
            }
        case .bands(let index, let argument):
            return compileBands(index, compile(argument))
        case .matrix(let index, let row, let column):
            let rowValue = compile(row)
            let columnValue = compile(column)
            let cells = policy.matrices[index].cells
            return { frame throws(EvaluationError) in
                guard case .member(let r) = try rowValue(frame), case .member(let c) = try columnValue(frame) else {
                    return .absent
                }
                frame.record(.matrix(index: index, row: r, column: c))
                return cells[r][c]
            }
        case .table(let index, let arguments):
            let inputs = arguments.map(compile)
            let table = policy.tables[index]
            return { frame throws(EvaluationError) in
                var cell = 0
                for (input, dimension) in zip(inputs, table.dimensions) {
                    switch try input(frame) {
                    case .member(let position): cell = cell * dimension + position
                    case .boolean(let flag): cell = cell * dimension + (flag ? 1 : 0)
                    default: return .absent
                    }
                }
                frame.record(.table(index: index, cell: cell))
                return table.cells[cell].result
            }
        }
    }

    /// A list function whose value was computed while the record was read; visiting the items still counts as
    /// evaluation steps, as it does for a list function that runs.
    private func compileAggregate(at slot: Int, span: SourceSpan) -> CompiledExpression {
        let visitsItems = aggregates.all[slot].kind.visitsItems
        return { frame throws(EvaluationError) in
            let aggregate = frame.aggregates[slot]
            if visitsItems { try frame.spend(aggregate.items, at: span) }
            do throws(NumberError) { return try aggregate.value.get() } catch { throw EvaluationError(error, at: span) }
        }
    }

    private func compileBands(_ index: Int, _ argument: @escaping CompiledExpression) -> CompiledExpression {
        let arms = policy.bands[index].arms
        return { frame throws(EvaluationError) in
            guard case .number(let input) = try argument(frame) else { return .absent }
            for (position, arm) in arms.enumerated() where arm.contains(input) {
                frame.record(.band(index: index, input: input, arm: position))
                return arm.result
            }
            return .absent
        }
    }
}

extension CheckedBandArm {
    func contains(_ value: Number) -> Bool {
        if let lower {
            if value < lower.value || (value == lower.value && !lower.isInclusive) { return false }
        }
        if let upper {
            if value > upper.value || (value == upper.value && !upper.isInclusive) { return false }
        }
        return true
    }
}

/// A running weighted mean over exact numbers; absent when nothing was added.
struct WeightedMean {
    private var weightedSum = Number.zero
    private var totalWeight = Number.zero

    mutating func add(_ value: Number, weight: Number) throws(NumberError) {
        weightedSum = try weightedSum.adding(value.multiplied(by: weight))
        totalWeight = try totalWeight.adding(weight)
    }

    func result() throws(NumberError) -> Value {
        totalWeight.isZero ? .absent : .number(try weightedSum.divided(by: totalWeight))
    }
}

/// The order of two values of the same type; nil when either is absent or they do not compare.
enum ValueOrder {
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y ? -1 : (x == y ? 0 : 1)
        case (.text(let x), .text(let y)): x < y ? -1 : (x == y ? 0 : 1)
        case (.member(let x), .member(let y)), (.date(let x), .date(let y)): x < y ? -1 : (x == y ? 0 : 1)
        case (.boolean(let x), .boolean(let y)): x == y ? 0 : (x ? 1 : -1)
        default: nil
        }
    }
}
