/// Compiles calls of the built-in functions. None allocates per call except `median` and `percentile`, which
/// sort a copy of their list.
struct BuiltinCompiler {
    let compiler: Compiler

    func compile(_ builtin: Builtin, _ arguments: [CheckedExpression], type: ValueType,
                 span: SourceSpan) -> CompiledExpression {
        let inputs = arguments.map(compiler.compile)
        /// A function of the numbers of a list; absent when the list is.
        func list(_ body: @escaping @Sendable ([Number]) throws(NumberError) -> Value) -> CompiledExpression {
            let source = inputs[0]
            return { frame throws(EvaluationError) in
                guard case .numbers(let numbers) = try source(frame) else { return .absent }
                try frame.spend(numbers.count, at: span)
                do throws(NumberError) { return try body(numbers) } catch { throw EvaluationError(error, at: span) }
            }
        }
        switch builtin {
        case .round:
            let value = inputs[0]
            guard case .constant(.number(let count)) = arguments[1].kind else { return { _ in .absent } }
            let places = Int(count.numerator)
            // Rounding happens in the unit the value is written in.
            let round: @Sendable (Number) throws(NumberError) -> Number = switch type.quantity ?? .plain {
            case .plain: { number throws(NumberError) in try number.rounded(places: places) }
            // Percent points at p places are the share at p + 2.
            case .percent: { number throws(NumberError) in try number.rounded(places: places + 2) }
            case .duration(let unit):
                { number throws(NumberError) in
                    let seconds = Number(unit.seconds)
                    return try number.divided(by: seconds).rounded(places: places).multiplied(by: seconds)
                }
            }
            return { frame throws(EvaluationError) in
                guard case .number(let number) = try value(frame) else { return .absent }
                do throws(NumberError) { return .number(try round(number)) } catch { throw EvaluationError(error, at: span) }
            }
        case .minimum, .maximum:
            let isMinimum = builtin == .minimum
            return { frame throws(EvaluationError) in
                var best: Number?
                for input in inputs {
                    guard case .number(let number) = try input(frame) else { return .absent }
                    if let current = best, isMinimum ? !(number < current) : !(current < number) { continue }
                    best = number
                }
                return best.map(Value.number) ?? .absent
            }
        case .clamp:
            let (value, lower, upper) = (inputs[0], inputs[1], inputs[2])
            return { frame throws(EvaluationError) in
                guard case .number(let number) = try value(frame), case .number(let low) = try lower(frame),
                      case .number(let high) = try upper(frame) else { return .absent }
                return .number(Swift.min(Swift.max(number, low), high))
            }
        case .abs:
            let value = inputs[0]
            return { frame throws(EvaluationError) in
                guard case .number(let number) = try value(frame) else { return .absent }
                guard number < .zero else { return .number(number) }
                do throws(NumberError) { return .number(try number.negated()) } catch { throw EvaluationError(error, at: span) }
            }
        case .listMinimum: return list { numbers in numbers.min().map(Value.number) ?? .absent }
        case .listMaximum: return list { numbers in numbers.max().map(Value.number) ?? .absent }
        case .count:
            let source = inputs[0]
            return { frame throws(EvaluationError) in
                switch try source(frame) {
                case .numbers(let numbers): .number(Number(Int64(numbers.count)))
                case .list(let items): .number(Number(Int64(items.count)))
                default: .absent
                }
            }
        case .sum:
            return list { numbers throws(NumberError) in try ListAggregate.Kind.sum.value(of: numbers) }
        case .mean:
            return list { numbers throws(NumberError) in try ListAggregate.Kind.mean.value(of: numbers) }
        case .median:
            return list { numbers throws(NumberError) in try ListStatistics.median(numbers).map(Value.number) ?? .absent }
        case .percentile:
            guard case .constant(.number(let rank)) = arguments[1].kind else { return { _ in .absent } }
            return list { numbers throws(NumberError) in
                try ListStatistics.percentile(numbers, rank).map(Value.number) ?? .absent
            }
        case .memberName, .memberLabel:
            let source = inputs[0]
            guard case .scale(let scale) = arguments[0].type else { return { _ in .absent } }
            let texts = scale.members.map { builtin == .memberName ? $0.name : ($0.label ?? $0.name) }
            return { frame throws(EvaluationError) in
                guard case .member(let index) = try source(frame) else { return .absent }
                return .text(texts[index])
            }
        case .countWhere, .share:
            let source = inputs[0]
            let condition = inputs[1]
            let isShare = builtin == .share
            if let test = ItemTest(arguments[1]) {
                // The common `each <= 10 min`: compare the numbers directly, without running the condition.
                return list { numbers throws(NumberError) in
                    try ListAggregate.Kind.matching(test, share: isShare).value(of: numbers)
                }
            }
            return { frame throws(EvaluationError) in
                switch try source(frame) {
                case .numbers(let numbers):
                    try Self.count(numbers.lazy.map(Value.number), where: condition, isShare: isShare, frame, span)
                case .list(let items):
                    try Self.count(items, where: condition, isShare: isShare, frame, span)
                default:
                    .absent
                }
            }
        }
    }

    /// `count(list, condition)` or `share(list, condition)`: the condition runs with `each` set to every item.
    private static func count(_ items: some Collection<Value>, where condition: CompiledExpression, isShare: Bool,
                              _ frame: Frame, _ span: SourceSpan) throws(EvaluationError) -> Value {
        try frame.spend(items.count, at: span)
        let saved = frame.each
        defer { frame.each = saved }
        var matches: Int64 = 0
        for item in items {
            frame.each = item
            if try condition(frame).isTrue { matches += 1 }
        }
        do throws(NumberError) {
            return try ListAggregate.Kind.matching(matches, of: items.count, share: isShare)
        } catch {
            throw EvaluationError(error, at: span)
        }
    }
}

/// Exact statistics over lists of numbers.
enum ListStatistics {
    /// The middle value, or the mean of the two middle values; nil for an empty list.
    static func median(_ values: [Number]) throws(NumberError) -> Number? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return try sorted[middle - 1].adding(sorted[middle]).divided(by: Number(2))
    }

    /// The nearest-rank percentile: the smallest value with at least `rank` of the values at or below it.
    static func percentile(_ values: [Number], _ rank: Number) throws(NumberError) -> Number? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = try rank.multiplied(by: Number(Int64(sorted.count))).ceiling()
        let index = Swift.max(1, Swift.min(sorted.count, Int(position.numerator)))
        return sorted[index - 1]
    }
}
