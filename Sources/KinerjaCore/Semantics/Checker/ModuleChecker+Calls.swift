/// Calls: built-in functions, and the bands, matrices and tables of the policy or its libraries.
extension ModuleChecker {
    mutating func checkCall(_ callee: Expression, _ arguments: [Argument], _ context: ExpressionContext,
                            span: SourceSpan) -> CheckedExpression {
        guard let parts = callee.qualifiedName else {
            diagnostics.append(messages.unknownFunction("?", callee.range, suggestion: nil))
            return invalid(span)
        }
        let name = parts.map(\.name).joined(separator: ".")
        if name == "weighted_mean" {
            return weightedMean(arguments, context, span: span)
        }
        for argument in arguments where argument.weight != nil {
            diagnostics.append(messages.misplacedWeight(argument.weight?.range ?? span.range))
        }
        if parts.count == 1, let builtin = BuiltinName(rawValue: name) {
            return checkBuiltin(builtin, arguments.map(\.value), context, span: span)
        }
        guard let function = lookUpFunction(parts) else {
            let candidates = BuiltinName.allCases.map(\.rawValue) + functions.keys
                + libraries.flatMap { library in library.value.signatures.keys.map { "\(library.key).\($0)" } }
            diagnostics.append(messages.unknownFunction(name, callee.range,
                                                        suggestion: Spelling.closest(to: name, in: candidates)))
            return invalid(span)
        }
        let parameters = function.signature.parameters
        guard arguments.count == parameters.count else {
            diagnostics.append(messages.argumentCount(name, expected: Self.plural(parameters.count, "argument"),
                                                      found: arguments.count, span.range))
            return invalid(span)
        }
        var checked: [CheckedExpression] = []
        for (argument, parameter) in zip(arguments, parameters) {
            let value = check(argument.value, context, expected: parameter)
            if join(value.type, parameter) == nil {
                diagnostics.append(messages.typeMismatch(expected: parameter.name, found: value.type,
                                                         argument.value.range))
            }
            checked.append(value)
        }
        let kind: CheckedExpression.Kind = switch function.signature.kind {
        case .bands: .bands(function.index, checked[0])
        case .matrix: .matrix(function.index, checked[0], checked[1])
        case .table: .table(function.index, checked)
        }
        return CheckedExpression(kind: kind, type: function.signature.result, span: span)
    }

    /// A local function, or a library's (copied into this policy's tables on first use).
    private mutating func lookUpFunction(_ parts: [Identifier]) -> FunctionReference? {
        let key = parts.map(\.name).joined(separator: ".")
        if let known = functions[key] { return known }
        guard parts.count == 2, let library = libraries[parts[0].name],
              let signature = library.signatures[parts[1].name] else { return nil }
        let reference: FunctionReference
        switch signature.kind {
        case .bands:
            guard let bandsDeclaration = library.bands[parts[1].name] else { return nil }
            reference = FunctionReference(signature: signature, index: bands.count)
            bands.append(bandsDeclaration)
        case .matrix:
            guard let matrix = library.matrices[parts[1].name] else { return nil }
            reference = FunctionReference(signature: signature, index: matrices.count)
            matrices.append(matrix)
        case .table:
            guard let table = library.tables[parts[1].name] else { return nil }
            reference = FunctionReference(signature: signature, index: tables.count)
            tables.append(table)
        }
        functions[key] = reference
        return reference
    }

    private mutating func weightedMean(_ arguments: [Argument], _ context: ExpressionContext,
                                       span: SourceSpan) -> CheckedExpression {
        if arguments.count == 1, arguments[0].weight == nil, case .indicatorsOf(let part) = arguments[0].value.kind {
            guard part.name == "capaian" else {
                diagnostics.append(messages.unknownIndicatorPart(part.name, part.range))
                return invalid(span)
            }
            indicatorsUsed = true
            for index in indicatorSyntax.indices { checkIndicator(index) }
            return CheckedExpression(kind: .indicatorMean, type: .number(.percent), span: span)
        }
        guard !arguments.isEmpty else {
            diagnostics.append(messages.argumentCount("weighted_mean", expected: "at least one argument", found: 0,
                                                      span.range))
            return invalid(span)
        }
        var pairs: [(value: CheckedExpression, weight: CheckedExpression)] = []
        var type: ValueType = .invalid
        for argument in arguments {
            let value = expectNumber(check(argument.value, context))
            if let joined = join(type, value.type) {
                type = joined
            } else {
                diagnostics.append(messages.unitMismatch("average", type, value.type, argument.value.range))
            }
            guard let weightSyntax = argument.weight else {
                diagnostics.append(messages.invalidWeight(argument.value.range))
                continue
            }
            let weight = check(weightSyntax, context)
            if case .constant(.number(let number)) = weight.kind, number > .zero, !weight.type.isDurationOrInvalid {
                pairs.append((value, weight))
            } else if weight.type != .invalid {
                diagnostics.append(messages.invalidWeight(weightSyntax.range))
            }
        }
        return CheckedExpression(kind: .weightedMean(pairs), type: type, span: span)
    }

    private mutating func checkBuiltin(_ builtin: BuiltinName, _ arguments: [Expression],
                                       _ context: ExpressionContext, span: SourceSpan) -> CheckedExpression {
        func make(_ kind: CheckedExpression.Kind, _ type: ValueType) -> CheckedExpression {
            CheckedExpression(kind: kind, type: type, span: span)
        }
        guard builtin.arity.contains(arguments.count) else {
            diagnostics.append(messages.argumentCount(builtin.rawValue, expected: builtin.arityText,
                                                      found: arguments.count, span.range))
            return invalid(span)
        }
        switch builtin {
        case .present:
            return make(.present(check(arguments[0], context)), .boolean)
        case .name, .label:
            let member = check(arguments[0], context)
            switch member.type {
            case .scale, .invalid:
                return make(.builtin(builtin == .name ? .memberName : .memberLabel, [member]), .text)
            default:
                diagnostics.append(messages.typeMismatch(expected: "a scale member", found: member.type,
                                                         arguments[0].range))
                return invalid(span)
            }
        case .round:
            let value = expectNumber(check(arguments[0], context))
            let places = arguments.count == 2 ? check(arguments[1], context) : constantNumber(0, span)
            guard case .constant(.number(let count)) = places.kind, count.isInteger,
                  count >= Number(-6), count <= Number(18) else {
                diagnostics.append(messages.notConstant("the number of decimals", places.span.range,
                                                        examples: "'2' (from -6 to 18)"))
                return invalid(span)
            }
            return make(.builtin(.round, [value, places]), value.type)
        case .min, .max:
            if arguments.count == 1 {
                let list = checkList(arguments[0], context)
                return make(.builtin(builtin == .min ? .listMinimum : .listMaximum, [list.expression]),
                            list.element)
            }
            let values = arguments.map { expectNumber(check($0, context)) }
            return make(.builtin(builtin == .min ? .minimum : .maximum, values), joinNumbers(values, span))
        case .clamp, .abs:
            let values = arguments.map { expectNumber(check($0, context)) }
            return make(.builtin(builtin == .clamp ? .clamp : .abs, values), joinNumbers(values, span))
        case .count, .share:
            let list = checkList(arguments[0], context, numeric: false)
            guard arguments.count == 2 else {
                if builtin == .share {
                    diagnostics.append(messages.argumentCount("share", expected: "2 arguments", found: 1, span.range))
                    return invalid(span)
                }
                return make(.builtin(.count, [list.expression]), .number(.plain))
            }
            var inner = context
            inner.eachType = list.element
            let condition = expect(check(arguments[1], inner), .boolean, "a condition")
            return make(.builtin(builtin == .share ? .share : .countWhere, [list.expression, condition]),
                        builtin == .share ? .number(.percent) : .number(.plain))
        case .sum, .mean, .median:
            let list = checkList(arguments[0], context)
            let kind: Builtin = builtin == .sum ? .sum : builtin == .mean ? .mean : .median
            return make(.builtin(kind, [list.expression]), list.element)
        case .percentile:
            let list = checkList(arguments[0], context)
            let rank = check(arguments[1], context)
            guard case .constant(.number(let p)) = rank.kind, rank.type == .number(.percent),
                  p >= .zero, p <= .one else {
                diagnostics.append(messages.notConstant("the percentile", rank.span.range,
                                                        examples: "'90%' (from 0% to 100%)"))
                return invalid(span)
            }
            return make(.builtin(.percentile, [list.expression, rank]), list.element)
        }
    }

    private mutating func checkList(_ expression: Expression, _ context: ExpressionContext,
                                    numeric: Bool = true) -> (expression: CheckedExpression, element: ValueType) {
        if case .indicatorsOf(let part) = expression.kind, part.name == "capaian" {
            return (indicatorCapaians(SourceSpan(path: path, range: expression.range)), .number(.percent))
        }
        let checked = check(expression, context)
        switch checked.type {
        case .list(let element):
            if numeric, !element.isNumber, element != .invalid {
                diagnostics.append(messages.typeMismatch(expected: "a list of numbers", found: checked.type,
                                                         expression.range))
                return (invalid(checked.span), .invalid)
            }
            return (checked, element)
        case .invalid:
            return (checked, .invalid)
        default:
            diagnostics.append(messages.typeMismatch(expected: "a list", found: checked.type, expression.range))
            return (invalid(checked.span), .invalid)
        }
    }

    /// `capaian of indicators` given to a list function: the capaian of the indicators that apply, in order.
    /// Every indicator is checked first, so that the evaluation plan computes them all before this list.
    private mutating func indicatorCapaians(_ span: SourceSpan) -> CheckedExpression {
        indicatorsUsed = true
        for index in indicatorSyntax.indices { checkIndicator(index) }
        return CheckedExpression(kind: .indicatorCapaians, type: .list(.number(.percent)), span: span)
    }

    private mutating func joinNumbers(_ values: [CheckedExpression], _ span: SourceSpan) -> ValueType {
        var type: ValueType = .invalid
        for value in values {
            guard let joined = join(type, value.type) else {
                diagnostics.append(messages.unitMismatch("combine", type, value.type, value.span.range))
                return .invalid
            }
            type = joined
        }
        return type
    }

    private func constantNumber(_ value: Int64, _ span: SourceSpan) -> CheckedExpression {
        CheckedExpression(kind: .constant(.number(Number(value))), type: .number(.plain), span: span)
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        CheckerMessages.count(count, noun)
    }
}

/// The built-in functions as policy staff write them.
enum BuiltinName: String, CaseIterable {
    case round, min, max, clamp, abs, count, sum, mean, median, percentile, share, present, name, label

    var arity: ClosedRange<Int> {
        switch self {
        case .round, .count: 1...2
        case .min, .max: 1...64
        case .clamp: 3...3
        case .abs, .sum, .mean, .median, .present, .name, .label: 1...1
        case .percentile, .share: 2...2
        }
    }

    var arityText: String {
        switch arity.upperBound - arity.lowerBound {
        case 0: ModuleChecker.plural(arity.lowerBound, "argument")
        case 1: "\(arity.lowerBound) or \(arity.upperBound) arguments"
        default: "\(arity.lowerBound) to \(arity.upperBound) arguments"
        }
    }
}

extension ValueType {
    var isDurationOrInvalid: Bool {
        switch self {
        case .number(.duration), .invalid: true
        default: false
        }
    }
}
