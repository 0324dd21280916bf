import Testing
@testable import KinerjaCore

@Suite struct JSONLinesReaderTests {
    @Test func blankLinesAreSkippedAndNotCounted() {
        let text = "\n{\"a\":1}\n   \n\t\r\n{\"a\":2}\n\n"
        #expect(dataSummaries(text, .jsonl) == [#"#1 L2 {"a":1}"#, #"#2 L5 {"a":2}"#])
    }

    @Test func badLineBecomesAnErrorRecordAndReadingContinues() {
        let text = """
            {"nip":"1","v":1}
            {"nip":"2","v":NaN}
            {"nip":"3" "v":3}

            [1]
            {"nip":"4","v":4}
            """
        #expect(dataSummaries(text, .jsonl) == [
            #"#1 L1 {"nip":"1","v":1}"#,
            "#2 L2 D004 2:16 invalid JSON: 'NaN' is not allowed, JSON has no NaN or Infinity",
            #"#3 L3 D001 3:12 invalid JSON: expected ',' or '}' after object member, found '"'"#,
            "#4 L5 D005 5:1 record is not an object: found array",
            #"#5 L6 {"nip":"4","v":4}"#,
        ])
    }

    @Test func byteOrderMarkCRLFAndLastLineWithoutNewline() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\":\"x\"}\r\n\r\n{\"b\":tru}\r\n{\"c\":3}".utf8)
        #expect(dataSummaries(bytes, .jsonl) == [
            #"#1 L1 {"a":"x"}"#,
            "#2 L3 D001 3:6 invalid JSON: invalid literal 'tru'",
            #"#3 L4 {"c":3}"#,
        ])
    }

    @Test func byteOrderMarkOnlyAtTheStart() {
        let bytes: [UInt8] = Array("{\"a\":1}\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("{\"b\":2}\n".utf8)
        #expect(dataSummaries(bytes, .jsonl) == [
            #"#1 L1 {"a":1}"#,
            "#2 L2 D001 2:1 invalid JSON: expected a value, found '\u{FEFF}'",
        ])
    }

    @Test func emptyInputHasNoRecords() {
        #expect(dataSummaries("", .jsonl) == [])
        #expect(dataSummaries([0xEF, 0xBB, 0xBF], .jsonl) == [])
        #expect(dataSummaries("\n\n  \n", .jsonl) == [])
    }

    @Test func overLongLineIsReportedAndSkippedToTheNextNewline() {
        let limits = DataLimits(maxRecordBytes: 12)
        let text = "{\"a\":1}\n{\"a\":\"0123456789\"}\n{\"b\":\"exactly 12\"}\n{\"c\":[1,2,3,4,5,6,7,8,9]}"
        #expect(dataSummaries(text, .jsonl, limits: limits) == [
            #"#1 L1 {"a":1}"#,
            "#2 L2 D007 2:1 line too long: more than 12 bytes",
            "#3 L3 D007 3:1 line too long: more than 12 bytes",
            "#4 L4 D007 4:1 line too long: more than 12 bytes",
        ])
        let fits = "{\"b\":\"1234\"}\r\n{\"b\":\"1\"}"
        #expect(dataSummaries(fits, .jsonl, limits: limits) == [#"#1 L1 {"b":"1234"}"#, #"#2 L2 {"b":"1"}"#])
    }

    @Test func hugeLineIsSkippedWithoutHoldingIt() {
        let huge = "{\"a\":\"" + String(repeating: "x", count: 3_000_000) + "\"}"
        let text = "{\"n\":1}\n" + huge + "\n{\"n\":2}\n"
        let records = readDataRecords(text, .jsonl, limits: DataLimits(maxRecordBytes: 1000), chunkSizes: [4096])
        #expect(records.map(dataSummary) == [
            #"#1 L1 {"n":1}"#, "#2 L2 D007 2:1 line too long: more than 1000 bytes", #"#3 L3 {"n":2}"#,
        ])
    }

    @Test func maxRecordsEndsWithAFatalRecord() {
        let text = "{\"a\":1}\n\n{\"a\":2}\nnot json\n{\"a\":4}\n"
        #expect(dataSummaries(text, .jsonl, limits: DataLimits(maxRecords: 2)) == [
            #"#1 L1 {"a":1}"#, #"#2 L3 {"a":2}"#, "#3 L4 D013 4:- too many records: the limit is 2",
        ])
        #expect(dataSummaries(text, .jsonl, limits: DataLimits(maxRecords: 0)) == [
            "#1 L1 D013 1:- too many records: the limit is 0",
        ])
    }

    @Test func numbersKeepTheirLiteralText() throws {
        let records = readDataRecords(#"{"x":0.1,"y":1e400,"z":-0}"#, .jsonl)
        let object = try #require(try records.first?.content.get())
        #expect(object.value(for: "x") == .number("0.1"))
        #expect(object.value(for: "y") == .number("1e400"))
        #expect(object.value(for: "z") == .number("-0"))
    }
}
