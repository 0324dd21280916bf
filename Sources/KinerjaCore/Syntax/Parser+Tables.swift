/// The lookup declarations: `bands`, `matrix` and `table`, with their parameters and patterns.
extension SyntaxParser {
    // MARK: - bands

    /// `bands = "bands" NAME "(" param ")" "->" type "{" arm { arm } "}"`.
    mutating func parseBands() -> BandsDeclaration {
        advance()
        let name = expectName(.expectedName(after: "bands"))
        let parameters = parseParameters(of: "bands", count: .exactly(1))
        let resultType = parseResultType()
        var arms: [BandArm] = []
        if expect(.leftBrace, .expectedOpeningBrace(of: "the arms")) != nil {
            parseBlockItems(
                of: "the bands", expecting: { _ in .expectedArm },
                isItemStart: { $0.atArmStart }, parseItem: { arms.append($0.parseArm()) }
            )
            if arms.isEmpty {
                reportAndContinue(.expectedArm, at: SourceRange(cursor.previousEnd - 1, cursor.previousEnd))
            }
        }
        return BandsDeclaration(
            name: name, parameter: parameters.first ?? missingParameter, resultType: resultType, arms: arms
        )
    }

    private var atArmStart: Bool {
        switch current.kind {
        case .punctuation(.greaterOrEqual), .punctuation(.greater), .punctuation(.lessOrEqual), .punctuation(.less),
            .keyword(.otherwise):
            true
        default:
            canStartExpression
        }
    }

    /// `arm = ( ( ">=" | ">" | "<=" | "<" ) expr | expr "..<" expr | "otherwise" ) "->" expr`.
    private mutating func parseArm() -> BandArm {
        let start = current.range.start.utf8Offset
        let condition: BandArm.Condition
        switch current.kind {
        case .punctuation(.greaterOrEqual):
            advance()
            condition = .atLeast(parseExpression())
        case .punctuation(.greater):
            advance()
            condition = .above(parseExpression())
        case .punctuation(.lessOrEqual):
            advance()
            condition = .atMost(parseExpression())
        case .punctuation(.less):
            advance()
            condition = .below(parseExpression())
        case .keyword(.otherwise):
            advance()
            condition = .otherwise
        default:
            let lower = parseExpression()
            if take(.dotDotLess) == nil {
                reportExpected(.expectedRangeOperator)
            }
            condition = .range(lower, isRecovering ? invalidExpression : parseExpression())
        }
        // The result stops before `<`, `<=`, `>` and `>=`, which start the next arm.
        let hasResult = expect(.punctuation(.arrow), orReport: .expectedArrow(before: "the result of the arm"))
        let result = hasResult ? parseExpression(.armResult) : invalidExpression
        return BandArm(condition: condition, result: result, range: range(from: start))
    }

    // MARK: - matrix

    /// `matrix = "matrix" NAME "(" param "," param ")" "->" type "{" NAME { NAME } { NAME "|" expr { expr } } "}"`.
    mutating func parseMatrix() -> MatrixDeclaration {
        advance()
        let name = expectName(.expectedName(after: "matrix"))
        let parameters = parseParameters(of: "matrix", count: .exactly(2))
        let resultType = parseResultType()
        var columns: [Identifier] = []
        var rows: [MatrixRow] = []
        if expect(.leftBrace, .expectedOpeningBrace(of: "the grid")) != nil {
            columns = parseMatrixColumns()
            if columns.count > 1, !isRecovering, canStartExpression, !atName, let member = columns.last,
                source.isFirstOnItsLine(member.range.start.utf8Offset)
            {
                // A row whose '|' is missing reads as one more column: take it back as the row it is.
                columns.removeLast()
                reportAndContinue(.expectedRowBar(after: member.name), at: current.range)
                rows.append(parseMatrixCells(of: member))
            }
            parseBlockItems(
                of: "the matrix", expecting: { _ in .expectedMatrixRow },
                isItemStart: { $0.atName }, parseItem: { rows.append($0.parseMatrixRow()) }
            )
        }
        return MatrixDeclaration(
            name: name, row: parameters.first ?? missingParameter,
            column: parameters.dropFirst().first ?? missingParameter,
            resultType: resultType, columns: columns, rows: rows
        )
    }

    /// `NAME { NAME }`: the column members, up to the first row (a name followed by `|`).
    private mutating func parseMatrixColumns() -> [Identifier] {
        var columns: [Identifier] = []
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount), atName, !peekIs(1, .bar) {
            columns.append(identifier(advance()))
        }
        if columns.isEmpty {
            reportExpected(.expectedMatrixColumns)
        }
        return columns
    }

    /// `NAME "|" expr { expr }`.
    private mutating func parseMatrixRow() -> MatrixRow {
        let member = identifier(advance())
        if take(.bar) == nil {
            reportAndContinue(.expectedRowBar(after: member.name), at: expectedRange)
        }
        return parseMatrixCells(of: member)
    }

    /// `expr { expr }`: the cells of a row, up to the next row, which starts with a name followed by `|`.
    private mutating func parseMatrixCells(of member: Identifier) -> MatrixRow {
        var cells: [Expression] = []
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount), canStartExpression, !(atName && peekIs(1, .bar)) {
            cells.append(parseExpression())
        }
        if cells.isEmpty {
            reportExpected(.expectedMatrixCell(member.name))
        }
        return MatrixRow(member: member, cells: cells, range: range(from: member.range.start.utf8Offset))
    }

    // MARK: - table

    /// `table = "table" NAME "(" param { "," param } ")" "->" type "{" { pattern { "," pattern } "->" expr } "}"`.
    mutating func parseTable() -> TableDeclaration {
        advance()
        let name = expectName(.expectedName(after: "table"))
        let parameters = parseParameters(of: "table", count: .atLeastOne)
        let resultType = parseResultType()
        var rules: [TableRule] = []
        if expect(.leftBrace, .expectedOpeningBrace(of: "the rules")) != nil {
            parseBlockItems(
                of: "the table", expecting: { _ in .expectedTableRule },
                isItemStart: { $0.atPatternStart }, parseItem: { rules.append($0.parseTableRule()) }
            )
        }
        return TableDeclaration(name: name, parameters: parameters, resultType: resultType, rules: rules)
    }

    private var atPatternStart: Bool {
        switch current.kind {
        case .name, .punctuation(.leftBrace), .punctuation(.underscore), .keyword(.true), .keyword(.false): true
        default: false
        }
    }

    /// `pattern { "," pattern } "->" expr`.
    private mutating func parseTableRule() -> TableRule {
        let start = current.range.start.utf8Offset
        var patterns: [Pattern] = []
        var progress = LoopProgress()
        repeat {
            guard atPatternStart else {
                reportExpected(.expectedPattern)
                return TableRule(patterns: patterns, result: invalidExpression, range: range(from: start))
            }
            patterns.append(parsePattern())
        } while progress.advanced(cursor.consumedCount) && take(.comma) != nil
        let hasResult = expect(.punctuation(.arrow), orReport: .expectedArrow(before: "the result of the rule"))
        return TableRule(
            patterns: patterns, result: hasResult ? parseExpression() : invalidExpression, range: range(from: start)
        )
    }

    /// `pattern = NAME | "{" NAME { "," NAME } "}" | "_" | "true" | "false"`.
    private mutating func parsePattern() -> Pattern {
        let token = advance()
        let kind: Pattern.Kind
        switch token.kind {
        case .punctuation(.leftBrace):
            var members = [expectName(.expectedName(after: "{"))]
            var progress = LoopProgress()
            while progress.advanced(cursor.consumedCount), take(.comma) != nil {
                members.append(expectName(.expectedName(after: ",")))
            }
            expectClosing(.rightBrace, .expectedClosingBrace(of: "the set of members"))
            kind = .members(members)
        case .punctuation(.underscore): kind = .any
        case .keyword(.true): kind = .boolean(true)
        case .keyword(.false): kind = .boolean(false)
        default: kind = .member(identifier(token))
        }
        return Pattern(kind: kind, range: range(from: token.range.start.utf8Offset))
    }

    // MARK: - parameters and result type

    /// How many parameters a kind of declaration takes.
    enum ParameterCount {
        case exactly(Int)
        case atLeastOne
    }

    /// `"(" param { "," param } ")"`, checked against the number of parameters `declaration` takes.
    private mutating func parseParameters(of declaration: String, count: ParameterCount) -> [Parameter] {
        let start = current.range.start.utf8Offset
        guard expect(.leftParen, .expectedParameterList(of: declaration)) != nil else { return [] }
        var parameters = [parseParameter()]
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount), take(.comma) != nil {
            parameters.append(parseParameter())
        }
        expectClosing(.rightParen, .expectedClosingParen(of: "the parameter list"))
        if case .exactly(let expected) = count, parameters.count != expected {
            reportAndContinue(
                .wrongParameterCount(declaration, expected: expected, found: parameters.count), at: range(from: start)
            )
        }
        return parameters
    }

    /// `param = NAME ":" type`.
    private mutating func parseParameter() -> Parameter {
        let name = expectName(.expectedParameter)
        if take(.colon) == nil {
            guard atName, !isRecovering else {
                reportExpected(.expectedColon(after: name.name))
                return Parameter(name: name, type: missingType)
            }
            reportAndContinue(.expectedColon(after: name.name), at: expectedRange)
        }
        return Parameter(name: name, type: parseType())
    }

    /// `"->" type`, the result type of bands, matrices and tables.
    private mutating func parseResultType() -> TypeExpression {
        if take(.arrow) == nil {
            guard atName, !isRecovering else {
                reportExpected(.expectedArrow(before: "the result type"))
                return missingType
            }
            reportAndContinue(.expectedArrow(before: "the result type"), at: expectedRange)
        }
        return parseType()
    }

    private var missingParameter: Parameter {
        Parameter(name: missingIdentifier, type: missingType)
    }
}
