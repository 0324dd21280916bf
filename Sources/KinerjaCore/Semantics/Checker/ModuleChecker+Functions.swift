/// Bands, matrices and decision tables: their declarations and the analyses of docs/language.md.
extension ModuleChecker {
    // MARK: - Bands

    mutating func checkBands(_ declaration: BandsDeclaration) {
        guard let parameterType = resolveType(declaration.parameter.type),
              let resultFieldType = resolveType(declaration.resultType) else { return }
        guard case .number(let quantity) = parameterType.valueType else {
            diagnostics.append(messages.bandParameter(parameterType.valueType, declaration.parameter.type.range))
            return
        }
        let resultType = resultFieldType.valueType
        let domain = Self.domain(of: parameterType)
        var arms: [CheckedBandArm] = []
        var covered: [BandInterval] = []
        var previousThreshold: (interval: BandInterval, text: String, isLower: Bool)?
        var ok = true
        for arm in declaration.arms {
            let text = armText(arm)
            guard let interval = armInterval(arm, quantity: quantity),
                  let result = constant(arm.result, expected: resultType, what: "a band's result") else {
                ok = false
                continue
            }
            let reachable = interval.intersection(domain)
            if let previous = previousThreshold, interval.isWithin(previous.interval),
               (interval.lower != nil) == previous.isLower, arm.condition.isThreshold {
                diagnostics.append(messages.bandOutOfOrder(text, after: previous.text, arm.range))
                ok = false
            } else if BandCoverage.firstGap(in: reachable, coveredBy: covered) == nil {
                diagnostics.append(messages.unreachableArm(text, arm.range))
            } else if case .range = arm.condition,
                      covered.contains(where: { !$0.intersection(reachable).isEmpty }) {
                diagnostics.append(messages.bandOverlap(text, arm.range))
            }
            if arm.condition.isThreshold {
                previousThreshold = (interval, text, interval.lower != nil)
            }
            covered.append(interval)
            arms.append(CheckedBandArm(lower: interval.lower, upper: interval.upper, result: result, text: text))
        }
        if ok, let gap = BandCoverage.firstGap(in: domain, coveredBy: covered) {
            diagnostics.append(messages.bandGap(BandCoverage.describe(gap, quantity), declaration.name.range))
        }
        let index = bands.count
        bands.append(CheckedBands(name: declaration.name.name, parameter: declaration.parameter.name.name,
                                  arms: arms, resultType: resultType))
        functions[declaration.name.name] = FunctionReference(
            signature: FunctionSignature(kind: .bands, parameters: [.number(quantity)], result: resultType),
            index: index)
    }

    /// The values a parameter can take: a score's range, counts from 0, anything otherwise.
    private static func domain(of type: FieldType) -> BandInterval {
        switch type {
        case .score(let lower, let upper):
            BandInterval(lower: BandBound(value: lower, isInclusive: true),
                         upper: BandBound(value: upper, isInclusive: true))
        case .count: BandInterval(lower: BandBound(value: .zero, isInclusive: true), upper: nil)
        default: .everything
        }
    }

    private mutating func armInterval(_ arm: BandArm, quantity: Quantity) -> BandInterval? {
        func bound(_ expression: Expression, inclusive: Bool) -> BandBound? {
            guard let value = threshold(expression, quantity: quantity) else { return nil }
            return BandBound(value: value, isInclusive: inclusive)
        }
        switch arm.condition {
        case .otherwise: return .everything
        case .atLeast(let e): return bound(e, inclusive: true).map { BandInterval(lower: $0, upper: nil) }
        case .above(let e): return bound(e, inclusive: false).map { BandInterval(lower: $0, upper: nil) }
        case .atMost(let e): return bound(e, inclusive: true).map { BandInterval(lower: nil, upper: $0) }
        case .below(let e): return bound(e, inclusive: false).map { BandInterval(lower: nil, upper: $0) }
        case .range(let from, let to):
            guard let lower = bound(from, inclusive: true), let upper = bound(to, inclusive: false) else { return nil }
            guard lower.value < upper.value else {
                diagnostics.append(messages.bandOutOfOrder(armText(arm), after: "its own start", arm.range))
                return nil
            }
            return BandInterval(lower: lower, upper: upper)
        }
    }

    private mutating func threshold(_ expression: Expression, quantity: Quantity) -> Number? {
        let checked = check(expression, ExpressionContext())
        guard case .constant(.number(let value)) = checked.kind else {
            if checked.type != .invalid { diagnostics.append(messages.notConstant("a threshold", expression.range)) }
            return nil
        }
        guard let joined = join(checked.type, .number(quantity)), case .number = joined else {
            diagnostics.append(messages.unitMismatch("compare", .number(quantity), checked.type, expression.range))
            return nil
        }
        if quantity == .percent, checked.type == .number(.plain), !value.isZero,
           case .number(let literal) = expression.kind {
            diagnostics.append(messages.percentVersusNumber(literal.text, expression.range))
        }
        return value
    }

    /// A constant of the expected type: a literal, a scale member, a text.
    private mutating func constant(_ expression: Expression, expected: ValueType, what: String) -> Value? {
        let checked = check(expression, ExpressionContext(), expected: expected)
        guard case .constant(let value) = checked.kind, checked.type != .invalid else {
            if checked.type != .invalid { diagnostics.append(messages.notConstant(what, expression.range)) }
            return nil
        }
        guard join(checked.type, expected) != nil else {
            diagnostics.append(messages.typeMismatch(expected: expected.name, found: checked.type, expression.range))
            return nil
        }
        return value
    }

    private func armText(_ arm: BandArm) -> String {
        switch arm.condition {
        case .otherwise: return "otherwise"
        case .atLeast(let e): return ">= " + e.shortText
        case .above(let e): return "> " + e.shortText
        case .atMost(let e): return "<= " + e.shortText
        case .below(let e): return "< " + e.shortText
        case .range(let a, let b): return a.shortText + " ..< " + b.shortText
        }
    }

    // MARK: - Matrices

    mutating func checkMatrix(_ declaration: MatrixDeclaration) {
        guard let rowType = resolveType(declaration.row.type), let columnType = resolveType(declaration.column.type),
              let resultFieldType = resolveType(declaration.resultType) else { return }
        guard case .scale(let rowScale) = rowType, case .scale(let columnScale) = columnType else {
            let (badType, badSyntax) = if case .scale = rowType {
                (columnType, declaration.column.type)
            } else {
                (rowType, declaration.row.type)
            }
            diagnostics.append(messages.matrixParameter(badType.valueType, badSyntax.range))
            return
        }
        let resultType = resultFieldType.valueType
        let columnIndices = memberIndices(declaration.columns, of: columnScale, kind: "column",
                                          range: declaration.name.range)
        var cells = [[Value]](repeating: [Value](repeating: .absent, count: columnScale.members.count),
                              count: rowScale.members.count)
        let rowIndices = memberIndices(declaration.rows.map(\.member), of: rowScale, kind: "row",
                                       range: declaration.name.range)
        for (row, rowIndex) in zip(declaration.rows, rowIndices) {
            guard row.cells.count == declaration.columns.count else {
                diagnostics.append(messages.cellCount(expected: declaration.columns.count, found: row.cells.count,
                                                      row.range))
                continue
            }
            for (cell, columnIndex) in zip(row.cells, columnIndices) {
                guard let value = constant(cell, expected: resultType, what: "a matrix cell"),
                      let rowIndex, let columnIndex else { continue }
                cells[rowIndex][columnIndex] = value
            }
        }
        let index = matrices.count
        matrices.append(CheckedMatrix(name: declaration.name.name, rowParameter: declaration.row.name.name,
                                      rowScale: rowScale, columnParameter: declaration.column.name.name,
                                      columnScale: columnScale, cells: cells, resultType: resultType))
        functions[declaration.name.name] = FunctionReference(
            signature: FunctionSignature(kind: .matrix, parameters: [.scale(rowScale), .scale(columnScale)],
                                         result: resultType),
            index: index)
    }

    /// Maps written member names to their indices; reports unknown, repeated and missing members.
    private mutating func memberIndices(_ names: [Identifier], of scale: Scale, kind: String,
                                        range: SourceRange) -> [Int?] {
        var seen = Set<Int>()
        let indices: [Int?] = names.map { name in
            guard let index = scale.index(of: name.name) else {
                diagnostics.append(messages.unknownMember(
                    name.name, of: scale, name.range,
                    suggestion: Spelling.closest(to: name.name, in: scale.members.map(\.name))))
                return nil
            }
            if !seen.insert(index).inserted {
                diagnostics.append(messages.repeatedMember(kind, name.name, name.range))
                return nil
            }
            return index
        }
        for (index, member) in scale.members.enumerated() where !seen.contains(index) {
            diagnostics.append(messages.missingMember(kind, member.name, range))
        }
        return indices
    }
}

extension Expression {
    /// A short rendering of a constant as written, for messages and explanations: `90%`, `10 min`, `above`.
    var shortText: String {
        switch kind {
        case .number(let literal):
            switch literal.unit {
            case nil: return literal.text
            case .percent: return literal.text + "%"
            case .duration(let unit): return literal.text + " " + unit.name
            }
        case .unary(.negate, let operand): return "-" + operand.shortText
        case .name(let identifier): return identifier.name
        case .member(let base, let member): return base.shortText + "." + member.name
        case .string(let text): return "\"" + text + "\""
        case .boolean(let flag): return flag ? "true" : "false"
        default: return "…"
        }
    }
}

extension BandArm.Condition {
    /// Whether the arm is a one-sided threshold (`>=`, `>`, `<=`, `<`).
    var isThreshold: Bool {
        switch self {
        case .atLeast, .above, .atMost, .below: true
        case .range, .otherwise: false
        }
    }
}
