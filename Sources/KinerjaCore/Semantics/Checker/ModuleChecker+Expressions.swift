/// What an expression may refer to where it appears.
struct ExpressionContext {
    /// The indicator whose clauses are being checked: `actual` and `target` name its parts.
    var indicator: Int?
    /// The type of `each`, inside the condition of `count` or `share`.
    var eachType: ValueType?
}

/// Expressions: name resolution, type and unit inference, constant folding.
extension ModuleChecker {
    mutating func check(_ expression: Expression, _ context: ExpressionContext,
                        expected: ValueType? = nil) -> CheckedExpression {
        let span = SourceSpan(path: path, range: expression.range)
        func make(_ kind: CheckedExpression.Kind, _ type: ValueType) -> CheckedExpression {
            CheckedExpression(kind: kind, type: type, span: span)
        }
        switch expression.kind {
        case .invalid:
            return invalid(span)
        case .number(let literal):
            return numberLiteral(literal, span)
        case .string(let text):
            return make(.constant(.text(text)), .text)
        case .boolean(let value):
            return make(.constant(.boolean(value)), .boolean)
        case .date(let literal):
            guard let days = CalendarDate.days(from: literal.text) else {
                diagnostics.append(messages.invalidDate(literal.text, literal.range))
                return invalid(span)
            }
            return make(.constant(.date(days)), .date)
        case .each:
            guard let type = context.eachType else {
                diagnostics.append(messages.eachOutsideCondition(expression.range))
                return invalid(span)
            }
            return make(.each, type)
        case .name(let identifier):
            return resolveName(identifier, context, expected: expected, span: span)
        case .member:
            return resolveQualified(expression, expected: expected, span: span)
        case .call(let callee, let arguments):
            return checkCall(callee, arguments, context, span: span)
        case .unary(.negate, let operand):
            let checked = expectNumber(check(operand, context))
            if case .constant(.number(let value)) = checked.kind, let negated = try? value.negated() {
                return make(.constant(.number(negated)), checked.type)
            }
            return make(.negate(checked), checked.type)
        case .unary(.not, let operand):
            return make(.not(expect(check(operand, context), .boolean, "a condition")), .boolean)
        case .binary(let op, let left, let right):
            return checkBinary(op, left, right, context, span: span)
        case .membership(let subject, let elements):
            let checkedSubject = check(subject, context)
            let checkedElements = elements.map { element in
                let checked = check(element, context, expected: checkedSubject.type)
                if join(checkedSubject.type, checked.type) == nil {
                    diagnostics.append(messages.typeMismatch(expected: checkedSubject.type.name, found: checked.type,
                                                             element.range))
                }
                return checked
            }
            return make(.membership(checkedSubject, checkedElements), .boolean)
        case .conditional(let condition, let then, let otherwise):
            let checkedCondition = expect(check(condition, context), .boolean, "a condition")
            let first = check(then, context, expected: expected)
            let second = check(otherwise, context, expected: expected ?? first.type)
            guard let type = join(first.type, second.type) else {
                diagnostics.append(messages.typeMismatch(expected: first.type.name, found: second.type,
                                                         otherwise.range))
                return invalid(span)
            }
            return make(.conditional(checkedCondition, first, second), type)
        case .indicatorsOf(let part):
            if part.name != "capaian" {
                diagnostics.append(messages.unknownIndicatorPart(part.name, part.range))
            } else {
                diagnostics.append(messages.misplacedIndicatorList(expression.range))
            }
            return invalid(span)
        }
    }

    private mutating func numberLiteral(_ literal: NumberLiteral, _ span: SourceSpan) -> CheckedExpression {
        guard let value = numberValue(literal) else { return invalid(span) }
        switch literal.unit {
        case nil:
            return CheckedExpression(kind: .constant(.number(value)), type: .number(.plain), span: span)
        case .percent:
            guard let share = try? value.multiplied(byPowerOfTen: -2) else {
                diagnostics.append(messages.invalidNumber(literal.text, literal.range))
                return invalid(span)
            }
            return CheckedExpression(kind: .constant(.number(share)), type: .number(.percent), span: span)
        case .duration(let unitName):
            guard let unit = DurationUnit(spelling: unitName.name) else { return invalid(span) }
            guard let seconds = try? value.multiplied(by: Number(unit.seconds)) else {
                diagnostics.append(messages.invalidNumber(literal.text, literal.range))
                return invalid(span)
            }
            return CheckedExpression(kind: .constant(.number(seconds)), type: .number(.duration(unit)), span: span)
        }
    }

    // MARK: - Names

    private mutating func resolveName(_ identifier: Identifier, _ context: ExpressionContext,
                                      expected: ValueType?, span: SourceSpan) -> CheckedExpression {
        let name = identifier.name
        if let indicator = context.indicator, let part = IndicatorPart(rawValue: name) {
            let type = checkedPartType(indicator, part)
            if type == nil {
                // Read before its own clause has run (in `applies`, or `target` in `actual`): always absent.
                diagnostics.append(messages.partNotYetKnown(name, clause: currentIndicatorClause, identifier.range))
            }
            return CheckedExpression(kind: .indicatorPart(indicator: indicator, part: part), type: type ?? .invalid,
                                     span: span)
        }
        if let field = record.index(of: name) {
            return CheckedExpression(kind: .field(field), type: record.fields[field].type.valueType, span: span)
        }
        if let index = valueIndex[name] {
            usedValues.insert(index)
            guard let checked = checkValue(index) else { return invalid(span) }
            return CheckedExpression(kind: .value(index), type: checked.type, span: span)
        }
        if case .scale(let scale)? = expected, let member = scale.index(of: name) {
            return CheckedExpression(kind: .constant(.member(member)), type: .scale(scale), span: span)
        }
        if indicatorIndex[name] != nil {
            diagnostics.append(messages.notAValue(name, "an indicator", identifier.range))
            return invalid(span)
        }
        if functions[name] != nil || scales[name] != nil || libraries[name] != nil {
            diagnostics.append(messages.notAValue(name, functions[name] != nil ? "a function" : "a name space",
                                                  identifier.range))
            return invalid(span)
        }
        var candidates = record.fields.map(\.name) + Array(valueIndex.keys)
        if case .scale(let scale)? = expected { candidates += scale.members.map(\.name) }
        if context.indicator != nil { candidates += ["actual", "target"] }
        diagnostics.append(messages.unknownName(name, identifier.range,
                                                suggestion: Spelling.closest(to: name, in: candidates)))
        return invalid(span)
    }

    /// The type of an indicator's actual or target while its clauses are being checked; nil before its own clause
    /// has been checked.
    private func checkedPartType(_ indicator: Int, _ part: IndicatorPart) -> ValueType? {
        if let checked = checkedIndicators[indicator] {
            return part == .actual ? checked.actual.type : checked.target.type
        }
        return currentIndicatorPartTypes[part]
    }

    /// `scale.member` or `library.scale.member`.
    private mutating func resolveQualified(_ expression: Expression, expected: ValueType?,
                                           span: SourceSpan) -> CheckedExpression {
        guard let parts = expression.qualifiedName, parts.count >= 2 else {
            diagnostics.append(messages.notConstant("a qualified name", expression.range))
            return invalid(span)
        }
        let scaleName = parts.dropLast().map(\.name).joined(separator: ".")
        let memberName = parts[parts.count - 1]
        guard let scale = lookUpScale(scaleName) else {
            let candidates = Array(scales.keys) + libraries.flatMap { library in
                library.value.scales.keys.map { "\(library.key).\($0)" }
            }
            diagnostics.append(messages.unknownName(scaleName, parts[0].range.union(parts[parts.count - 2].range),
                                                    suggestion: Spelling.closest(to: scaleName, in: candidates)))
            return invalid(span)
        }
        guard let member = scale.index(of: memberName.name) else {
            diagnostics.append(messages.unknownMember(
                memberName.name, of: scale, memberName.range,
                suggestion: Spelling.closest(to: memberName.name, in: scale.members.map(\.name))))
            return invalid(span)
        }
        return CheckedExpression(kind: .constant(.member(member)), type: .scale(scale), span: span)
    }

    // MARK: - Operators

    private mutating func checkBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression,
                                      _ context: ExpressionContext, span: SourceSpan) -> CheckedExpression {
        func make(_ kind: CheckedExpression.Kind, _ type: ValueType) -> CheckedExpression {
            CheckedExpression(kind: kind, type: type, span: span)
        }
        switch op {
        case .and, .or:
            let lhs = expect(check(left, context), .boolean, "a condition")
            let rhs = expect(check(right, context), .boolean, "a condition")
            return make(op == .and ? .and(lhs, rhs) : .or(lhs, rhs), .boolean)
        case .orDefault:
            let lhs = check(left, context)
            let rhs = check(right, context, expected: lhs.type)
            guard let type = join(lhs.type, rhs.type) else {
                diagnostics.append(messages.typeMismatch(expected: lhs.type.name, found: rhs.type, right.range))
                return invalid(span)
            }
            return make(.orDefault(lhs, rhs), type)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            let lhs = check(left, context)
            let rhs = check(right, context, expected: lhs.type)
            return comparison(ComparisonOperator(op), lhs, rhs, left: left, right: right, span: span)
        case .add, .subtract, .multiply, .divide:
            let lhs = check(left, context)
            let rhs = check(right, context)
            return arithmetic(ArithmeticOperator(op), lhs, rhs, span: span)
        }
    }

    private mutating func comparison(_ op: ComparisonOperator, _ lhs: CheckedExpression, _ rhs: CheckedExpression,
                                     left: Expression, right: Expression, span: SourceSpan) -> CheckedExpression {
        let result = CheckedExpression(kind: .comparison(op, lhs, rhs), type: .boolean, span: span)
        guard let joined = join(lhs.type, rhs.type) else {
            if lhs.type.isNumber, rhs.type.isNumber {
                diagnostics.append(messages.unitMismatch("compare", lhs.type, rhs.type, span.range))
            } else {
                diagnostics.append(messages.invalidOperands(op.rawValue, lhs.type, rhs.type, span.range))
            }
            return invalid(span)
        }
        let ordered: Bool = switch joined {
        case .number, .date, .scale, .invalid: true
        case .text, .boolean, .list, .weightedList: false
        }
        if !ordered, op != .equal, op != .notEqual {
            diagnostics.append(messages.invalidOperands(op.rawValue, lhs.type, rhs.type, span.range))
            return invalid(span)
        }
        for (side, other, syntax) in [(lhs, rhs, left), (rhs, lhs, right)]
        where side.type == .number(.plain) && other.type == .number(.percent) {
            if case .number(let literal) = syntax.kind, literal.unit == nil, case .constant(.number(let value)) = side.kind,
               !value.isZero {
                diagnostics.append(messages.percentVersusNumber(literal.text, syntax.range))
            }
        }
        return result
    }

    mutating func arithmetic(_ op: ArithmeticOperator, _ lhs: CheckedExpression, _ rhs: CheckedExpression,
                             span: SourceSpan) -> CheckedExpression {
        let type: ValueType?
        switch (lhs.type, rhs.type) {
        case (.invalid, _), (_, .invalid):
            type = .invalid
        case (.date, .date) where op == .subtract:
            type = .number(.duration(.day))
        case (.number(let left), .number(let right)):
            type = Self.arithmeticQuantity(op, left, right).map { .number($0) }
            if type == nil {
                diagnostics.append(messages.unitMismatch(op.verb, lhs.type, rhs.type, span.range))
                return invalid(span)
            }
        default:
            type = nil
        }
        guard let type else {
            diagnostics.append(messages.invalidOperands(op.rawValue, lhs.type, rhs.type, span.range))
            return invalid(span)
        }
        if case .constant(.number(let a)) = lhs.kind, case .constant(.number(let b)) = rhs.kind,
           let folded = try? Arithmetic.apply(op, a, b) {
            return CheckedExpression(kind: .constant(.number(folded)), type: type, span: span)
        }
        return CheckedExpression(kind: .arithmetic(op, lhs, rhs), type: type, span: span)
    }

    /// The unit rules of docs/language.md; nil where the units do not combine.
    static func arithmeticQuantity(_ op: ArithmeticOperator, _ left: Quantity, _ right: Quantity) -> Quantity? {
        switch (op, left, right) {
        case (.add, .duration, .duration), (.subtract, .duration, .duration): left
        case (.add, _, _), (.subtract, _, _): left.isDuration || right.isDuration ? nil : dimensionless(left, right)
        case (.multiply, .duration, .duration): nil
        case (.multiply, .duration, _): left
        case (.multiply, _, .duration): right
        case (.multiply, _, _): dimensionless(left, right)
        case (.divide, .duration, .duration): .plain
        case (.divide, .duration, _): left
        case (.divide, _, .duration): nil
        case (.divide, .percent, .percent): .plain
        case (.divide, _, _): left
        }
    }

    private static func dimensionless(_ left: Quantity, _ right: Quantity) -> Quantity {
        left == .percent || right == .percent ? .percent : .plain
    }

    // MARK: - Type helpers

    /// The common type of two values that may stand in each other's place, or nil.
    func join(_ a: ValueType, _ b: ValueType) -> ValueType? {
        switch (a, b) {
        case (.invalid, _): b
        case (_, .invalid): a
        case (.number(let x), .number(let y)):
            switch (x, y) {
            case (.duration, .duration): a
            case (.duration, _), (_, .duration): nil
            default: .number(Self.dimensionless(x, y))
            }
        case (.list(let x), .list(let y)): join(x, y).map { .list($0) }
        default: a == b ? a : nil
        }
    }

    mutating func expect(_ expression: CheckedExpression, _ type: ValueType, _ what: String) -> CheckedExpression {
        if join(expression.type, type) == nil {
            diagnostics.append(messages.typeMismatch(expected: what, found: expression.type, expression.span.range))
            return invalid(expression.span)
        }
        return expression
    }

    mutating func expectNumber(_ expression: CheckedExpression) -> CheckedExpression {
        switch expression.type {
        case .number, .invalid: return expression
        default:
            diagnostics.append(messages.typeMismatch(expected: "a number", found: expression.type,
                                                     expression.span.range))
            return invalid(expression.span)
        }
    }

    mutating func expectDimensionless(_ expression: CheckedExpression) -> CheckedExpression {
        let checked = expectNumber(expression)
        if case .number(.duration) = checked.type {
            diagnostics.append(messages.typeMismatch(expected: "a number or percent", found: checked.type,
                                                     checked.span.range))
            return invalid(checked.span)
        }
        return checked
    }

    func invalid(_ span: SourceSpan) -> CheckedExpression {
        CheckedExpression(kind: .constant(.absent), type: .invalid, span: span)
    }
}

extension Expression {
    /// `a.b.c` as its parts, or nil when the expression is not a plain dotted name.
    var qualifiedName: [Identifier]? {
        switch kind {
        case .name(let identifier): [identifier]
        case .member(let base, let member): base.qualifiedName.map { $0 + [member] }
        default: nil
        }
    }
}

extension ComparisonOperator {
    init(_ op: BinaryOperator) {
        self = switch op {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        default: .greaterOrEqual
        }
    }
}

extension ArithmeticOperator {
    init(_ op: BinaryOperator) {
        self = switch op {
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        default: .divide
        }
    }

    var verb: String {
        switch self {
        case .add: "add"
        case .subtract: "subtract"
        case .multiply: "multiply"
        case .divide: "divide"
        }
    }
}
