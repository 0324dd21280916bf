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
        case .constant(let constant):
            switch constant.unshared {
            case .number(let number): return { _ in .number(number) }
            case .member(let member): return { _ in .member(member) }
            case let value: return { _ in value }
            }
        case .field(let slot):
            return { frame in Self.fresh(frame.fields[slot]) }
        case .value(let slot):
            return { frame in Self.fresh(frame.values[slot]) }
        case .indicatorPart(let indicator, let part):
            if part == .actual { return { frame in Self.fresh(frame.indicators[indicator].actual) } }
            return { frame in Self.fresh(frame.indicators[indicator].target) }
        case .each:
            return { frame in frame.each }
        case .negate(let operand):
            let inner = compile(operand)
            return { frame throws(EvaluationError) in
                switch try inner(frame) {
                case .number(let number):
                    if let negated = try? number.negated() { return .number(negated) }
                    return try Self.exactly(.number(number), at: span) { numbers throws(NumberError) in try numbers[0].negated() }
                case let value:
                    return try Self.exactly(value, at: span) { numbers throws(NumberError) in try numbers[0].negated() }
                }
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
            // Operands are pattern-matched rather than held, so that numbers cost no copies of a `Value`.
            let general: CompiledExpression = { frame throws(EvaluationError) in
                switch try lhs(frame) {
                case .number(let a):
                    switch try rhs(frame) {
                    case .number(let b):
                        if let result = try? Arithmetic.apply(op, a, b) { return .number(result) }
                        return try Self.exactly(.number(a), .number(b), at: span, exact)
                    case let y:
                        return try Self.exactly(.number(a), y, at: span, exact)
                    }
                case let x:
                    guard case .bigNumber = x else { return .absent }
                    return try Self.exactly(x, try rhs(frame), at: span, exact)
                }
            }
            guard let a = InPlaceOperand(left), let b = InPlaceOperand(right) else { return general }
            // Two operands read in place (such as the default capaian, actual / target): numbers that fit go
            // straight to the arithmetic, anything else (absent, big, overflow) the general way.
            return { frame throws(EvaluationError) in
                if let x = a.number(in: frame), let y = b.number(in: frame),
                   let result = try? Arithmetic.apply(op, x, y) { return .number(result) }
                return try general(frame)
            }
        case .comparison(let op, let left, let right):
            let lhs = compile(left)
            let rhs = compile(right)
            let general: CompiledExpression = { frame throws(EvaluationError) in
                guard let order = ValueOrder.compare(try lhs(frame), try rhs(frame)) else { return .absent }
                return .boolean(op.holds(order))
            }
            guard let a = InPlaceOperand(left), let b = InPlaceOperand(right) else { return general }
            // Numbers or members read in place; anything else the general way.
            return { frame throws(EvaluationError) in
                if let x = a.number(in: frame), let y = b.number(in: frame) {
                    return .boolean(op.holds(ValueOrder.order(x, y)))
                }
                if let x = a.member(in: frame), let y = b.member(in: frame) {
                    return .boolean(op.holds(ValueOrder.order(x, y)))
                }
                return try general(frame)
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
            let constants = elements.compactMap { element in
                if case .constant(let value) = element.kind { value.unshared } else { nil }
            }
            let texts = constants.compactMap { constant in if case .text(let text) = constant { text } else { nil } }
            if texts.count == elements.count {
                // Texts compared as texts, without the switch of a `Value`'s equality for each.
                return { frame throws(EvaluationError) in
                    switch try inner(frame) {
                    case .text(let text): .boolean(texts.contains(text))
                    case let value: value.isPresent ? .boolean(false) : .absent
                    }
                }
            }
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
            let parts = Lent(pairs.map { pair in
                guard case .constant(.number(let weight)) = pair.weight.kind else {
                    return WeightedPart(value: compile(pair.value), weight: .zero)
                }
                return WeightedPart(value: compile(pair.value), weight: weight)
            })
            return { frame throws(EvaluationError) in
                var mean = UnreducedWeightedMean()
                for position in parts.indices {
                    let (value, weight) = parts.with(position) { part in
                        return (Result { () throws(EvaluationError) in try part.value(frame) }, part.weight)
                    }
                    switch try value.get() {
                    case .number(let value):
                        do throws(NumberError) { try mean.add(value, weight: weight) } catch {
                            return try Self.exactMean(mean, then: (.small(value), weight), parts, from: position + 1,
                                                      frame, span)
                        }
                    case .bigNumber(let value):
                        return try Self.exactMean(mean, then: (.big(value), weight), parts, from: position + 1,
                                                  frame, span)
                    default:
                        continue
                    }
                }
                do throws(NumberError) { return try mean.result() } catch {
                    return try Self.exactMean(mean, then: nil, parts, from: parts.count, frame, span)
                }
            }
        case .indicatorMean:
            let weights = policy.indicators.map(\.weight)
            return { frame throws(EvaluationError) in
                var mean = UnreducedWeightedMean()
                // By index, so that no outcome is copied.
                for (index, weight) in zip(frame.indicators.indices, weights) where frame.indicators[index].status == .applicable {
                    switch frame.indicators[index].capaian {
                    case .number(let capaian):
                        do throws(NumberError) { try mean.add(capaian, weight: weight) } catch {
                            return try Self.exactIndicatorMean(frame, weights, span)
                        }
                    case .bigNumber:
                        return try Self.exactIndicatorMean(frame, weights, span)
                    default:
                        continue
                    }
                }
                do throws(NumberError) { return try mean.result() } catch {
                    return try Self.exactIndicatorMean(frame, weights, span)
                }
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
            return compileBands(index, compile(argument), operand: InPlaceOperand(argument))
        case .matrix(let index, let row, let column):
            let rowValue = compile(row)
            let columnValue = compile(column)
            let cells = policy.matrices[index].cells.map { $0.map(\.unshared) }
            return { frame throws(EvaluationError) in
                guard case .member(let r) = try rowValue(frame), case .member(let c) = try columnValue(frame) else {
                    return .absent
                }
                frame.record(.matrix(index: index, row: r, column: c))
                return cells[r][c]
            }
        case .table(let index, let arguments):
            let inputs = arguments.map(compile)
            let dimensions = policy.tables[index].dimensions.unshared
            let results = policy.tables[index].cells.map(\.result.unshared)
            return { frame throws(EvaluationError) in
                var cell = 0
                for (input, dimension) in zip(inputs, dimensions) {
                    switch try input(frame) {
                    case .member(let position): cell = cell * dimension + position
                    case .boolean(let flag): cell = cell * dimension + (flag ? 1 : 0)
                    default: return .absent
                    }
                }
                frame.record(.table(index: index, cell: cell))
                return results[cell]
            }
        }
    }

    /// `value` as a result: a number or member (most values) made afresh from its parts, as constants are, since
    /// copying a `Value` whole goes through an outlined switch on its case; anything else copied.
    @inline(__always)
    private static func fresh(_ value: Value) -> Value {
        if case .number(let number) = value { return .number(number) }
        if case .member(let member) = value { return .member(member) }
        return value
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

    /// Bands over `argument`, whose number is read in place when it is an `operand`.
    private func compileBands(_ index: Int, _ argument: @escaping CompiledExpression,
                              operand: InPlaceOperand?) -> CompiledExpression {
        let arms = policy.bands[index].arms.map(\.unshared)
        let general: CompiledExpression = { frame throws(EvaluationError) in
            switch try argument(frame) {
            case .number(let input): Self.band(index, arms, input, frame)
            case let value: Self.bandsExactly(index, arms, value, frame)
            }
        }
        guard let operand else { return general }
        return { frame throws(EvaluationError) in
            if let input = operand.number(in: frame) { return Self.band(index, arms, input, frame) }
            return try general(frame)
        }
    }

    /// The result of the arm of bands `index` that holds `input`; absent when none does.
    @inline(__always)
    private static func band(_ index: Int, _ arms: [CheckedBandArm], _ input: Number, _ frame: Frame) -> Value {
        // By index, so that no arm is copied.
        for position in arms.indices where arms[position].contains(input) {
            frame.record(.band(index: index, input: .number(input), arm: position))
            return arms[position].result
        }
        return .absent
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

extension Compiler {
    /// The slow path of `weighted_mean(...)`: goes on exactly from `mean` with `term` (if any) and then the parts not
    /// yet evaluated.
    @inline(never)
    fileprivate static func exactMean(_ mean: UnreducedWeightedMean, then term: (value: ExactNumber, weight: Number)?,
                                      _ parts: Lent<WeightedPart>, from start: Int, _ frame: Frame,
                                      _ span: SourceSpan) throws(EvaluationError) -> Value {
        var exact = mean.exact
        if let term {
            do throws(NumberError) { try exact.add(term.value, weight: term.weight) } catch { throw EvaluationError(error, at: span) }
        }
        for position in start..<parts.count {
            let part = parts.with(position) { $0 }
            guard let value = try part.value(frame).exactNumber else { continue }
            do throws(NumberError) { try exact.add(value, weight: part.weight) } catch {
                throw EvaluationError(error, at: span)
            }
        }
        do throws(NumberError) { return try exact.result() } catch { throw EvaluationError(error, at: span) }
    }

    /// The slow path of `weighted_mean(capaian of indicators)`: the mean computed again on exact numbers.
    @inline(never)
    fileprivate static func exactIndicatorMean(_ frame: Frame, _ weights: [Number],
                                               _ span: SourceSpan) throws(EvaluationError) -> Value {
        var mean = ExactWeightedMean()
        do throws(NumberError) {
            for (outcome, weight) in zip(frame.indicators, weights) where outcome.status == .applicable {
                guard let capaian = outcome.capaian.exactNumber else { continue }
                try mean.add(capaian, weight: weight)
            }
            return try mean.result()
        } catch {
            throw EvaluationError(error, at: span)
        }
    }
}

/// The order of two values of the same type; nil when either is absent or they do not compare.
enum ValueOrder {
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)): order(x, y)
        case (.text(let x), .text(let y)): order(x, y)
        case (.member(let x), .member(let y)), (.date(let x), .date(let y)): order(x, y)
        case (.boolean(let x), .boolean(let y)): x == y ? 0 : (x ? 1 : -1)
        default: compareExactly(a, b)
        }
    }

    /// -1, 0 or 1 as `x` is less than, equal to or greater than `y`.
    @inline(__always)
    static func order<T: Comparable>(_ x: T, _ y: T) -> Int {
        x < y ? -1 : (x == y ? 0 : 1)
    }

    /// The slow path: numbers of which one is big.
    @inline(never)
    private static func compareExactly(_ a: Value, _ b: Value) -> Int? {
        guard let x = a.exactNumber, let y = b.exactNumber else { return nil }
        return x.compare(y)
    }
}
