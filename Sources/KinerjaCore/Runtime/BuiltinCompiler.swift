/// Compiles calls of the built-in functions. List functions read numbers straight from the list.
struct BuiltinCompiler {
    let compiler: Compiler

    func compile(_ builtin: Builtin, _ arguments: [CheckedExpression], type: ValueType,
                 span: SourceSpan) -> CompiledExpression {
        let inputs = arguments.map(compiler.compile)
        func numbers(_ body: @escaping @Sendable ([Number]) throws(NumberError) -> Value) -> CompiledExpression {
            { frame throws(EvaluationError) in
                var values: [Number] = []
                values.reserveCapacity(inputs.count)
                for input in inputs {
                    guard case .number(let number) = try input(frame) else { return .absent }
                    values.append(number)
                }
                do throws(NumberError) { return try body(values) } catch { throw EvaluationError(error, at: span) }
            }
        }
        func list(_ body: @escaping @Sendable ([Number]) throws(NumberError) -> Value) -> CompiledExpression {
            let source = inputs[0]
            return { frame throws(EvaluationError) in
                guard case .list(let items) = try source(frame) else { return .absent }
                var values: [Number] = []
                values.reserveCapacity(items.count)
                for case .number(let number) in items { values.append(number) }
                do throws(NumberError) { return try body(values) } catch { throw EvaluationError(error, at: span) }
            }
        }
        switch builtin {
        case .round:
            let divisor = (type.quantity ?? .plain).displayDivisor
            return numbers { values throws(NumberError) in
                let places = Int(values[1].numerator)
                let shown = try values[0].divided(by: divisor).rounded(places: places)
                return .number(try shown.multiplied(by: divisor))
            }
        case .minimum: return numbers { values in values.min().map(Value.number) ?? .absent }
        case .maximum: return numbers { values in values.max().map(Value.number) ?? .absent }
        case .clamp: return numbers { values in .number(Swift.min(Swift.max(values[0], values[1]), values[2])) }
        case .abs: return numbers { values throws(NumberError) in
            .number(values[0] < .zero ? try values[0].negated() : values[0])
        }
        case .listMinimum: return list { values in values.min().map(Value.number) ?? .absent }
        case .listMaximum: return list { values in values.max().map(Value.number) ?? .absent }
        case .count:
            let source = inputs[0]
            return { frame throws(EvaluationError) in
                guard case .list(let items) = try source(frame) else { return .absent }
                return .number(Number(Int64(items.count)))
            }
        case .sum:
            return list { values throws(NumberError) in .number(try ListStatistics.sum(values)) }
        case .mean:
            return list { values throws(NumberError) in
                values.isEmpty ? .absent : .number(try ListStatistics.sum(values).divided(by: Number(Int64(values.count))))
            }
        case .median:
            return list { values throws(NumberError) in try ListStatistics.median(values).map(Value.number) ?? .absent }
        case .percentile:
            guard case .constant(.number(let rank)) = arguments[1].kind else { return { _ in .absent } }
            return list { values throws(NumberError) in
                try ListStatistics.percentile(values, rank).map(Value.number) ?? .absent
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
            if let (op, limit) = Self.eachComparedWithConstant(arguments[1]) {
                // The common `each <= 10 min`: compare the numbers directly, without running the condition.
                return { frame throws(EvaluationError) in
                    guard case .list(let items) = try source(frame) else { return .absent }
                    var matches: Int64 = 0
                    for case .number(let item) in items where op.holds(item.compare(limit)) { matches += 1 }
                    return try Self.countResult(matches, of: items.count, isShare: isShare, span: span)
                }
            }
            return { frame throws(EvaluationError) in
                guard case .list(let items) = try source(frame) else { return .absent }
                let saved = frame.each
                defer { frame.each = saved }
                var matches: Int64 = 0
                for item in items {
                    frame.each = item
                    if try condition(frame).isTrue { matches += 1 }
                }
                return try Self.countResult(matches, of: items.count, isShare: isShare, span: span)
            }
        }
    }

    /// The count of matching items, or their share of the list (absent for an empty list).
    private static func countResult(_ matches: Int64, of count: Int, isShare: Bool,
                                    span: SourceSpan) throws(EvaluationError) -> Value {
        guard isShare else { return .number(Number(matches)) }
        guard count > 0 else { return .absent }
        do throws(NumberError) {
            return .number(try Number(numerator: matches, denominator: Int64(count)))
        } catch {
            throw EvaluationError(error, at: span)
        }
    }

    /// `each OP constant` (or `constant OP each`), as the operator to apply to `item.compare(constant)`.
    private static func eachComparedWithConstant(_ condition: CheckedExpression) -> (ComparisonOperator, Number)? {
        guard case .comparison(let op, let left, let right) = condition.kind else { return nil }
        switch (left.kind, right.kind) {
        case (.each, .constant(.number(let limit))): return (op, limit)
        case (.constant(.number(let limit)), .each): return (op.mirrored, limit)
        default: return nil
        }
    }
}

/// Exact statistics over lists of numbers.
enum ListStatistics {
    static func sum(_ values: [Number]) throws(NumberError) -> Number {
        var total = Number.zero
        for value in values { total = try total.adding(value) }
        return total
    }

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
