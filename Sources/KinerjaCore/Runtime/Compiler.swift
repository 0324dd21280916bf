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
                let value = try inner(frame)
                if case .number(let number) = value, let negated = try? number.negated() { return .number(negated) }
                return try Self.exactly(value, at: span) { numbers throws(NumberError) in try numbers[0].negated() }
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
            let exact: @Sendable ([ExactNumber]) throws(NumberError) -> ExactNumber = { numbers throws(NumberError) in
                try Arithmetic.apply(op, numbers[0], numbers[1])
            }
            return { frame throws(EvaluationError) in
                let x = try lhs(frame)
                if case .number(let a) = x {
                    let y = try rhs(frame)
                    if case .number(let b) = y, let result = try? Arithmetic.apply(op, a, b) { return .number(result) }
                    return try Self.exactly(x, y, at: span, exact)
                }
                guard case .bigNumber = x else { return .absent }
                return try Self.exactly(x, try rhs(frame), at: span, exact)
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
                    let value = try part(frame)
                    do throws(NumberError) { try mean.add(value, weight: weight) } catch { throw EvaluationError(error, at: span) }
                }
                do throws(NumberError) { return try mean.result() } catch { throw EvaluationError(error, at: span) }
            }
        case .indicatorMean:
            let weights = policy.indicators.map(\.weight)
            return { frame throws(EvaluationError) in
                var mean = WeightedMean()
                for (outcome, weight) in zip(frame.indicators, weights) where outcome.status == .applicable {
                    do throws(NumberError) {
                        try mean.add(outcome.capaian, weight: weight)
                    } catch {
                        throw EvaluationError(error, at: span)
                    }
                }
                do throws(NumberError) { return try mean.result() } catch { throw EvaluationError(error, at: span) }
            }
        case .indicatorCapaians:
            return { frame in
                var capaians: [Number] = []
                for index in frame.indicators.indices where frame.indicators[index].status == .applicable {
                    switch frame.indicators[index].capaian {
                    case .number(let capaian): capaians.append(capaian)
                    // A list holding a big number takes the general form.
                    case .bigNumber: return .list(frame.indicators.filter { $0.status == .applicable }.map(\.capaian)
                        .filter { $0.exactNumber != nil })
                    default: break
                    }
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
            let value = try argument(frame)
            guard case .number(let input) = value else { return Self.bandsExactly(index, arms, value, frame) }
            for (position, arm) in arms.enumerated() where arm.contains(input) {
                frame.record(.band(index: index, input: value, arm: position))
                return arm.result
            }
            return .absent
        }
    }

    /// The slow path of bands: an input that is not a `Number`.
    @inline(never)
    private static func bandsExactly(_ index: Int, _ arms: [CheckedBandArm], _ value: Value, _ frame: Frame) -> Value {
        guard let input = value.exactNumber, let position = arms.firstIndex(where: { $0.contains(input) }) else {
            return .absent
        }
        frame.record(.band(index: index, input: value, arm: position))
        return arms[position].result
    }

    /// The slow path of an operation on numbers: exact whatever their size; absent unless every operand is a number.
    @inline(never)
    static func exactly(_ operands: Value..., at span: SourceSpan,
                        _ operation: ([ExactNumber]) throws(NumberError) -> ExactNumber) throws(EvaluationError) -> Value {
        let numbers = operands.compactMap(\.exactNumber)
        guard numbers.count == operands.count else { return .absent }
        do throws(NumberError) { return try operation(numbers).value } catch { throw EvaluationError(error, at: span) }
    }
}

extension CheckedBandArm {
    func contains(_ value: Number) -> Bool {
        contains(value, as: { $0 })
    }

    func contains(_ value: ExactNumber) -> Bool {
        contains(value, as: ExactNumber.small)
    }

    private func contains<T: Comparable>(_ value: T, as lifted: (Number) -> T) -> Bool {
        if let lower {
            let bound = lifted(lower.value)
            if value < bound || (value == bound && !lower.isInclusive) { return false }
        }
        if let upper {
            let bound = lifted(upper.value)
            if value > bound || (value == bound && !upper.isInclusive) { return false }
        }
        return true
    }
}

/// A running weighted mean over exact numbers; absent when nothing was added. Adds `Number`s while the sums fit,
/// and exact numbers of either size from the first term that does not (or that is big) on.
struct WeightedMean {
    private var weightedSum = Number.zero
    private var totalWeight = Number.zero
    /// Both sums, once they are kept exactly.
    private var exact: ExactSums?

    private final class ExactSums {
        var sum: ExactNumber
        var weight: ExactNumber

        init(_ sum: ExactNumber, _ weight: ExactNumber) {
            self.sum = sum
            self.weight = weight
        }
    }

    /// Adds `value` (skipped unless it is a number) with `weight`.
    mutating func add(_ value: Value, weight: Number) throws(NumberError) {
        if exact == nil, case .number(let number) = value, let sum = try? weightedSum.adding(number.multiplied(by: weight)),
           let total = try? totalWeight.adding(weight) {
            (weightedSum, totalWeight) = (sum, total)
            return
        }
        try addExactly(value, weight: weight)
    }

    @inline(never)
    private mutating func addExactly(_ value: Value, weight: Number) throws(NumberError) {
        guard let number = value.exactNumber else { return }
        let sums = exact ?? ExactSums(.small(weightedSum), .small(totalWeight))
        sums.sum = try sums.sum.adding(number.multiplied(by: .small(weight)))
        sums.weight = try sums.weight.adding(.small(weight))
        exact = sums
    }

    func result() throws(NumberError) -> Value {
        if exact == nil {
            if totalWeight.isZero { return .absent }
            if let mean = try? weightedSum.divided(by: totalWeight) { return .number(mean) }
        }
        return try exactResult()
    }

    @inline(never)
    private func exactResult() throws(NumberError) -> Value {
        let sums = exact ?? ExactSums(.small(weightedSum), .small(totalWeight))
        return sums.weight.signum == 0 ? .absent : try sums.sum.divided(by: sums.weight).value
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
        default: compareExactly(a, b)
        }
    }

    /// Whether `a` is less than `b`, for values of one type (false when either is absent).
    @inline(__always)
    static func isLess(_ a: Value, _ b: Value) -> Bool {
        if case .number(let x) = a, case .number(let y) = b { return x < y }
        return compare(a, b) == -1
    }

    /// The slow path: numbers of which one is big.
    @inline(never)
    private static func compareExactly(_ a: Value, _ b: Value) -> Int? {
        guard let x = a.exactNumber, let y = b.exactNumber else { return nil }
        return x.compare(y)
    }
}
