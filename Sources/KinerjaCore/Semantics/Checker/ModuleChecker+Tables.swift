/// Decision tables: every combination of inputs must match exactly one rule.
extension ModuleChecker {
    static let maximumTableCombinations = 4096

    mutating func checkTable(_ declaration: TableDeclaration) {
        var parameterTypes: [ValueType] = []
        for parameter in declaration.parameters {
            guard let type = resolveType(parameter.type) else { return }
            switch type.valueType {
            case .scale, .boolean: parameterTypes.append(type.valueType)
            default:
                diagnostics.append(messages.tableParameter(type.valueType, parameter.type.range))
                return
            }
        }
        guard let resultFieldType = resolveType(declaration.resultType) else { return }
        let resultType = resultFieldType.valueType
        let dimensions = parameterTypes.map { type in
            if case .scale(let scale) = type { return scale.members.count }
            return 2
        }
        let total = dimensions.reduce(1) { $0 * $1 }
        guard total <= Self.maximumTableCombinations else {
            diagnostics.append(messages.tooManyCombinations(total, declaration.name.range))
            return
        }
        var cells = [(result: Value, rule: Int)](repeating: (.absent, 0), count: total)
        var reportedPairs = Set<[Int]>()
        for (ruleNumber, rule) in zip(1..., declaration.rules) {
            guard rule.patterns.count == parameterTypes.count else {
                diagnostics.append(messages.patternCount(expected: parameterTypes.count, found: rule.patterns.count,
                                                         rule.range))
                continue
            }
            let choices = zip(rule.patterns, parameterTypes).map { patternIndices($0, $1) }
            guard !choices.contains(where: { $0 == nil }),
                  let result = tableResult(rule.result, expected: resultType) else { continue }
            for combination in Self.combinations(choices.compactMap { $0 }) {
                let cell = Self.cellIndex(combination, dimensions)
                let previous = cells[cell].rule
                if previous != 0 {
                    if reportedPairs.insert([previous, ruleNumber]).inserted {
                        diagnostics.append(messages.tableOverlap(
                            describe(combination, parameterTypes), rules: (previous, ruleNumber), rule.range))
                    }
                    continue
                }
                cells[cell] = (result, ruleNumber)
            }
        }
        let missing = cells.indices.filter { cells[$0].rule == 0 }
        if let first = missing.first {
            diagnostics.append(messages.tableUncovered(
                describe(Self.combination(ofCell: first, dimensions), parameterTypes), count: missing.count,
                declaration.name.range))
        }
        let index = tables.count
        let parameters = zip(declaration.parameters, parameterTypes).map { TableParameter(name: $0.name.name, type: $1) }
        tables.append(CheckedTable(name: declaration.name.name, parameters: parameters, dimensions: dimensions,
                                   cells: cells, resultType: resultType))
        functions[declaration.name.name] = FunctionReference(
            signature: FunctionSignature(kind: .table, parameters: parameterTypes, result: resultType), index: index)
    }

    private mutating func tableResult(_ expression: Expression, expected: ValueType) -> Value? {
        let checked = check(expression, ExpressionContext(), expected: expected)
        guard case .constant(let value) = checked.kind, checked.type != .invalid else {
            if checked.type != .invalid { diagnostics.append(messages.notConstant("a table result", expression.range)) }
            return nil
        }
        guard join(checked.type, expected) != nil else {
            diagnostics.append(messages.typeMismatch(expected: expected.name, found: checked.type, expression.range))
            return nil
        }
        return value
    }

    /// The input values a pattern matches, as indices; nil after reporting an invalid pattern.
    private mutating func patternIndices(_ pattern: Pattern, _ type: ValueType) -> [Int]? {
        switch (pattern.kind, type) {
        case (.any, .scale(let scale)): return Array(scale.members.indices)
        case (.any, _): return [0, 1]
        case (.boolean(let flag), .boolean): return [flag ? 1 : 0]
        case (.member(let name), .scale(let scale)): return memberIndex(name, scale).map { [$0] }
        case (.members(let names), .scale(let scale)):
            let indices = names.map { memberIndex($0, scale) }
            return indices.contains { $0 == nil } ? nil : indices.compactMap { $0 }
        default:
            diagnostics.append(messages.typeMismatch(expected: type.name, found: .invalid, pattern.range))
            return nil
        }
    }

    private mutating func memberIndex(_ name: Identifier, _ scale: Scale) -> Int? {
        guard let index = scale.index(of: name.name) else {
            diagnostics.append(messages.unknownMember(
                name.name, of: scale, name.range,
                suggestion: Spelling.closest(to: name.name, in: scale.members.map(\.name))))
            return nil
        }
        return index
    }

    private func describe(_ combination: [Int], _ types: [ValueType]) -> String {
        zip(combination, types).map { value, type in
            if case .scale(let scale) = type { return scale.members[value].name }
            return value == 1 ? "true" : "false"
        }.joined(separator: ", ")
    }

    /// Row-major position of a combination; the runtime computes the same.
    static func cellIndex(_ combination: [Int], _ dimensions: [Int]) -> Int {
        zip(combination, dimensions).reduce(0) { $0 * $1.1 + $1.0 }
    }

    /// The combination of inputs at a row-major position; the inverse of `cellIndex`.
    static func combination(ofCell cell: Int, _ dimensions: [Int]) -> [Int] {
        var remaining = cell
        var result = [Int](repeating: 0, count: dimensions.count)
        for position in dimensions.indices.reversed() {
            result[position] = remaining % dimensions[position]
            remaining /= dimensions[position]
        }
        return result
    }

    private static func combinations(_ choices: [[Int]]) -> [[Int]] {
        choices.reduce([[]]) { partial, options in
            partial.flatMap { prefix in options.map { prefix + [$0] } }
        }
    }
}
