/// The declarations of a rules or policy file other than bands, matrices and tables: `scale`, `record`, `indicator`,
/// values, `output` and `recommend`, and the `override` prefix.
extension SyntaxParser {
    /// The words that start a clause inside an indicator, such as `target` in `target 90%`.
    static let indicatorClauseWords: Set<String> = [
        "description", "source", "applies", "actual", "target", "better", "capaian", "cap", "weight",
    ]

    /// `declaration = scale | bands | matrix | table | record | indicator | value | output | recommend
    /// | "override" ( indicator | value | bands | matrix | table )`.
    ///
    /// Returns nil only for an `override` that is followed by nothing it could apply to.
    mutating func parseDeclaration(in fileKind: FileKind) -> Declaration? {
        let start = current.range.start.utf8Offset
        let isOverride = take(.override) != nil
        if isOverride, case .keyword(let keyword) = current.kind,
            [Keyword.scale, .record, .output, .recommend].contains(keyword)
        {
            reportAndContinue(.notOverridable(keyword.rawValue), at: current.range)
        }
        if fileKind == .rules, atName || current.kind.isPolicyOnlyKeyword {
            reportAndContinue(.onlyInPolicies(atName ? "a value" : "'\(text(of: current))'"), at: current.range)
        }
        let kind: Declaration.Kind
        switch current.kind {
        case .keyword(.scale): kind = .scale(parseScale())
        case .keyword(.bands): kind = .bands(parseBands())
        case .keyword(.matrix): kind = .matrix(parseMatrix())
        case .keyword(.table): kind = .table(parseTable())
        case .keyword(.record): kind = .record(parseRecord())
        case .keyword(.indicator): kind = .indicator(parseIndicator())
        case .keyword(.output): kind = .output(parseOutput())
        case .keyword(.recommend): kind = .recommend(parseRecommend())
        case .name: kind = .value(parseValue())
        default:
            reportExpected(.expectedOverridable)
            return nil
        }
        return Declaration(kind: kind, isOverride: isOverride, range: range(from: start))
    }

    // MARK: - scale

    /// `scale = "scale" NAME [ STRING ] "{" member { "," member } "}"`.
    private mutating func parseScale() -> ScaleDeclaration {
        advance()
        let name = expectName(.expectedName(after: "scale"))
        let label = takeString()
        var members: [ScaleMemberDeclaration] = []
        if expect(.leftBrace, .expectedOpeningBrace(of: "the scale's members")) != nil {
            members = parseScaleMembers()
        }
        return ScaleDeclaration(name: name, label: label, members: members)
    }

    /// `member { "," member } "}"`: at least one member, separated by commas, then the closing brace.
    private mutating func parseScaleMembers() -> [ScaleMemberDeclaration] {
        var members: [ScaleMemberDeclaration] = []
        var expectsMember = true
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount) {
            if isRecovering, !atResumePoint(orWords: []) { synchronize() }
            if at(.rightBrace) || atTopLevelBoundary {
                if expectsMember { reportExpected(.expectedScaleMember) }
                break
            }
            guard atName else {
                reportExpected(.expectedScaleMember)
                synchronize()
                continue
            }
            isRecovering = false
            let name = identifier(advance())
            members.append(ScaleMemberDeclaration(name: name, label: takeString()))
            expectsMember = take(.comma) != nil
            if !expectsMember, !at(.rightBrace) {
                reportExpected(.expectedCommaBetweenMembers)
                expectsMember = true
            }
        }
        expect(.rightBrace, .expectedClosingBrace(of: "the scale"))
        return members
    }

    // MARK: - record

    /// `record = "record" "{" { NAME type { "optional" | "key" } [ STRING ] } "}"`.
    private mutating func parseRecord() -> RecordDeclaration {
        advance()
        var fields: [FieldDeclaration] = []
        if expect(.leftBrace, .expectedOpeningBrace(of: "the record's fields")) != nil {
            parseBlockItems(
                of: "the record", expecting: { _ in .expectedField },
                isItemStart: { $0.atName }, parseItem: { fields.append($0.parseField()) }
            )
        }
        return RecordDeclaration(fields: fields)
    }

    private mutating func parseField() -> FieldDeclaration {
        let name = identifier(advance())
        let start = name.range.start.utf8Offset
        let type: TypeExpression
        if atName("optional") || atName("key") {
            reportExpected(.expectedType)
            type = missingType
        } else {
            type = parseType()
        }
        var isOptional = false
        var isKey = false
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount), atName("optional") || atName("key") {
            let modifier = advance()
            let word = text(of: modifier)
            if word == "key" ? isKey : isOptional {
                reportAndContinue(.duplicateModifier(word), at: modifier.range)
            }
            if word == "key" { isKey = true } else { isOptional = true }
        }
        let label = takeString()
        return FieldDeclaration(
            name: name, type: type, isOptional: isOptional, isKey: isKey, label: label, range: range(from: start)
        )
    }

    // MARK: - indicator

    /// `indicator = "indicator" NAME [ STRING ] "{" { clause } "}"`.
    private mutating func parseIndicator() -> IndicatorDeclaration {
        advance()
        let name = expectName(.expectedName(after: "indicator"))
        let label = takeString()
        var clauses: [IndicatorClause] = []
        if expect(.leftBrace, .expectedOpeningBrace(of: "the indicator's clauses")) != nil {
            let words = Self.indicatorClauseWords
            parseBlockItems(
                of: "the indicator",
                expecting: { parser in
                    let word = parser.atName ? parser.text(of: parser.current) : ""
                    return .expectedClause(suggestion: Spelling.closest(to: word, in: words))
                },
                resumingAt: words,
                isItemStart: { $0.atName && words.contains($0.text(of: $0.current)) },
                parseItem: { clauses.append($0.parseIndicatorClause()) }
            )
        }
        return IndicatorDeclaration(name: name, label: label, clauses: clauses)
    }

    /// `clause = "description" STRING | "source" STRING | "applies" expr | … | "better" ( "higher" | "lower" )
    /// | "capaian" expr | "cap" expr | "weight" expr`.
    private mutating func parseIndicatorClause() -> IndicatorClause {
        let keyword = advance()
        let word = text(of: keyword)
        let kind: IndicatorClause.Kind
        switch word {
        case "description": kind = .description(expectString(after: word))
        case "source": kind = .source(expectString(after: word))
        case "applies": kind = .applies(parseExpression())
        case "actual": kind = .actual(parseExpression())
        case "target": kind = .target(parseExpression())
        case "better": kind = .better(expectBetterDirection())
        case "capaian": kind = .capaian(parseExpression())
        case "cap": kind = .cap(parseExpression())
        default: kind = .weight(parseExpression())
        }
        return IndicatorClause(kind: kind, range: range(from: keyword.range.start.utf8Offset))
    }

    private mutating func expectBetterDirection() -> Identifier {
        if atName("higher") || atName("lower") { return identifier(advance()) }
        reportExpected(.expectedBetterDirection)
        return atName ? identifier(advance()) : missingIdentifier
    }

    // MARK: - values, outputs, recommendations

    /// `value = NAME [ STRING ] "=" expr`.
    private mutating func parseValue() -> ValueDeclaration {
        let name = identifier(advance())
        let label = takeString()
        let hasExpression = expect(.punctuation(.equal), orReport: .expectedEquals(after: name.name))
        let expression = hasExpression ? parseExpression() : invalidExpression
        return ValueDeclaration(name: name, label: label, expression: expression)
    }

    /// `output = "output" "{" { NAME [ STRING ] [ "=" expr ] } "}"`.
    private mutating func parseOutput() -> OutputDeclaration {
        advance()
        var entries: [OutputEntry] = []
        if expect(.leftBrace, .expectedOpeningBrace(of: "the output's entries")) != nil {
            parseBlockItems(
                of: "the output", expecting: { _ in .expectedOutputEntry },
                isItemStart: { $0.atName }, parseItem: { entries.append($0.parseOutputEntry()) }
            )
        }
        return OutputDeclaration(entries: entries)
    }

    private mutating func parseOutputEntry() -> OutputEntry {
        let name = identifier(advance())
        let label = takeString()
        let expression = take(.equal) != nil ? parseExpression() : nil
        let entryRange = range(from: name.range.start.utf8Offset)
        return OutputEntry(name: name, label: label, expression: expression, range: entryRange)
    }

    /// `recommend = "recommend" NAME [ STRING ] "when" expr`.
    private mutating func parseRecommend() -> RecommendDeclaration {
        advance()
        let name = expectName(.expectedName(after: "recommend"))
        let label = takeString()
        let hasCondition = expect(.keyword(.when), orReport: .expectedWhen)
        return RecommendDeclaration(
            name: name, label: label, condition: hasCondition ? parseExpression() : invalidExpression
        )
    }
}

extension TokenKind {
    /// Whether this keyword starts a declaration that only a policy may contain.
    fileprivate var isPolicyOnlyKeyword: Bool {
        [.keyword(.record), .keyword(.indicator), .keyword(.output), .keyword(.recommend)].contains(self)
    }
}
