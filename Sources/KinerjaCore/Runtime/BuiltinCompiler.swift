/// Compiles calls of the built-in functions. None allocates per call except `median` and `percentile`, which
/// sort a copy of their list.
struct BuiltinCompiler {
    let compiler: Compiler

    func compile(_ builtin: Builtin, _ arguments: [CheckedExpression], type: ValueType,
                 span: SourceSpan) -> CompiledExpression {
        let inputs = arguments.map(compiler.compile)
        /// A function of the numbers of a list; absent when the list is.
        func list(_ function: ListFunction) -> CompiledExpression {
            let source = inputs[0]
            return { frame throws(EvaluationError) in
                let list = try source(frame)
                switch list {
                case .numbers(let numbers): try frame.spend(numbers.count, at: span)
                case .list(let items): try frame.spend(items.count, at: span)
                default: return .absent
                }
                do throws(NumberError) { return try function.value(of: list) } catch { throw EvaluationError(error, at: span) }
            }
        }
        switch builtin {
        case .round:
            let value = inputs[0]
            guard case .constant(.number(let count)) = arguments[1].kind else { return { _ in .absent } }
            let places = Int(count.numerator), quantity = type.quantity ?? .plain
            let exact: @Sendable ([ExactNumber]) throws(NumberError) -> ExactNumber = { numbers throws(NumberError) in
                try Self.round(numbers[0], places, quantity)
            }
            let general: CompiledExpression = { frame throws(EvaluationError) in
                switch try value(frame) {
                case .number(let number):
                    do throws(NumberError) { return .number(try Self.round(number, places, quantity)) } catch {}
                    return try Compiler.exactly(.number(number), at: span, exact)
                case let input:
                    return try Compiler.exactly(input, at: span, exact)
                }
            }
            guard let operand = InPlaceOperand(arguments[0]) else { return general }
            return { frame throws(EvaluationError) in
                if let number = operand.number(in: frame), let rounded = try? Self.round(number, places, quantity) {
                    return .number(rounded)
                }
                return try general(frame)
            }
        case .minimum, .maximum:
            let isMinimum = builtin == .minimum
            return { frame throws(EvaluationError) in
                var best = Value.absent
                for input in inputs {
                    let value = try input(frame)
                    guard value.exactNumber != nil else { return .absent }
                    if let order = ValueOrder.compare(value, best), isMinimum ? order >= 0 : order <= 0 { continue }
                    best = value
                }
                return best
            }
        case .clamp:
            let (value, lower, upper) = (inputs[0], inputs[1], inputs[2])
            return { frame throws(EvaluationError) in
                guard let number = try value(frame).exactNumber, let low = try lower(frame).exactNumber,
                      let high = try upper(frame).exactNumber else { return .absent }
                return Swift.min(Swift.max(number, low), high).value
            }
        case .abs:
            let value = inputs[0]
            return { frame throws(EvaluationError) in
                let input = try value(frame)
                if let number = input.exactNumber, number.signum >= 0 { return input }
                return try Compiler.exactly(input, at: span) { numbers throws(NumberError) in try numbers[0].negated() }
            }
        case .listMinimum: return list(.minimum)
        case .listMaximum: return list(.maximum)
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
            return list(.aggregate(.sum))
        case .mean:
            return list(.aggregate(.mean))
        case .median:
            return list(.median)
        case .percentile:
            guard case .constant(.number(let rank)) = arguments[1].kind else { return { _ in .absent } }
            return list(.percentile(rank))
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
                return list(.aggregate(.matching(test, share: isShare)))
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

    /// `round(number, places)` for a number in `quantity`: rounding happens in the unit the value is written in.
    private static func round<T: ExactArithmetic>(_ number: T, _ places: Int, _ quantity: Quantity) throws(NumberError) -> T {
        switch quantity {
        case .plain: return try number.rounded(places: places)
        // Percent points at p places are the share at p + 2.
        case .percent: return try number.rounded(places: places + 2)
        case .duration(let unit):
            let seconds = T.lifted(Number(unit.seconds))
            return try number.divided(by: seconds).rounded(places: places).multiplied(by: seconds)
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
