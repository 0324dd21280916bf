/// The layout of a test file: `tests NAME`, then one block per case with its record and expectations.
extension FormatWriter {
    mutating func writeTestFile(_ file: TestFileSyntax) {
        let firstCase = file.cases.first?.range.start.utf8Offset ?? Int.max
        writeLine(.text("tests " + file.policy.name), indent: 0, range: SourceRange(start: file.range.start,
                  end: file.policy.range.end), before: firstCase)
        for (index, testCase) in file.cases.enumerated() {
            writeBlankLine()
            let next = index + 1 < file.cases.count ? file.cases[index + 1].range.start.utf8Offset : Int.max
            writeTestCase(testCase, before: next)
        }
    }

    private mutating func writeTestCase(_ testCase: TestCaseSyntax, before limit: Int) {
        let heading = "case " + ExpressionLayout.quoted(testCase.name.value)
        let closingBrace = testCase.range.end.utf8Offset - 1
        writeBlock(heading, indent: 0, range: testCase.range, firstItemStart: testCase.record.range.start.utf8Offset,
                   before: limit) { writer, indent in
            let afterRecord = testCase.expectations.first?.range.start.utf8Offset ?? closingBrace
            writer.writeLine(.sequence([.text("record "), Self.json(testCase.record)]), indent: indent,
                             range: testCase.record.range, before: afterRecord)
            writer.writeItems(testCase.expectations, indent: indent, blockEnd: closingBrace, range: \.range) {
                .text(Self.expectation($0))
            }
        }
    }

    /// JSON on one line (`{ "nip": "1", "peers": [4, 5] }`), or one member or item per line when too long.
    private static func json(_ value: JSONLiteral) -> Document {
        switch value.kind {
        case .null: return .text("null")
        case .bool(let flag): return .text(flag ? "true" : "false")
        case .number(let text): return .text(text)
        case .string(let text): return .text(jsonQuoted(text))
        case .array(let items): return ExpressionLayout.list(items.map(json), open: "[", close: "]")
        case .object(let members):
            guard !members.isEmpty else { return .text("{}") }
            let fields = members.map { Document.sequence([.text(jsonQuoted($0.key.value) + ": "), json($0.value)]) }
            let body = Document.nest(.sequence([.line, .joined(fields, separator: [.text(","), .line])]))
            return .group(.sequence([.text("{"), body, .line, .text("}")]))
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`, `\r`, `\b`, `\f` or `\u00XX`.
    private static func jsonQuoted(_ value: String) -> String {
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\t": text += "\\t"
            case "\r": text += "\\r"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16, uppercase: true)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }

    private static func expectation(_ expectation: Expectation) -> String {
        switch expectation.kind {
        case .equals(let name, let literal): "expect \(name.name) = " + expectedLiteral(literal)
        case .recommends(let name, let isRecommended):
            (isRecommended ? "expect recommend " : "expect not recommend ") + name.name
        case .error(let fragment): "expect error " + ExpressionLayout.quoted(fragment.value)
        }
    }

    private static func expectedLiteral(_ literal: ExpectedLiteral) -> String {
        switch literal.kind {
        case .number(let number, let isNegative): (isNegative ? "-" : "") + ExpressionLayout.number(number)
        case .string(let text): ExpressionLayout.quoted(text)
        case .member(let name): name.name
        case .boolean(let value): value ? "true" : "false"
        case .absent: "absent"
        case .invalid: ""
        }
    }
}
