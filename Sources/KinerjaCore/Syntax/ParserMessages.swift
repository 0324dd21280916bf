/// A syntax diagnostic before it is placed in a file: a stable code, a message and an optional hint.
///
/// All diagnostics of the lexer, the parser and the test-file parser are listed below, one constructor each, in
/// alphabetical order with codes `E0101`… in the same order. Messages are lower-case without a final period, quote
/// source text in single quotes, and say what was expected. Codes are stable: a new message takes the next free code.
struct SyntaxMessage: Sendable {
    let code: DiagnosticCode
    let text: String
    let hint: String?

    private init(_ code: String, _ text: String, hint: String? = nil) {
        self.code = DiagnosticCode(rawValue: code)
        self.text = text
        self.hint = hint
    }

    func diagnostic(in path: String, at range: SourceRange) -> Diagnostic {
        Diagnostic(code: code, severity: .error, message: text, path: path, range: range, hint: hint)
    }
}

// MARK: - Catalogue

extension SyntaxMessage {
    static func chainedComparison(_ spelling: String) -> SyntaxMessage {
        SyntaxMessage(
            "E0101", "comparisons cannot be chained: '\(spelling)' follows another comparison",
            hint: "join two comparisons with 'and', as in 'a < b and b < c'"
        )
    }

    static var conditionalNeedsParentheses: SyntaxMessage {
        SyntaxMessage(
            "E0102", "an 'if' inside another expression must be in parentheses",
            hint: "write '(if … then … else …)'"
        )
    }

    static func duplicateModifier(_ word: String) -> SyntaxMessage {
        SyntaxMessage("E0103", "'\(word)' is written twice for this field")
    }

    static var expectedArm: SyntaxMessage {
        SyntaxMessage("E0104", "expected an arm such as '>= 90% -> meets' or 'otherwise -> below'")
    }

    static func expectedArrow(before what: String) -> SyntaxMessage {
        SyntaxMessage("E0105", "expected '->' before \(what)")
    }

    static var expectedBetterDirection: SyntaxMessage {
        SyntaxMessage("E0106", "expected 'higher' or 'lower' after 'better'")
    }

    static var expectedCase: SyntaxMessage {
        SyntaxMessage("E0107", "expected a test case such as 'case \"name\" { record { … } expect … }'")
    }

    static func expectedClause(suggestion: String?) -> SyntaxMessage {
        SyntaxMessage(
            "E0108",
            "expected an indicator clause: 'description', 'source', 'applies', 'actual', 'target', 'better', "
                + "'capaian', 'cap' or 'weight'",
            hint: suggestion.map { "did you mean '\($0)'?" }
        )
    }

    static func expectedClosingBrace(of block: String) -> SyntaxMessage {
        SyntaxMessage("E0109", "expected '}' to close \(block)")
    }

    static func expectedClosingParen(of what: String) -> SyntaxMessage {
        SyntaxMessage("E0110", "expected ')' to close \(what)")
    }

    static func expectedColon(after parameter: String) -> SyntaxMessage {
        SyntaxMessage(
            "E0111",
            parameter.isEmpty
                ? "expected ':' and a type after the parameter name"
                : "expected ':' between the parameter '\(parameter)' and its type"
        )
    }

    static var expectedCommaBetweenMembers: SyntaxMessage {
        SyntaxMessage("E0112", "expected ',' between the members of the scale")
    }

    static var expectedDate: SyntaxMessage {
        SyntaxMessage("E0113", "expected a date such as '2026-01-01'")
    }

    static var expectedDeclaration: SyntaxMessage {
        SyntaxMessage("E0114", "expected a declaration such as 'scale', 'bands', 'indicator' or 'name = expression'")
    }

    static var expectedDotDot: SyntaxMessage {
        SyntaxMessage("E0115", "expected '..' between the bounds of the score, as in 'score(1..5)'")
    }

    static var expectedElse: SyntaxMessage {
        SyntaxMessage("E0116", "expected 'else' and the value for when the condition does not hold")
    }

    static func expectedEquals(after name: String) -> SyntaxMessage {
        SyntaxMessage("E0117", "expected '=' after '\(name)'")
    }

    static var expectedExpectation: SyntaxMessage {
        SyntaxMessage(
            "E0118",
            "expected an expectation such as 'expect hasil = 120', 'expect recommend pelatihan' "
                + "or 'expect error \"supervisor\"'"
        )
    }

    static var expectedExpression: SyntaxMessage {
        SyntaxMessage("E0119", "expected an expression")
    }

    static var expectedField: SyntaxMessage {
        SyntaxMessage("E0120", "expected a field such as 'nip text key \"NIP\"'")
    }

    static func expectedHeader(isTestFile: Bool) -> SyntaxMessage {
        SyntaxMessage(
            "E0121", "expected 'rules NAME' or 'policy NAME' at the start of the file",
            hint: isTestFile ? "a file starting with 'tests' is a test file, read by 'kinerja test'" : nil
        )
    }

    static func expectedIndicators(after name: String) -> SyntaxMessage {
        SyntaxMessage("E0122", "expected 'indicators' after '\(name) of'")
    }

    static var expectedJSONColon: SyntaxMessage {
        SyntaxMessage("E0123", "expected ':' after the key in the record")
    }

    static var expectedJSONKey: SyntaxMessage {
        SyntaxMessage("E0124", "expected a quoted key such as '\"nip\"' in the record")
    }

    static func expectedJSONSeparator(inObject: Bool) -> SyntaxMessage {
        SyntaxMessage(
            "E0125",
            inObject
                ? "expected ',' or '}' after a member of the JSON object"
                : "expected ',' or ']' after an item of the JSON array"
        )
    }

    static var expectedJSONValue: SyntaxMessage {
        SyntaxMessage(
            "E0126", "expected a JSON value: a number, a string, 'true', 'false', 'null', an array or an object"
        )
    }

    static var expectedLiteral: SyntaxMessage {
        SyntaxMessage(
            "E0127", "expected a value such as '120', '95%', '10 min', 'above', '\"Baik\"', 'true' or 'absent'"
        )
    }

    static func expectedMatrixCell(_ member: String) -> SyntaxMessage {
        SyntaxMessage("E0128", "expected the cells of the row '\(member)' after '|'")
    }

    static var expectedMatrixColumns: SyntaxMessage {
        SyntaxMessage("E0129", "expected the column members of the matrix, such as 'below meets above'")
    }

    static var expectedMatrixRow: SyntaxMessage {
        SyntaxMessage("E0130", "expected a matrix row such as 'meets | \"Baik\" \"Baik\" \"Sangat Baik\"'")
    }

    static func expectedName(after word: String) -> SyntaxMessage {
        SyntaxMessage("E0131", "expected a name after '\(word)'")
    }

    static var expectedOf: SyntaxMessage {
        SyntaxMessage("E0132", "expected 'of' after 'list', as in 'list of score(1..5)'")
    }

    static func expectedOpeningBrace(of what: String) -> SyntaxMessage {
        SyntaxMessage("E0133", "expected '{' to open \(what)")
    }

    static var expectedOutputEntry: SyntaxMessage {
        SyntaxMessage("E0134", "expected an output entry such as 'nilai' or 'nilai_hasil = round(hasil, 2)'")
    }

    static var expectedOverridable: SyntaxMessage {
        SyntaxMessage("E0135", "expected 'indicator', 'bands', 'matrix', 'table' or a value after 'override'")
    }

    static var expectedParameter: SyntaxMessage {
        SyntaxMessage("E0136", "expected a parameter such as 'nilai: percent'")
    }

    static func expectedParameterList(of declaration: String) -> SyntaxMessage {
        SyntaxMessage("E0137", "expected '(' to open the parameter list of the \(declaration)")
    }

    static var expectedPattern: SyntaxMessage {
        SyntaxMessage(
            "E0138", "expected a pattern: a member name, a set such as '{meets, above}', '_', 'true' or 'false'"
        )
    }

    static var expectedPeriod: SyntaxMessage {
        SyntaxMessage("E0139", "expected 'month', 'quarter', 'semester' or 'year' after 'period'")
    }

    static var expectedRangeOperator: SyntaxMessage {
        SyntaxMessage(
            "E0140", "expected '..<' to make a range such as '50% ..< 90%'",
            hint: "an arm starts with '>=', '>', '<=', '<', 'otherwise' or a range"
        )
    }

    static var expectedRecommend: SyntaxMessage {
        SyntaxMessage("E0141", "expected 'recommend' after 'expect not'")
    }

    static var expectedRecord: SyntaxMessage {
        SyntaxMessage("E0142", "expected the case's record, such as 'record { \"nip\": \"1\" }'")
    }

    static func expectedRowBar(after member: String) -> SyntaxMessage {
        SyntaxMessage("E0143", "expected '|' after the row member '\(member)'")
    }

    static var expectedScaleMember: SyntaxMessage {
        SyntaxMessage("E0144", "expected a scale member such as 'meets \"Sesuai Ekspektasi\"'")
    }

    static var expectedScoreBound: SyntaxMessage {
        SyntaxMessage("E0145", "expected a number as a bound of the score, as in 'score(1..5)'")
    }

    static var expectedSet: SyntaxMessage {
        SyntaxMessage("E0146", "expected a set such as '{\"dinkes\", \"rsud\"}' after 'in'")
    }

    static func expectedString(after word: String) -> SyntaxMessage {
        SyntaxMessage("E0147", "expected a quoted string after '\(word)'")
    }

    static var expectedTableRule: SyntaxMessage {
        SyntaxMessage("E0148", "expected a rule such as 'below, true -> \"Pelatihan\"'")
    }

    static var expectedTestsHeader: SyntaxMessage {
        SyntaxMessage("E0149", "expected 'tests NAME' at the start of the test file")
    }

    static var expectedThen: SyntaxMessage {
        SyntaxMessage("E0150", "expected 'then' after the condition of 'if'")
    }

    static var expectedTo: SyntaxMessage {
        SyntaxMessage("E0151", "expected 'to' between the two dates, as in 'effective 2026-01-01 to 2026-12-31'")
    }

    static var expectedType: SyntaxMessage {
        SyntaxMessage(
            "E0152", "expected a type such as 'number', 'text', 'score(1..5)', 'list of count' or a scale name"
        )
    }

    static func expectedTypeArgument(of type: String, example: String) -> SyntaxMessage {
        SyntaxMessage("E0153", "expected '(' after '\(type)', as in '\(example)'")
    }

    static var expectedUnit: SyntaxMessage {
        SyntaxMessage("E0154", "expected a unit: 's', 'min', 'h', 'day', 'detik', 'menit', 'jam' or 'hari'")
    }

    static var expectedWhen: SyntaxMessage {
        SyntaxMessage("E0155", "expected 'when' and the condition of the recommendation")
    }

    static func foreignOperator(_ spelling: String) -> SyntaxMessage {
        SyntaxMessage("E0156", "'\(spelling)' is not an operator in kinerja", hint: Self.foreignOperatorHints[spelling])
    }

    static func invalidEscape(_ escape: String) -> SyntaxMessage {
        SyntaxMessage(
            "E0157", "unknown escape '\(escape)' in a string",
            hint: "the escapes are '\\\"', '\\\\', '\\n' and '\\t'"
        )
    }

    static func invalidJSONEscape(_ escape: String) -> SyntaxMessage {
        SyntaxMessage("E0158", "unknown escape '\(escape)' in a JSON string")
    }

    static func invalidJSONNumber(_ text: String) -> SyntaxMessage {
        SyntaxMessage("E0159", "'\(text)' is not a JSON number")
    }

    static func misplacedHeaderClause(_ word: String) -> SyntaxMessage {
        SyntaxMessage("E0160", "'\(word)' belongs to the header: move it before the first declaration")
    }

    static func nestedTooDeeply(_ limit: Int) -> SyntaxMessage {
        SyntaxMessage(
            "E0161", "nested too deeply: kinerja reads at most \(limit) levels of parentheses, operators and types"
        )
    }

    static func notOverridable(_ keyword: String) -> SyntaxMessage {
        SyntaxMessage(
            "E0162", "a \(keyword) cannot be overridden: only an indicator, a value, bands, a matrix or a table can"
        )
    }

    static func onlyInPolicies(_ what: String) -> SyntaxMessage {
        SyntaxMessage("E0163", "\(what) is only allowed in a policy, not in a rules file")
    }

    static func reservedWord(_ word: String) -> SyntaxMessage {
        SyntaxMessage("E0164", "'\(word)' is a reserved word and cannot be used as a name")
    }

    static var singleQuotedString: SyntaxMessage {
        SyntaxMessage("E0165", "strings are written in double quotes", hint: "write \"…\" instead of '…'")
    }

    static func unknownCharacter(_ character: String) -> SyntaxMessage {
        SyntaxMessage("E0166", "unknown character '\(character)'", hint: Self.unknownCharacterHints[character])
    }

    static func unknownDeclaration(_ word: String, suggestion: String?) -> SyntaxMessage {
        SyntaxMessage(
            "E0167", "unknown declaration '\(word)'",
            hint: suggestion.map { "did you mean '\($0)'?" }
                ?? "a declaration starts with 'scale', 'bands', 'matrix', 'table', 'record', 'indicator', 'output', "
                + "'recommend' or 'override'"
        )
    }

    static var unterminatedJSONString: SyntaxMessage {
        SyntaxMessage("E0168", "unterminated string in the record: expected '\"' before the end of the line")
    }

    static var unterminatedString: SyntaxMessage {
        SyntaxMessage("E0169", "unterminated string: expected '\"' before the end of the line")
    }

    static func wrongParameterCount(_ declaration: String, expected: Int, found: Int) -> SyntaxMessage {
        SyntaxMessage(
            "E0170",
            "'\(declaration)' takes exactly \(expected == 1 ? "one parameter" : "two parameters"), "
                + "but \(found) \(found == 1 ? "is" : "are") written"
        )
    }
}

// MARK: - Hints

extension SyntaxMessage {
    private static let foreignOperatorHints: [String: String] = [
        "==": "kinerja compares with '='",
        "=>": "write '->'",
        "&&": "write 'and'",
        "||": "write 'or'",
        "!": "write 'not', or '!=' for 'not equal'",
    ]

    private static let unknownCharacterHints: [String: String] = [
        "[": "a set is written in braces: '{a, b}'",
        "]": "a set is written in braces: '{a, b}'",
        ";": "declarations and clauses need no ';' between them",
    ]
}
