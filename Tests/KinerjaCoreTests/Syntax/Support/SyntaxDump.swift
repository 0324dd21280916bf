@testable import KinerjaCore

/// Writes syntax trees as compact S-expressions without source ranges, for exact comparisons in tests.
///
/// Two trees that dump alike have the same structure; the formatter's structure-preservation test relies on that.
enum SyntaxDump {
    static func file(_ file: SyntaxFile) -> String {
        var lines = ["(\(file.kind.rawValue) \(file.name.name)\(label(file.label))"]
        lines += file.metadata.map { "  " + metadata($0) }
        lines += file.declarations.map { "  " + declaration($0) }
        return lines.joined(separator: "\n") + ")"
    }

    static func metadata(_ clause: MetadataClause) -> String {
        switch clause.kind {
        case .source(let text): "(source \(string(text.value)))"
        case .owner(let text): "(owner \(string(text.value)))"
        case .version(let text): "(version \(string(text.value)))"
        case .description(let text): "(description \(string(text.value)))"
        case .effective(let from, let to): "(effective \(from.text) \(to.text))"
        case .uses(let names): "(uses \(names.map(\.name).joined(separator: " ")))"
        case .extends(let name): "(extends \(name.name))"
        case .period(let name): "(period \(name.name))"
        }
    }

    static func declaration(_ declaration: Declaration) -> String {
        let body: String
        switch declaration.kind {
        case .scale(let scale):
            let members = scale.members.map { "(\($0.name.name)\(label($0.label)))" }
            body = "(scale \(scale.name.name)\(label(scale.label)) \(members.joined(separator: " ")))"
        case .bands(let bands):
            let arms = bands.arms.map(arm).joined(separator: " ")
            body = "(bands \(bands.name.name) \(parameter(bands.parameter)) \(type(bands.resultType)) \(arms))"
        case .matrix(let matrix):
            let rows = matrix.rows.map { row in
                "(\(row.member.name) | \(row.cells.map(expression).joined(separator: " ")))"
            }
            body = "(matrix \(matrix.name.name) \(parameter(matrix.row)) \(parameter(matrix.column)) "
                + "\(type(matrix.resultType)) [\(matrix.columns.map(\.name).joined(separator: " "))] "
                + rows.joined(separator: " ") + ")"
        case .table(let table):
            let rules = table.rules.map { rule in
                "((\(rule.patterns.map(pattern).joined(separator: " "))) \(expression(rule.result)))"
            }
            body = "(table \(table.name.name) \(table.parameters.map(parameter).joined(separator: " ")) "
                + "\(type(table.resultType)) \(rules.joined(separator: " ")))"
        case .record(let record):
            body = "(record \(record.fields.map(field).joined(separator: " ")))"
        case .indicator(let indicator):
            let clauses = indicator.clauses.map(clause).joined(separator: " ")
            body = "(indicator \(indicator.name.name)\(label(indicator.label)) \(clauses))"
        case .value(let value):
            body = "(value \(value.name.name)\(label(value.label)) \(expression(value.expression)))"
        case .output(let output):
            let entries = output.entries.map { entry in
                "(\(entry.name.name)\(label(entry.label))\(entry.expression.map { " " + expression($0) } ?? ""))"
            }
            body = "(output \(entries.joined(separator: " ")))"
        case .recommend(let recommend):
            body = "(recommend \(recommend.name.name)\(label(recommend.label)) \(expression(recommend.condition)))"
        }
        return declaration.isOverride ? "(override \(body))" : body
    }

    static func arm(_ arm: BandArm) -> String {
        let result = expression(arm.result)
        switch arm.condition {
        case .atLeast(let threshold): return "(>= \(expression(threshold)) \(result))"
        case .above(let threshold): return "(> \(expression(threshold)) \(result))"
        case .atMost(let threshold): return "(<= \(expression(threshold)) \(result))"
        case .below(let threshold): return "(< \(expression(threshold)) \(result))"
        case .range(let lower, let upper): return "(..< \(expression(lower)) \(expression(upper)) \(result))"
        case .otherwise: return "(otherwise \(result))"
        }
    }

    static func pattern(_ pattern: Pattern) -> String {
        switch pattern.kind {
        case .member(let name): name.name
        case .members(let names): "{\(names.map(\.name).joined(separator: " "))}"
        case .boolean(let value): "\(value)"
        case .any: "_"
        }
    }

    static func parameter(_ parameter: Parameter) -> String {
        "(\(parameter.name.name) \(type(parameter.type)))"
    }

    static func field(_ field: FieldDeclaration) -> String {
        let modifiers = (field.isOptional ? " optional" : "") + (field.isKey ? " key" : "")
        return "(\(field.name.name) \(type(field.type))\(modifiers)\(label(field.label)))"
    }

    static func clause(_ clause: IndicatorClause) -> String {
        switch clause.kind {
        case .description(let text): "(description \(string(text.value)))"
        case .source(let text): "(source \(string(text.value)))"
        case .applies(let condition): "(applies \(expression(condition)))"
        case .actual(let value): "(actual \(expression(value)))"
        case .target(let value): "(target \(expression(value)))"
        case .better(let direction): "(better \(direction.name))"
        case .capaian(let value): "(capaian \(expression(value)))"
        case .cap(let value): "(cap \(expression(value)))"
        case .weight(let value): "(weight \(expression(value)))"
        }
    }

    static func type(_ type: TypeExpression) -> String {
        switch type.kind {
        case .text: "text"
        case .number: "number"
        case .integer: "integer"
        case .count: "count"
        case .boolean: "boolean"
        case .date: "date"
        case .percent: "percent"
        case .score(let lower, let upper): "(score \(lower.text) \(upper.text))"
        case .duration(let unit): "(duration \(unit.name))"
        case .list(let element): "(list \(Self.type(element)))"
        case .named(let name): name.name.isEmpty ? "<missing>" : name.name
        }
    }

    static func expression(_ expression: Expression) -> String {
        switch expression.kind {
        case .number(let literal): number(literal)
        case .string(let value): string(value)
        case .date(let date): date.text
        case .boolean(let value): "\(value)"
        case .each: "each"
        case .name(let name): name.name
        case .member(let base, let member): "(. \(Self.expression(base)) \(member.name))"
        case .call(let callee, let arguments):
            "(call \(Self.expression(callee))\(arguments.map { " " + argument($0) }.joined()))"
        case .unary(let op, let operand): "(\(op == .negate ? "neg" : "not") \(Self.expression(operand)))"
        case .binary(let op, let left, let right):
            "(\(op.rawValue) \(Self.expression(left)) \(Self.expression(right)))"
        case .membership(let value, let set):
            "(in \(Self.expression(value)) {\(set.map(Self.expression).joined(separator: " "))})"
        case .conditional(let condition, let then, let otherwise):
            "(if \(Self.expression(condition)) \(Self.expression(then)) \(Self.expression(otherwise)))"
        case .indicatorsOf(let name): "(of \(name.name) indicators)"
        case .invalid: "<invalid>"
        }
    }

    static func argument(_ argument: Argument) -> String {
        guard let weight = argument.weight else { return expression(argument.value) }
        return "(: \(expression(argument.value)) \(expression(weight)))"
    }

    static func number(_ literal: NumberLiteral) -> String {
        switch literal.unit {
        case nil: literal.text
        case .percent: literal.text + "%"
        case .duration(let unit): "\(literal.text)[\(unit.name)]"
        }
    }

    // MARK: - Test files

    static func testFile(_ file: TestFileSyntax) -> String {
        var lines = ["(tests \(file.policy.name)"]
        for testCase in file.cases {
            lines.append("  (case \(string(testCase.name.value)) (record \(json(testCase.record)))")
            lines += testCase.expectations.map { "    " + expectation($0) }
            lines[lines.count - 1] += ")"
        }
        return lines.joined(separator: "\n") + ")"
    }

    static func json(_ value: JSONLiteral) -> String {
        switch value.kind {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .number(let text): text
        case .string(let text): string(text)
        case .array(let items): "[\(items.map(json).joined(separator: " "))]"
        case .object(let members): "{\(members.map { "\(string($0.key.value)): \(json($0.value))" }.joined(separator: " "))}"
        }
    }

    static func expectation(_ expectation: Expectation) -> String {
        switch expectation.kind {
        case .equals(let name, let literal): "(expect \(name.name) = \(expectedLiteral(literal)))"
        case .recommends(let name, let isRecommended): "(expect \(isRecommended ? "" : "not ")recommend \(name.name))"
        case .error(let fragment): "(expect error \(string(fragment.value)))"
        }
    }

    static func expectedLiteral(_ literal: ExpectedLiteral) -> String {
        switch literal.kind {
        case .number(let number, let isNegative): (isNegative ? "-" : "") + Self.number(number)
        case .string(let text): string(text)
        case .member(let name): name.name
        case .boolean(let value): "\(value)"
        case .absent: "absent"
        case .invalid: "<invalid>"
        }
    }

    // MARK: - Pieces

    private static func label(_ label: StringLiteral?) -> String {
        label.map { " " + string($0.value) } ?? ""
    }

    /// A string in double quotes, with `"`, `\` and line breaks escaped so that the dump stays on one line.
    static func string(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }
}
