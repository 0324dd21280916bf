/// Reads a rules or policy file into a ``SyntaxFile``, reporting every syntax problem of the file in one run.
///
/// The parser never throws. On an error it records a diagnostic, puts an ``Expression/Kind/invalid`` expression or an
/// empty name (a missing type is a scale with an empty name) where a part is missing, and resumes at the next clause
/// or declaration, so the tree is as complete as the text allows. See ``SyntaxParser`` for the recovery rules.
public enum Parser {
    public static func parse(_ source: SourceFile) -> ParseResult {
        var parser = SyntaxParser(source: source)
        let file = parser.parseFile()
        return ParseResult(file: file, comments: parser.cursor.comments, diagnostics: parser.allDiagnostics)
    }
}

/// The outcome of parsing one rules or policy file.
public struct ParseResult: Sendable {
    /// The tree; nil only when the file does not even start with `rules NAME` or `policy NAME`.
    public var file: SyntaxFile?
    /// The comments of the file in source order, for the formatter.
    public var comments: [Comment]
    /// Lexical and syntax errors in source order; empty when the file is well formed.
    public var diagnostics: [Diagnostic]
}

extension SyntaxParser {
    /// The words that start a header clause, such as `source` in `source "PermenPANRB No. 6 Tahun 2022"`.
    static let headerClauseWords: Set<String> = [
        "source", "owner", "version", "description", "effective", "uses", "extends", "period",
    ]

    static let periodWords = ["month", "quarter", "semester", "year"]

    // MARK: - file

    /// `file = header { header_clause } { declaration }`.
    mutating func parseFile() -> SyntaxFile? {
        let start = current.range.start.utf8Offset
        let kind: FileKind
        if take(.rules) != nil {
            kind = .rules
        } else if take(.policy) != nil {
            kind = .policy
        } else {
            reportExpected(.expectedHeader(isTestFile: at(.tests)))
            _ = parseDeclarations(in: .policy)
            return nil
        }
        let name = expectName(.expectedName(after: kind.rawValue))
        let label = takeString()
        let metadata = parseHeaderClauses(in: kind)
        let (declarations, misplacedMetadata) = parseDeclarations(in: kind)
        return SyntaxFile(
            kind: kind, name: name, label: label, metadata: metadata + misplacedMetadata, declarations: declarations,
            range: range(from: start)
        )
    }

    /// `{ header_clause }`: the metadata right after the header.
    private mutating func parseHeaderClauses(in kind: FileKind) -> [MetadataClause] {
        var clauses: [MetadataClause] = []
        var progress = LoopProgress()
        while progress.advanced(cursor.consumedCount) {
            if isRecovering, !atResumePoint(orWords: Self.headerClauseWords) {
                synchronize(orWords: Self.headerClauseWords)
            }
            guard atHeaderClause() else { break }
            isRecovering = false
            clauses.append(parseHeaderClause(in: kind))
        }
        return clauses
    }

    /// Whether a header clause starts here, rather than a value with the same name (`source = …`).
    private mutating func atHeaderClause() -> Bool {
        guard atName, Self.headerClauseWords.contains(text(of: current)) else { return false }
        if peekIs(1, .equal) { return false }
        return !(peek(1).kind == .string && peekIs(2, .equal))
    }

    /// `header_clause = "source" STRING | … | "period" ( "month" | "quarter" | "semester" | "year" )`.
    private mutating func parseHeaderClause(in kind: FileKind) -> MetadataClause {
        let keyword = advance()
        let word = text(of: keyword)
        let start = keyword.range.start.utf8Offset
        let clauseKind: MetadataClause.Kind
        switch word {
        case "source": clauseKind = .source(expectString(after: word))
        case "owner": clauseKind = .owner(expectString(after: word))
        case "version": clauseKind = .version(expectString(after: word))
        case "description": clauseKind = .description(expectString(after: word))
        case "effective":
            clauseKind = parseEffectiveDates()
        case "uses":
            var names = [expectName(.expectedName(after: "uses"))]
            var progress = LoopProgress()
            while progress.advanced(cursor.consumedCount), take(.comma) != nil {
                if currentStartsLine, atHeaderClause() {
                    reportExpected(.expectedName(after: ","))  // `uses a,` with the next clause on the next line
                    break
                }
                names.append(expectName(.expectedName(after: ",")))
            }
            clauseKind = .uses(names)
        case "extends":
            if kind == .rules { reportAndContinue(.onlyInPolicies("'extends'"), at: keyword.range) }
            clauseKind = .extends(expectName(.expectedName(after: "extends")))
        default:
            clauseKind = .period(expectPeriodName())
        }
        return MetadataClause(kind: clauseKind, range: range(from: start))
    }

    /// Reads the string after a clause keyword such as `source`, or reports it missing.
    mutating func expectString(after keyword: String) -> StringLiteral {
        if let string = takeString() { return string }
        reportExpected(.expectedString(after: keyword))
        return StringLiteral(value: "", range: SourceRange(cursor.previousEnd, cursor.previousEnd))
    }

    /// `DATE "to" DATE`, after `effective`.
    private mutating func parseEffectiveDates() -> MetadataClause.Kind {
        let from = expectDate()
        if atName("to") {
            advance()
        } else if current.kind == .date {
            reportAndContinue(.expectedTo, at: current.range)
        } else {
            reportExpected(.expectedTo)
            return .effective(from: from, to: missingDate)
        }
        return .effective(from: from, to: expectDate())
    }

    private mutating func expectDate() -> DateLiteral {
        guard current.kind == .date else {
            reportExpected(.expectedDate)
            return missingDate
        }
        let token = advance()
        return DateLiteral(text: text(of: token), range: token.range)
    }

    private var missingDate: DateLiteral {
        DateLiteral(text: "", range: SourceRange(cursor.previousEnd, cursor.previousEnd))
    }

    private mutating func expectPeriodName() -> Identifier {
        guard atName, Self.periodWords.contains(text(of: current)) else {
            reportExpected(.expectedPeriod)
            return atName ? identifier(advance()) : missingIdentifier
        }
        return identifier(advance())
    }

    // MARK: - declarations

    /// `{ declaration }` up to the end of the file. Header clauses found among the declarations are reported and
    /// returned separately.
    private mutating func parseDeclarations(in kind: FileKind) -> ([Declaration], [MetadataClause]) {
        var declarations: [Declaration] = []
        var misplacedMetadata: [MetadataClause] = []
        var progress = LoopProgress()
        while !isAtEnd, progress.advanced(cursor.consumedCount) {
            if isRecovering, !atResumePoint(orWords: []) {
                synchronize()
                continue
            }
            if atHeaderClause() {
                isRecovering = false
                reportAndContinue(.misplacedHeaderClause(text(of: current)), at: current.range)
                misplacedMetadata.append(parseHeaderClause(in: kind))
            } else if atDeclarationStart() {
                isRecovering = false
                if let declaration = parseDeclaration(in: kind) { declarations.append(declaration) }
            } else {
                if looksLikeDeclarationLine() { isRecovering = false }
                reportUnexpectedAtTopLevel()
                synchronize()
            }
        }
        return (declarations, misplacedMetadata)
    }

    /// Whether a declaration starts here: a declaration keyword, or a value's name followed by its label or `=`.
    private mutating func atDeclarationStart() -> Bool {
        if case .keyword(let keyword) = current.kind { return keyword.startsDeclaration }
        guard atName else { return false }
        return peekIs(1, .equal) || peek(1).kind == .string
    }

    /// Whether the current line looks like a declaration with a wrong first word: `indikator x {`, `if = 3`. Such a
    /// line is reported even right after another error, being most likely a mistake of its own.
    private mutating func looksLikeDeclarationLine() -> Bool {
        switch current.kind {
        case .name:
            let third = peek(2).kind
            let opensBody = third == .punctuation(.leftBrace) || third == .punctuation(.leftParen) || third == .string
            return peek(1).kind == .name && opensBody
        case .keyword:
            return peekIs(1, .equal) || peek(1).kind == .string && peekIs(2, .equal)
        default:
            return false
        }
    }

    private mutating func reportUnexpectedAtTopLevel() {
        if atName, peek(1).kind == .name || peekIs(1, .leftBrace) {
            let word = text(of: current)
            report(.unknownDeclaration(word, suggestion: Spelling.closest(to: word, in: Self.declarationWords)),
                   at: current.range)
        } else if case .keyword(let keyword) = current.kind {
            report(.reservedWord(keyword.rawValue), at: current.range)
        } else {
            report(.expectedDeclaration, at: current.range)
        }
    }

    static let declarationWords = Keyword.allCases.filter(\.startsDeclaration).map(\.rawValue)
}
