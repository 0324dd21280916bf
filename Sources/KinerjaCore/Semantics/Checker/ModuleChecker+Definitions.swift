/// Indicators, values, outputs and recommendations: the per-record definitions of a policy.
extension ModuleChecker {
    // MARK: - Values

    /// Checks a value on first use and returns its slot; reports a cycle if it is reached while being checked.
    mutating func checkValue(_ index: Int) -> CheckedExpression? {
        switch valueState[index] {
        case .done:
            return checkedValues[index]?.expression
        case .checking:
            let name = valueSyntax[index].name
            let cycleStart = checkingStack.firstIndex(of: name.name) ?? 0
            diagnostics.append(messages.cycle(Array(checkingStack[cycleStart...]) + [name.name], name.range))
            return nil
        case .unchecked:
            break
        }
        valueState[index] = .checking
        let syntax = valueSyntax[index]
        let savedPath = path
        path = syntax.path
        checkingStack.append(syntax.name.name)
        let expression = check(syntax.expression, ExpressionContext())
        checkingStack.removeLast()
        path = savedPath
        checkedValues[index] = CheckedValue(name: syntax.name.name, label: syntax.label?.value, expression: expression,
                                            expressionText: sourceText(syntax.expression))
        valueState[index] = .done
        plan.append(.value(index))
        return expression
    }

    // MARK: - Indicators

    mutating func checkIndicator(_ index: Int) {
        guard indicatorState[index] == .unchecked else {
            if indicatorState[index] == .checking {
                let name = indicatorSyntax[index].declaration.name
                diagnostics.append(messages.cycle(checkingStack + [name.name], name.range))
            }
            return
        }
        indicatorState[index] = .checking
        let syntax = indicatorSyntax[index]
        let savedPath = path
        path = syntax.path
        checkingStack.append(syntax.declaration.name.name)
        defer {
            checkingStack.removeLast()
            path = savedPath
            indicatorState[index] = .done
        }
        var clauses: [String: IndicatorClause] = [:]
        var clausePaths: [String: String] = [:]
        for (clause, clausePath) in zip(syntax.declaration.clauses, syntax.clausePaths) {
            let keyword = clause.kind.keyword
            if clauses[keyword] != nil, keyword != "source" {
                path = clausePath
                diagnostics.append(messages.repeatedClause(keyword, clause.range))
            }
            if clauses[keyword] == nil {
                clauses[keyword] = clause
                clausePaths[keyword] = clausePath
            }
        }
        /// Diagnostics and quoted text of a clause refer to the file it was written in.
        func enter(_ keyword: String) {
            path = clausePaths[keyword] ?? syntax.path
            currentIndicatorClause = keyword
        }
        let name = syntax.declaration.name
        let context = ExpressionContext(indicator: index)
        // `actual` and `target` have a type only once their clause is checked (and a value only once it has run):
        // never the type of the indicator checked before this one.
        currentIndicatorPartTypes = [:]
        var applies: CheckedExpression?
        var appliesText: String?
        if case .applies(let expression)? = clauses["applies"]?.kind {
            enter("applies")
            applies = expect(check(expression, context), .boolean, "a condition")
            appliesText = sourceText(expression)
        }
        guard case .actual(let actualSyntax)? = clauses["actual"]?.kind else {
            path = syntax.path
            diagnostics.append(messages.missingClause("actual", name.name, name.range))
            return
        }
        enter("actual")
        let actual = expectNumber(check(actualSyntax, context))
        let actualText = sourceText(actualSyntax)
        currentIndicatorPartTypes[.actual] = actual.type
        var target = CheckedExpression(kind: .constant(.absent), type: actual.type, span: actual.span)
        var targetText: String?
        if case .target(let targetSyntax)? = clauses["target"]?.kind {
            enter("target")
            target = expectNumber(check(targetSyntax, context))
            targetText = sourceText(targetSyntax)
            if join(actual.type, target.type) == nil {
                diagnostics.append(messages.unitMismatch("compare", actual.type, target.type, target.span.range))
            }
        } else if clauses["capaian"] == nil {
            path = syntax.path
            diagnostics.append(messages.missingClause("target", name.name, name.range))
        }
        currentIndicatorPartTypes = [.actual: actual.type, .target: target.type]
        var direction = Direction.higher
        if case .better(let word)? = clauses["better"]?.kind, let parsed = Direction(rawValue: word.name) {
            direction = parsed  // the parser accepts only 'higher' and 'lower'
        }
        var capaian: CheckedExpression
        var capaianText: String?
        let isDefault: Bool
        if case .capaian(let capaianSyntax)? = clauses["capaian"]?.kind {
            enter("capaian")
            capaian = expectDimensionless(check(capaianSyntax, context))
            capaianText = sourceText(capaianSyntax)
            isDefault = false
        } else {
            capaian = defaultCapaian(index, actual: actual, target: target, direction: direction)
            isDefault = true
        }
        capaian.type = .number(.percent)
        var cap: CheckedExpression?
        var capText: String?
        if case .cap(let capSyntax)? = clauses["cap"]?.kind {
            enter("cap")
            cap = expectDimensionless(check(capSyntax, context))
            capText = sourceText(capSyntax)
        }
        var weight = Number.zero
        if case .weight(let weightSyntax)? = clauses["weight"]?.kind {
            enter("weight")
            let checked = check(weightSyntax, context)
            if case .constant(.number(let value)) = checked.kind, value > .zero, checked.type.quantity == .plain {
                weight = value
            } else if checked.type != .invalid {
                diagnostics.append(messages.invalidWeight(weightSyntax.range))
            }
        } else {
            path = syntax.path
            diagnostics.append(messages.missingClause("weight", name.name, name.range))
        }
        path = syntax.path
        var sources: [String] = []
        var description: String?
        for clause in syntax.declaration.clauses {
            if case .source(let text) = clause.kind { sources.append(text.value) }
            if case .description(let text) = clause.kind { description = text.value }
        }
        checkedIndicators[index] = CheckedIndicator(
            name: name.name, label: syntax.declaration.label?.value, description: description, sources: sources,
            applies: applies, appliesText: appliesText, actual: actual, actualText: actualText,
            target: target, targetText: targetText, direction: direction, capaian: capaian, capaianText: capaianText,
            isDefaultCapaian: isDefault, cap: cap, capText: capText, weight: weight,
            span: SourceSpan(path: path, range: name.range))
        plan.append(.indicator(index))
    }

    /// actual / target when higher is better; max(0, 2 − actual / target) when lower is better.
    private func defaultCapaian(_ index: Int, actual: CheckedExpression, target: CheckedExpression,
                                direction: Direction) -> CheckedExpression {
        let span = actual.span
        let ratio = CheckedExpression(
            kind: .arithmetic(.divide,
                              CheckedExpression(kind: .indicatorPart(indicator: index, part: .actual),
                                                type: actual.type, span: actual.span),
                              CheckedExpression(kind: .indicatorPart(indicator: index, part: .target),
                                                type: target.type, span: target.span)),
            type: .number(.percent), span: span)
        guard direction == .lower else { return ratio }
        let two = CheckedExpression(kind: .constant(.number(Number(2))), type: .number(.percent), span: span)
        let zero = CheckedExpression(kind: .constant(.number(.zero)), type: .number(.percent), span: span)
        let difference = CheckedExpression(kind: .arithmetic(.subtract, two, ratio), type: .number(.percent),
                                           span: span)
        return CheckedExpression(kind: .builtin(.maximum, [zero, difference]), type: .number(.percent), span: span)
    }

    // MARK: - Outputs and recommendations

    mutating func checkOutputs() -> [Int] {
        var outputs: [Int] = []
        var written: Set<String> = []
        for item in module.declarations {
            guard case .output(let output) = item.declaration.kind else { continue }
            path = item.path
            for entry in output.entries {
                guard !written.contains(entry.name.name) else {
                    diagnostics.append(messages.duplicateDeclaration(entry.name.name, entry.name.range, first: nil))
                    continue
                }
                written.insert(entry.name.name)
                if let key = record.keyIndex, record.fields[key].name == entry.name.name, valueIndex[entry.name.name] == nil {
                    diagnostics.append(messages.keyInOutput(entry.name.name, entry.name.range))
                } else if let index = valueIndex[entry.name.name] {
                    _ = checkValue(index)
                    usedValues.insert(index)
                    outputs.append(index)
                } else if let field = record.index(of: entry.name.name) {
                    // Writing a record field as it is: make it a value of its own.
                    usedValues.insert(checkedValues.count)
                    let type = record.fields[field].type.valueType
                    let span = SourceSpan(path: path, range: entry.name.range)
                    let index = checkedValues.count
                    valueSyntax.append((entry.name, entry.label, Expression(kind: .name(entry.name),
                                                                             range: entry.name.range), path))
                    valueState.append(.done)
                    checkedValues.append(CheckedValue(name: entry.name.name, label: entry.label?.value,
                                                      expression: CheckedExpression(kind: .field(field), type: type,
                                                                                    span: span),
                                                      expressionText: entry.name.name))
                    plan.append(.value(index))
                    outputs.append(index)
                } else {
                    diagnostics.append(messages.outputWithoutValue(entry.name.name, entry.name.range))
                }
            }
        }
        return outputs
    }

    mutating func checkRecommendations() -> [CheckedRecommendation] {
        var result: [CheckedRecommendation] = []
        for item in module.declarations {
            guard case .recommend(let recommend) = item.declaration.kind else { continue }
            path = item.path
            let condition = expect(check(recommend.condition, ExpressionContext()), .boolean, "a condition")
            result.append(CheckedRecommendation(name: recommend.name.name, label: recommend.label?.value,
                                                condition: condition, conditionText: sourceText(recommend.condition)))
        }
        return result
    }

    // MARK: - Warnings

    mutating func warnAboutUse() {
        path = module.path
        let indicators = checkedIndicators.compactMap { $0 }
        // An indicator without a valid weight was reported already; its sum would only repeat that.
        if !indicators.isEmpty, !indicators.contains(where: { $0.weight.isZero }) {
            var sum = Number.zero
            for indicator in indicators { sum = (try? sum.adding(indicator.weight)) ?? sum }
            if sum != Number(100) {
                diagnostics.append(messages.weightsNotHundred(sum, module.syntax.name.range))
            }
            if !indicatorsUsed {
                diagnostics.append(messages.indicatorsUnused(module.syntax.name.range))
            }
        }
        for (index, syntax) in valueSyntax.enumerated() where !usedValues.contains(index) {
            path = syntax.path
            diagnostics.append(messages.unusedValue(syntax.name.name, syntax.name.range))
        }
    }
}
