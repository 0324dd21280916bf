/// Types as written in records and parameters: `text`, `score(1..5)`, `duration(min)`, `list of T`, a scale name.
extension SyntaxParser {
    /// The duration units, in English and Indonesian (`detik`, `menit`, `jam`, `hari`).
    static let unitWords: Set<String> = ["s", "min", "h", "day", "detik", "menit", "jam", "hari"]

    private static let simpleTypes: [String: TypeExpression.Kind] = [
        "text": .text, "number": .number, "integer": .integer, "count": .count, "boolean": .boolean, "date": .date,
        "percent": .percent,
    ]

    /// `type = "text" | "number" | "integer" | "count" | "boolean" | "date" | "percent"
    /// | "score" "(" NUMBER ".." NUMBER ")" | "duration" "(" UNIT ")" | "list" "of" type | NAME`.
    ///
    /// A scale from a used library is written `library.scale` and read as one ``TypeExpression/Kind/named(_:)`` whose
    /// name is the whole dotted text. The built-in type words are not reserved (a field may be called `date`), but
    /// where a type is expected they always mean the built-in type.
    mutating func parseType() -> TypeExpression {
        guard enterNesting() else { return missingType }
        defer { leaveNesting() }
        guard atName else {
            reportExpected(.expectedType)
            return missingType
        }
        let token = advance()
        let start = token.range.start.utf8Offset
        let word = text(of: token)
        let kind: TypeExpression.Kind
        if let simple = Self.simpleTypes[word] {
            kind = simple
        } else {
            switch word {
            case "score": kind = parseScoreRange()
            case "duration": kind = parseDurationUnit()
            case "list": kind = parseListElement()
            default:
                kind = .named(parseScaleName(startingWith: token))
            }
        }
        return TypeExpression(kind: kind, range: range(from: start))
    }

    /// `"(" NUMBER ".." NUMBER ")"`, after `score`.
    private mutating func parseScoreRange() -> TypeExpression.Kind {
        guard expect(.leftParen, .expectedTypeArgument(of: "score", example: "score(1..5)")) != nil else {
            return missingType.kind
        }
        let lower = expectScoreBound()
        expect(.dotDot, .expectedDotDot)
        let upper = expectScoreBound()
        expect(.rightParen, .expectedClosingParen(of: "the range of the score"))
        guard let lower, let upper else { return missingType.kind }
        return .score(lower: lower, upper: upper)
    }

    private mutating func expectScoreBound() -> NumberLiteral? {
        guard current.kind == .number else {
            reportExpected(.expectedScoreBound)
            return nil
        }
        let token = advance()
        return NumberLiteral(text: text(of: token), unit: nil, range: token.range)
    }

    /// `"(" UNIT ")"`, after `duration`.
    private mutating func parseDurationUnit() -> TypeExpression.Kind {
        guard expect(.leftParen, .expectedTypeArgument(of: "duration", example: "duration(min)")) != nil else {
            return missingType.kind
        }
        guard atName else {
            reportExpected(.expectedUnit)
            return missingType.kind
        }
        let unit = identifier(advance())
        if !Self.unitWords.contains(unit.name) {
            reportAndContinue(.expectedUnit, at: unit.range)
        }
        expect(.rightParen, .expectedClosingParen(of: "the unit of the duration"))
        return .duration(unit)
    }

    /// `"of" type`, after `list`.
    private mutating func parseListElement() -> TypeExpression.Kind {
        if atName("of") {
            advance()
        } else {
            reportAndContinue(.expectedOf, at: expectedRange)
        }
        return .list(parseType())
    }

    /// `NAME [ "." NAME ]`: a scale, or a scale of a used library, as one name (`nasional.ekspektasi`).
    private mutating func parseScaleName(startingWith first: Token) -> Identifier {
        guard take(.dot) != nil else { return identifier(first) }
        let member = expectName(.expectedName(after: "."))
        return Identifier(name: text(of: first) + "." + member.name, range: first.range.union(member.range))
    }

    /// Stands for a type that is missing: a scale with an empty name, at the end of the last token read.
    var missingType: TypeExpression {
        TypeExpression(kind: .named(missingIdentifier), range: SourceRange(cursor.previousEnd, cursor.previousEnd))
    }
}
