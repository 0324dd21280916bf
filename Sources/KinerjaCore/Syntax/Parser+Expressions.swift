/// Expressions, one function per precedence level of the grammar, loosest first:
/// `if` < `or` < `and` < `not` < `??` < comparisons and `in` < `+ -` < `* /` < unary `-` < postfix `.` and calls.
extension SyntaxParser {
    /// Where an expression stands, when that changes where it ends.
    enum ExpressionContext {
        case standard
        /// The result of a bands arm: it ends before `<`, `<=`, `>` and `>=`, which start the next arm
        /// (`>= 90% -> meets  >= 80% -> below`). A comparison there must be written in parentheses.
        case armResult
    }

    /// `expr = "if" expr "then" expr "else" expr | or`.
    mutating func parseExpression(_ context: ExpressionContext = .standard) -> Expression {
        guard enterNesting() else { return invalidExpression }
        defer { leaveNesting() }
        return at(.if) ? parseConditional(context) : parseOr(context)
    }

    private mutating func parseConditional(_ context: ExpressionContext) -> Expression {
        let start = advance().range.start.utf8Offset
        let condition = parseExpression()
        var thenBranch = invalidExpression
        var elseBranch = invalidExpression
        if expect(.keyword(.then), orReport: .expectedThen) {
            thenBranch = parseExpression(context)
            if expect(.keyword(.else), orReport: .expectedElse) {
                elseBranch = parseExpression(context)
            }
        }
        return Expression(
            kind: .conditional(condition: condition, then: thenBranch, else: elseBranch), range: range(from: start)
        )
    }

    /// `or = and { "or" and }`.
    private mutating func parseOr(_ context: ExpressionContext) -> Expression {
        var left = parseAnd(context)
        var levels = 0
        defer { leaveNesting(levels) }
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount), take(.or) != nil {
            guard enterNesting() else { return invalidExpression }
            levels += 1
            left = binary(.or, left, parseAnd(context))
        }
        return left
    }

    /// `and = not { "and" not }`.
    private mutating func parseAnd(_ context: ExpressionContext) -> Expression {
        var left = parseNot(context)
        var levels = 0
        defer { leaveNesting(levels) }
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount), take(.and) != nil {
            guard enterNesting() else { return invalidExpression }
            levels += 1
            left = binary(.and, left, parseNot(context))
        }
        return left
    }

    /// `not = "not" not | default`.
    private mutating func parseNot(_ context: ExpressionContext) -> Expression {
        guard at(.not) else { return parseDefault(context) }
        guard enterNesting() else { return invalidExpression }
        defer { leaveNesting() }
        let start = advance().range.start.utf8Offset
        let operand = parseNot(context)
        return Expression(kind: .unary(.not, operand), range: range(from: start))
    }

    /// `default = compare [ "??" default ]`.
    private mutating func parseDefault(_ context: ExpressionContext) -> Expression {
        let left = parseCompare(context)
        guard take(.questionQuestion) != nil else { return left }
        guard enterNesting() else { return invalidExpression }
        defer { leaveNesting() }
        return binary(.orDefault, left, parseDefault(context))
    }

    /// `compare = sum [ ( "=" | "!=" | "<" | "<=" | ">" | ">=" ) sum | "in" set ]`.
    ///
    /// Comparisons do not chain: `a < b < c` is reported, then read as `(a < b) < c` to carry on.
    private mutating func parseCompare(_ context: ExpressionContext) -> Expression {
        var left = parseSum()
        var isFirst = true
        var levels = 0
        defer { leaveNesting(levels) }
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount), at(.in) || comparisonOperator(in: context) != nil {
            guard enterNesting() else { return invalidExpression }
            levels += 1
            let comparison = comparisonOperator(in: context)
            let operatorToken = advance()
            if let comparison {
                left = binary(comparison, left, parseSum())
            } else {
                let (elements, end) = parseSet()
                let membershipRange = SourceRange(left.range.start.utf8Offset, end)
                left = Expression(kind: .membership(left, elements), range: membershipRange)
            }
            if !isFirst {
                reportAndContinue(.chainedComparison(text(of: operatorToken)), at: operatorToken.range)
            }
            isFirst = false
        }
        return left
    }

    /// The comparison operator at the current token, if any the context allows.
    private func comparisonOperator(in context: ExpressionContext) -> BinaryOperator? {
        switch current.kind {
        case .punctuation(.equal): .equal
        case .punctuation(.notEqual): .notEqual
        case .punctuation(.less) where context == .standard: .less
        case .punctuation(.lessOrEqual) where context == .standard: .lessOrEqual
        case .punctuation(.greater) where context == .standard: .greater
        case .punctuation(.greaterOrEqual) where context == .standard: .greaterOrEqual
        default: nil
        }
    }

    /// `set = "{" [ expr { "," expr } ] "}"`; returns the elements and the end of the set.
    private mutating func parseSet() -> ([Expression], Int) {
        guard expect(.leftBrace, .expectedSet) != nil else { return ([], cursor.previousEnd) }
        var elements: [Expression] = []
        if !at(.rightBrace) {
            elements.append(parseExpression())
            var progress = LoopProgress()
            while progress.advanced(cursor.consumedCount), take(.comma) != nil {
                elements.append(parseExpression())
            }
        }
        expectClosing(.rightBrace, .expectedClosingBrace(of: "the set"))
        return (elements, cursor.previousEnd)
    }

    /// `sum = product { ( "+" | "-" ) product }`.
    private mutating func parseSum() -> Expression {
        var left = parseProduct()
        var levels = 0
        defer { leaveNesting(levels) }
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount), at(.plus) || at(.minus) {
            guard enterNesting() else { return invalidExpression }
            levels += 1
            let op: BinaryOperator = advance().kind == .punctuation(.plus) ? .add : .subtract
            left = binary(op, left, parseProduct())
        }
        return left
    }

    /// `product = unary { ( "*" | "/" ) unary }`.
    private mutating func parseProduct() -> Expression {
        var left = parseUnary()
        var levels = 0
        defer { leaveNesting(levels) }
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount), at(.star) || at(.slash) {
            guard enterNesting() else { return invalidExpression }
            levels += 1
            let op: BinaryOperator = advance().kind == .punctuation(.star) ? .multiply : .divide
            left = binary(op, left, parseUnary())
        }
        return left
    }

    /// `unary = "-" unary | postfix`.
    private mutating func parseUnary() -> Expression {
        guard at(.minus) else { return parsePostfix() }
        guard enterNesting() else { return invalidExpression }
        defer { leaveNesting() }
        let start = advance().range.start.utf8Offset
        let operand = parseUnary()
        return Expression(kind: .unary(.negate, operand), range: range(from: start))
    }

    /// `postfix = primary { "." NAME | "(" [ argument { "," argument } ] ")" }`.
    private mutating func parsePostfix() -> Expression {
        var expression = parsePrimary()
        let start = expression.range.start.utf8Offset
        var levels = 0
        defer { leaveNesting(levels) }
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount), at(.dot) || at(.leftParen) {
            guard enterNesting() else { return invalidExpression }
            levels += 1
            if take(.dot) != nil {
                let member = expectName(.expectedName(after: "."))
                expression = Expression(kind: .member(expression, member), range: range(from: start))
            } else {
                let arguments = parseArguments()
                let call = Expression.Kind.call(callee: expression, arguments: arguments)
                expression = Expression(kind: call, range: range(from: start))
            }
        }
        return expression
    }

    /// `"(" [ argument { "," argument } ] ")"` with `argument = expr [ ":" expr ]`.
    private mutating func parseArguments() -> [Argument] {
        advance()
        var arguments: [Argument] = []
        if !at(.rightParen) {
            var progress = LoopProgress()
            repeat {
                let value = parseExpression()
                let weight = take(.colon) != nil ? parseExpression() : nil
                arguments.append(Argument(value: value, weight: weight))
            } while progress.advanced(cursor.consumedCount) && take(.comma) != nil
        }
        expectClosing(.rightParen, .expectedClosingParen(of: "the argument list"))
        return arguments
    }

    /// `primary = NUMBER [ "%" | UNIT ] | STRING | DATE | "true" | "false" | "each" | NAME "of" "indicators" | NAME
    /// | "(" expr ")"`.
    private mutating func parsePrimary() -> Expression {
        let token = current
        let start = token.range.start.utf8Offset
        let kind: Expression.Kind
        switch token.kind {
        case .number:
            let literal = parseNumberLiteral()
            return Expression(kind: .number(literal), range: literal.range)
        case .string:
            advance()
            kind = .string(Lexer.stringValue(of: token, in: source))
        case .date:
            advance()
            kind = .date(DateLiteral(text: text(of: token), range: token.range))
        case .keyword(.true), .keyword(.false):
            advance()
            kind = .boolean(token.kind == .keyword(.true))
        case .keyword(.each):
            advance()
            kind = .each
        case .name:
            advance()
            kind = atName("of") ? parseIndicatorsOf(token) : .name(identifier(token))
        case .punctuation(.leftParen):
            advance()
            let inner = parseExpression()
            expectClosing(.rightParen, .expectedClosingParen(of: "the parenthesised expression"))
            return Expression(kind: inner.kind, range: range(from: start))
        case .keyword(.if):
            reportAndContinue(.conditionalNeedsParentheses, at: token.range)
            return parseExpression()
        default:
            reportExpected(.expectedExpression)
            return invalidExpression
        }
        return Expression(kind: kind, range: range(from: start))
    }

    /// `"of" "indicators"` after a name, as in `capaian of indicators`.
    private mutating func parseIndicatorsOf(_ nameToken: Token) -> Expression.Kind {
        advance()
        if atName("indicators") {
            advance()
        } else {
            reportExpected(.expectedIndicators(after: text(of: nameToken)))
        }
        return .indicatorsOf(identifier(nameToken))
    }

    /// `NUMBER [ "%" | UNIT ]`: the current token is a number.
    mutating func parseNumberLiteral() -> NumberLiteral {
        let token = advance()
        var unit: NumberLiteral.Unit?
        if take(.percent) != nil {
            unit = .percent
        } else if atUnitAfterNumber() {
            unit = .duration(identifier(advance()))
        }
        return NumberLiteral(text: text(of: token), unit: unit, range: range(from: token.range.start.utf8Offset))
    }

    /// Whether the current token is the unit of the number before it: a unit word that is not followed by `=`, `|`
    /// or a string, which would make it the name of the next value, output entry or matrix row instead.
    private mutating func atUnitAfterNumber() -> Bool {
        guard atName, Self.unitWords.contains(text(of: current)) else { return false }
        let next = peek(1).kind
        return next != .punctuation(.equal) && next != .punctuation(.bar) && next != .string
    }

    /// Whether the current token can start an expression.
    var canStartExpression: Bool {
        switch current.kind {
        case .number, .string, .date, .name, .keyword(.true), .keyword(.false), .keyword(.each), .keyword(.not),
            .keyword(.if), .punctuation(.leftParen), .punctuation(.minus):
            true
        default:
            false
        }
    }

    /// Stands for an expression that is missing, at the end of the last token read.
    var invalidExpression: Expression {
        Expression(kind: .invalid, range: SourceRange(cursor.previousEnd, cursor.previousEnd))
    }

    private func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression) -> Expression {
        Expression(kind: .binary(op, left, right), range: left.range.union(right.range))
    }
}
