/// Expressions, types and literals as layout documents, with the fewest parentheses that keep the tree the same.
///
/// The syntax tree does not remember parentheses: the formatter adds them where precedence requires them, around a
/// bands arm's result that contains `<`, `<=`, `>` or `>=` (required there, since those operators start the next
/// arm), and in three places for the reader only: around an operator expression after `not`
/// (`not (unit in {"a"})`, which `not unit in {…}` would mean too, but reads as `(not unit) in …`), around a
/// comparison next to `??` (`(a <= b) ?? false`), and around an `if` that is the condition or the `then` branch of
/// another `if`.
/// Long lines break after `(` of a call or `{` of a set, one item per line, before `and`, `or`, `+`, `-`, and
/// before `then` and `else`.
enum ExpressionLayout {
    /// The binding strength of an expression, loosest first, as in the grammar.
    enum Precedence: Int, Comparable {
        case conditional, or, and, not, orDefault, comparison, sum, product, prefix, postfix

        static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }

        init(of expression: Expression) {
            switch expression.kind {
            case .conditional: self = .conditional
            case .binary(let op, _, _): self = Precedence(of: op)
            case .membership: self = .comparison
            case .unary(.not, _): self = .not
            case .unary(.negate, _): self = .prefix
            default: self = .postfix
            }
        }

        init(of op: BinaryOperator) {
            switch op {
            case .or: self = .or
            case .and: self = .and
            case .orDefault: self = .orDefault
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: self = .comparison
            case .add, .subtract: self = .sum
            case .multiply, .divide: self = .product
            }
        }

        var next: Precedence { Precedence(rawValue: rawValue + 1) ?? .postfix }
    }

    static func document(_ expression: Expression) -> Document {
        switch expression.kind {
        case .number(let literal): .text(number(literal))
        case .string(let value): .text(quoted(value))
        case .date(let date): .text(date.text)
        case .boolean(let value): .text(value ? "true" : "false")
        case .each: .text("each")
        case .name(let name): .text(name.name)
        case .member(let base, let member): .sequence([operand(base, atLeast: .postfix), .text("." + member.name)])
        case .call(let callee, let arguments): call(callee, arguments)
        case .unary(.negate, let operand): negation(operand)
        case .unary(.not, let operand): .sequence([.text("not "), notOperand(operand)])
        case .binary(let op, _, _): binary(op, expression)
        case .membership(let value, let set):
            .sequence([operand(value, atLeast: .sum), .text(" in "), list(set.map(document), open: "{", close: "}")])
        case .conditional(let condition, let then, let otherwise):
            .group(.sequence([
                .text("if "), branch(condition),
                .nest(.sequence([.line, .text("then "), branch(then), .line, .text("else "), document(otherwise)])),
            ]))
        case .indicatorsOf(let name): .text(name.name + " of indicators")
        case .invalid: .text("")
        }
    }

    /// `heading expression`, such as `nilai "Nilai" = round(x, 2)`, laid out from `indent`: on one line when it fits;
    /// else with the expression on the next line, indented, when it fits there; else the expression breaks itself.
    static func assignment(_ heading: String, _ expression: Expression, indent: Int) -> Document {
        let value = document(expression)
        guard indent + 2 + value.flatText.count <= DocumentPrinter.lineWidth else {
            return .sequence([.text(heading + " "), value])
        }
        return .group(.sequence([.text(heading), .nest(.sequence([.line, value]))]))
    }

    /// The result of a bands arm: parenthesised when a comparison in it would end it early when read back.
    static func armResult(_ expression: Expression) -> Document {
        exposesOrderComparison(expression) ? parenthesised(document(expression)) : document(expression)
    }

    private static func exposesOrderComparison(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .binary(.less, _, _), .binary(.lessOrEqual, _, _), .binary(.greater, _, _), .binary(.greaterOrEqual, _, _):
            true
        case .binary(.and, let left, let right), .binary(.or, let left, let right):
            exposesOrderComparison(left) || exposesOrderComparison(right)
        case .binary(.orDefault, let left, let right):
            [left, right].contains { Precedence(of: $0) != .comparison && exposesOrderComparison($0) }
        case .unary(.not, let operand):
            if case .unary(.not, _) = operand.kind { exposesOrderComparison(operand) } else { false }
        case .conditional(_, let then, let otherwise):
            exposesOrderComparison(then) || exposesOrderComparison(otherwise)
        default:
            false
        }
    }

    // MARK: - Operators

    private static func binary(_ op: BinaryOperator, _ expression: Expression) -> Document {
        let precedence = Precedence(of: op)
        switch precedence {
        case .or, .and:
            return chain(expression, precedence: precedence, isMember: { $0 == op })
        case .sum:
            return chain(expression, precedence: precedence, isMember: { $0 == .add || $0 == .subtract })
        default:
            guard case .binary(_, let left, let right) = expression.kind else { return document(expression) }
            let operands: (Document, Document) = switch precedence {
            case .comparison: (operand(left, atLeast: .sum), operand(right, atLeast: .sum))
            case .orDefault: (defaultOperand(left, atLeast: .comparison), defaultOperand(right, atLeast: .orDefault))
            default: (operand(left, atLeast: precedence), operand(right, atLeast: precedence.next))
            }
            return .sequence([operands.0, .text(" \(op.rawValue) "), operands.1])
        }
    }

    /// A left-associative chain such as `a and b and c` or `a + b - c`, breaking before each operator when long.
    private static func chain(
        _ expression: Expression, precedence: Precedence, isMember: (BinaryOperator) -> Bool
    ) -> Document {
        var links: [(BinaryOperator, Expression)] = []
        var first = expression
        while case .binary(let op, let left, let right) = first.kind, isMember(op) {
            links.append((op, right))
            first = left
        }
        var rest: [Document] = []
        for (op, right) in links.reversed() {
            rest += [.line, .text(op.rawValue + " "), operand(right, atLeast: precedence.next)]
        }
        // A chain that starts the chain (`a and b` in `a and b or c`) breaks one level deeper than it.
        var firstOperand = operand(first, atLeast: precedence)
        if case .binary(let op, _, _) = first.kind, [.and, .or, .add, .subtract].contains(op) {
            firstOperand = .nest(firstOperand)
        }
        return .group(.sequence([firstOperand, .nest(.sequence(rest))]))
    }

    private static func operand(_ expression: Expression, atLeast minimum: Precedence) -> Document {
        Precedence(of: expression) < minimum ? parenthesised(document(expression)) : document(expression)
    }

    /// An operand of `??`: a comparison in it is parenthesised, since `a < b ?? c` reads as `a < (b ?? c)`.
    private static func defaultOperand(_ expression: Expression, atLeast minimum: Precedence) -> Document {
        guard Precedence(of: expression) != .comparison else { return parenthesised(document(expression)) }
        return operand(expression, atLeast: minimum)
    }

    private static func notOperand(_ expression: Expression) -> Document {
        switch expression.kind {
        case .binary, .membership: parenthesised(document(expression))
        default: operand(expression, atLeast: .not)
        }
    }

    /// `-x`; `- -x` when the operand is itself negated, since `--` would read as one token in other languages.
    private static func negation(_ operand: Expression) -> Document {
        if case .unary(.negate, _) = operand.kind {
            return .sequence([.text("- "), document(operand)])
        }
        return .sequence([.text("-"), self.operand(operand, atLeast: .prefix)])
    }

    /// The condition or `then` branch of an `if`: parenthesised when it is an `if` itself, which is legal bare but
    /// hard to read (`if (if a then b else c) then …`). An `if` in the `else` branch stays bare: `else if`.
    private static func branch(_ expression: Expression) -> Document {
        if case .conditional = expression.kind { return parenthesised(document(expression)) }
        return document(expression)
    }

    private static func parenthesised(_ document: Document) -> Document {
        .sequence([.text("("), document, .text(")")])
    }

    // MARK: - Calls and lists

    private static func call(_ callee: Expression, _ arguments: [Argument]) -> Document {
        let argumentDocuments = arguments.map { argument -> Document in
            guard let weight = argument.weight else { return document(argument.value) }
            return .sequence([document(argument.value), .text(": "), document(weight)])
        }
        return .sequence([operand(callee, atLeast: .postfix), list(argumentDocuments, open: "(", close: ")")])
    }

    /// `(a, b)` or `{a, b}` on one line, or one item per line when too long.
    static func list(_ items: [Document], open: String, close: String) -> Document {
        guard !items.isEmpty else { return .text(open + close) }
        return .group(.sequence([
            .text(open),
            .nest(.sequence([.softLine, .joined(items, separator: [.text(","), .line])])),
            .softLine, .text(close),
        ]))
    }

    // MARK: - Literals and types

    static func number(_ literal: NumberLiteral) -> String {
        switch literal.unit {
        case nil: literal.text
        case .percent: literal.text + "%"
        case .duration(let unit): literal.text + " " + unit.name
        }
    }

    /// A string in double quotes with the escapes of the language: `\"`, `\\`, `\n` and `\t`.
    static func quoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
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
        case .score(let lower, let upper): "score(\(lower.text)..\(upper.text))"
        case .duration(let unit): "duration(\(unit.name))"
        case .list(let element): "list of " + Self.type(element)
        case .named(let name): name.name
        }
    }
}
