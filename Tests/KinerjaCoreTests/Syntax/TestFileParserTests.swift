import Testing

@testable import KinerjaCore

/// Test files: cases, JSON records and every form of expectation.
@Suite("Test-file parser")
struct TestFileParserTests {
    static func dump(_ text: String) -> String {
        let result = TestFileParser.parse(SourceFile(path: "t.test", text: text))
        let tree = result.file.map(SyntaxDump.testFile) ?? "<no file>"
        return ([tree] + result.diagnostics.map { "!\($0.code.rawValue) \($0.message)" }).joined(separator: "\n")
    }

    /// The dump of the record of a single case.
    static func record(_ json: String) -> String {
        let result = TestFileParser.parse(SourceFile(path: "t.test", text: "tests p case \"c\" { record \(json) }"))
        guard result.diagnostics.isEmpty, let record = result.file?.cases.first?.record else {
            return result.diagnostics.map { "!\($0.code.rawValue) \($0.message)" }.joined(separator: "\n")
        }
        return SyntaxDump.json(record)
    }

    /// The dump of a single expectation.
    static func expectation(_ text: String) -> String {
        let result = TestFileParser.parse(SourceFile(path: "t.test", text: "tests p case \"c\" { record {} \(text) }"))
        guard result.diagnostics.isEmpty, let expectation = result.file?.cases.first?.expectations.first else {
            return result.diagnostics.map { "!\($0.code.rawValue) \($0.message)" }.joined(separator: "\n")
        }
        return SyntaxDump.expectation(expectation)
    }

    @Test("a file with cases")
    func fileWithCases() {
        let text = """
            tests plaju # kebijakan
            case "satu" {
              record { "nip": "1" }
              expect hasil = 120
            }
            case "dua" { record {} }
            """
        #expect(Self.dump(text) == """
            (tests plaju
              (case "satu" (record {"nip": "1"})
                (expect hasil = 120))
              (case "dua" (record {})))
            """)
    }

    @Test("JSON records", arguments: [
        ("{}", "{}"),
        ("{ \"a\": 1, \"b\": -2.5, \"c\": 1e3, \"d\": -0.5E-2, \"e\": 0 }", "{\"a\": 1 \"b\": -2.5 \"c\": 1e3 \"d\": -0.5E-2 \"e\": 0}"),
        ("{\"t\": true, \"f\": false, \"n\": null}", "{\"t\": true \"f\": false \"n\": null}"),
        ("{\"l\": [], \"m\": [1, [2, {\"x\": []}]]}", "{\"l\": [] \"m\": [1 [2 {\"x\": []}]]}"),
        ("{\"s\": \"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f\"}", "{\"s\": \"a\\\"b\\\\c/d\\n\\t\r\u{08}\u{0C}\"}"),
        ("{\"u\": \"\\u00e9\\ud83d\\ude00\\u0041\"}", "{\"u\": \"é😀A\"}"),
        ("{\"lone\": \"\\ud83d\"}", "{\"lone\": \"\u{FFFD}\"}"),
        ("{\n  \"multi\": [\n    1\n  ]\n}", "{\"multi\": [1]}"),
    ])
    func jsonRecords(input: String, expected: String) {
        #expect(Self.record(input) == expected)
    }

    @Test("JSON errors", arguments: [
        ("{\"a\": dinkes}", "!E0126 expected a JSON value: a number, a string, 'true', 'false', 'null', an array or an object"),
        ("{a: 1}", "!E0124 expected a quoted key such as '\"nip\"' in the record"),
        ("{\"a\" 1}", "!E0123 expected ':' after the key in the record"),
        ("{\"a\": 1 \"b\": 2}", "!E0125 expected ',' or '}' after a member of the JSON object"),
        ("{\"a\": [1 2]}", "!E0125 expected ',' or ']' after an item of the JSON array"),
        ("{\"a\": 1,}", "!E0124 expected a quoted key such as '\"nip\"' in the record"),
        ("{\"a\": 01}", "!E0159 '01' is not a JSON number"),
        ("{\"a\": 1.}", "!E0159 '1.' is not a JSON number"),
        ("{\"a\": -}", "!E0159 '-' is not a JSON number"),
        ("{\"a\": 1e}", "!E0159 '1e' is not a JSON number"),
        ("{\"a\": \"\\x\"}", "!E0158 unknown escape '\\x' in a JSON string"),
        ("{\"a\": \"\\u12\"}", "!E0158 unknown escape '\\u' in a JSON string"),
        ("{\"a\": \"\\u+12f\"}", "!E0158 unknown escape '\\u' in a JSON string"),
        ("{\"a\": \"open}", "!E0168 unterminated string in the record: expected '\"' before the end of the line"),
        ("{\"a\": nul}", "!E0126 expected a JSON value: a number, a string, 'true', 'false', 'null', an array or an object"),
    ])
    func jsonErrors(input: String, expected: String) {
        #expect(Self.record(input) == expected)
    }

    @Test("JSON nesting is limited like expressions")
    func jsonNesting() {
        let deep = "{\"a\": " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        #expect(Self.record(deep) == "!E0161 nested too deeply: kinerja reads at most 256 levels of parentheses, operators and types")
    }

    @Test("expectations", arguments: [
        ("expect hasil = 120", "(expect hasil = 120)"),
        ("expect hasil = -1.5", "(expect hasil = -1.5)"),
        ("expect hasil = 95%", "(expect hasil = 95%)"),
        ("expect hasil = -5 %", "(expect hasil = -5%)"),
        ("expect waktu = 10 min", "(expect waktu = 10[min])"),
        ("expect rating = above", "(expect rating = above)"),
        ("expect predikat = \"Sangat Baik\"", "(expect predikat = \"Sangat Baik\")"),
        ("expect ok = true", "(expect ok = true)"),
        ("expect ok = false", "(expect ok = false)"),
        ("expect nilai = absent", "(expect nilai = absent)"),
        ("expect recommend pelatihan", "(expect recommend pelatihan)"),
        ("expect not recommend pelatihan", "(expect not recommend pelatihan)"),
        ("expect error \"supervisor\"", "(expect error \"supervisor\")"),
        ("expect error = 3", "(expect error = 3)"),
    ])
    func expectations(input: String, expected: String) {
        #expect(Self.expectation(input) == expected)
    }

    @Test("expectation errors", arguments: [
        ("expect hasil 120", "!E0117 expected '=' after 'hasil'"),
        ("expect hasil =", "!E0127 expected a value such as '120', '95%', '10 min', 'above', '\"Baik\"', 'true' or 'absent'"),
        ("expect hasil = -above", "!E0127 expected a value such as '120', '95%', '10 min', 'above', '\"Baik\"', 'true' or 'absent'"),
        ("expect not pelatihan", "!E0141 expected 'recommend' after 'expect not'"),
        ("expect recommend", "!E0131 expected a name after 'recommend'"),
        ("expect error", "!E0147 expected a quoted string after 'error'"),
        ("expect 5", "!E0118 expected an expectation such as 'expect hasil = 120', 'expect recommend pelatihan' or 'expect error \"supervisor\"'"),
        ("hasil = 1", "!E0118 expected an expectation such as 'expect hasil = 120', 'expect recommend pelatihan' or 'expect error \"supervisor\"'"),
    ])
    func expectationErrors(input: String, expected: String) {
        #expect(Self.expectation(input) == expected)
    }

    @Test("file-level errors", arguments: [
        ("policy p", "<no file>\n!E0149 expected 'tests NAME' at the start of the test file"),
        ("tests", "(tests )\n!E0131 expected a name after 'tests'"),
        ("tests p\nkasus \"x\" {}", "(tests p)\n!E0107 expected a test case such as 'case \"name\" { record { … } expect … }'"),
        ("tests p\ncase \"x\" { expect a = 1 }", "(tests p\n  (case \"x\" (record null)\n    (expect a = 1)))\n!E0142 expected the case's record, such as 'record { \"nip\": \"1\" }'"),
        ("tests p\ncase { record {} }", "(tests p\n  (case \"\" (record {})))\n!E0147 expected a quoted string after 'case'"),
        ("tests p\ncase \"x\" record {}", "(tests p\n  (case \"x\" (record null)))\n!E0133 expected '{' to open the case"),
        ("tests p\ncase \"x\" { record {}\ncase \"y\" { record {} }", "(tests p\n  (case \"x\" (record {}))\n  (case \"y\" (record {})))\n!E0109 expected '}' to close the case"),
    ])
    func fileErrors(input: String, expected: String) {
        #expect(Self.dump(input) == expected)
    }

    @Test("after a damaged record the parser resumes at the next expectation")
    func resumesAfterDamagedRecord() {
        let text = """
            tests p
            case "x" {
              record { "a": [1, 2
              expect hasil = 1
              expect hasil 2
            }
            """
        #expect(Self.dump(text) == """
            (tests p
              (case "x" (record null)
                (expect hasil = 1)
                (expect hasil = 2)))
            !E0125 expected ',' or ']' after an item of the JSON array
            !E0117 expected '=' after 'hasil'
            """)
    }

    @Test("comments around records are kept, and the record's range covers its braces")
    func commentsAndRanges() throws {
        let text = "tests p # a\ncase \"x\" {\n  # b\n  record { \"k\": \"#not a comment\" } # c\n}\n"
        let source = SourceFile(path: "t.test", text: text)
        let result = TestFileParser.parse(source)
        #expect(result.comments.map(\.text) == ["# a", "# b", "# c"])
        let record = try #require(result.file?.cases.first?.record)
        #expect(source.text(of: record.range) == "{ \"k\": \"#not a comment\" }")
    }
}
