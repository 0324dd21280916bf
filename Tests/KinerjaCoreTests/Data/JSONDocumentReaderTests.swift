import Testing
@testable import KinerjaCore

@Suite struct JSONDocumentReaderTests {
    @Test func arrayOfObjectsWithLinesOfEachRecord() {
        let text = """
            [
              {"nip": "1", "er": [4.5, 12.0]},
              {
                "nip": "2",
                "er": []
              }, {"nip": "3"}
            ]
            """
        #expect(dataSummaries(text, .json) == [
            #"#1 L2 {"nip":"1","er":[4.5,12.0]}"#,
            #"#2 L3 {"nip":"2","er":[]}"#,
            #"#3 L6 {"nip":"3"}"#,
        ])
    }

    @Test func recordsMemberOfATopLevelObject() {
        let text = """
            {"meta": {"note": "a ] and } in a string", "list": [[1], {"x": "\\""}]},
             "records": [{"a": 1}, {"a": 2}],
             "count": 2}
            """
        #expect(dataSummaries(text, .json) == [#"#1 L2 {"a":1}"#, #"#2 L2 {"a":2}"#])
        #expect(dataSummaries(#"{"records": []}"#, .json) == [])
        #expect(dataSummaries("  [ ]  ", .json) == [])
    }

    @Test func badElementsBecomeErrorRecordsAndReadingContinues() {
        let text = """
            [{"a": 1}, 42, "x", null, [1],
             {"a": NaN}, {"a": 1, "a": 2},
             {"b": "unterminated,
              "c": 1},
             {"a": [1}, {"ok": true}]
            """
        #expect(dataSummaries(text, .json) == [
            #"#1 L1 {"a":1}"#,
            "#2 L1 D005 1:12 record is not an object: found number",
            "#3 L1 D005 1:16 record is not an object: found string",
            "#4 L1 D005 1:21 record is not an object: found null",
            "#5 L1 D005 1:27 record is not an object: found array",
            "#6 L2 D004 2:8 invalid JSON: 'NaN' is not allowed, JSON has no NaN or Infinity",
            "#7 L2 D003 2:23 duplicate key 'a'",
            "#8 L3 D001 3:22 invalid JSON: unescaped control character U+000A in string",
            "#9 L5 D001 5:10 invalid JSON: expected ',' or ']' after array element, found '}'",
            #"#10 L5 {"ok":true}"#,
        ])
    }

    @Test(arguments: [
        ("", "#1 L1 D012 1:1 unreadable document: empty input"),
        ("  42", "#1 L1 D012 1:3 unreadable document: expected an array of records or an object with a 'records' array, found '4'"),
        (#"[{"a":1} {"a":2}]"#, "#2 L1 D012 1:10 unreadable document: expected ',' or ']' after record, found '{'"),
        ("[{\"a\":1},\n]", "#2 L2 D012 2:1 unreadable document: trailing comma before ']'"),
        (#"[{"a":1},,{"a":2}]"#, "#2 L1 D012 1:10 unreadable document: expected a record, found ','"),
        (#"[{"a":1}] x"#, "#2 L1 D012 1:11 unreadable document: unexpected content after the end of the document"),
        (#"[{"a":1}"#, "#2 L1 D012 1:9 unreadable document: unexpected end of input, expected ',' or ']' after record"),
        ("[{\"a\":1},\n {\"b\":", "#2 L2 D012 2:2 unreadable document: unexpected end of input inside a record"),
        (#"[{"a":1}, {"b":"x"#, "#2 L1 D001 1:16 invalid JSON: unterminated string"),
        (#"{"meta": 1}"#, "#1 L1 D012 1:12 unreadable document: the top-level object has no 'records' member"),
        (#"{"records": {"a": 1}}"#, "#1 L1 D012 1:13 unreadable document: expected an array for member 'records', found '{'"),
        (#"{"records": [], "records": []}"#, "#1 L1 D012 1:17 unreadable document: duplicate member 'records'"),
        (#"{"records": [] "x": 1}"#, #"#1 L1 D012 1:16 unreadable document: expected ',' or '}' after member, found '"'"#),
        (#"{"records": [],}"#, "#1 L1 D012 1:16 unreadable document: trailing comma before '}'"),
        (#"{"x" 1, "records": []}"#, "#1 L1 D012 1:6 unreadable document: expected ':' after member name, found '1'"),
        (#"{"a\q": 1}"#, #"#1 L1 D012 1:4 unreadable document: invalid JSON: invalid escape '\q' in string"#),
        (#"{"x": [1, 2"#, "#1 L1 D012 1:12 unreadable document: unexpected end of input inside member 'x'"),
    ])
    func unreadableDocumentEndsWithOneFatalRecord(text: String, last: String) {
        let records = dataSummaries(text, .json)
        #expect(records.last == last)
        #expect(records.dropLast().allSatisfy { $0.hasPrefix("#1 L1 {") })
    }

    @Test func hundredThousandDeepElement() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let closed = readDataRecords("[" + deep + #", {"a": 1}]"#, .json, chunkSizes: [4096, 1 << 20])
        #expect(closed.map(dataSummary) == [
            "#1 L1 D006 1:66 nesting too deep: more than 64 levels", #"#2 L1 {"a":1}"#,
        ])
        let unclosed = readDataRecords(#"[{"a": 1}, "# + String(repeating: "[", count: 100_000), .json,
                                   chunkSizes: [4096, 1 << 20])
        #expect(unclosed.map(dataSummary) == [
            #"#1 L1 {"a":1}"#, "#2 L1 D006 1:76 nesting too deep: more than 64 levels",
        ])
    }

    @Test func overLongRecordIsSkippedAndReadingContinues() {
        let limits = DataLimits(maxRecordBytes: 16)
        let text = "[{\"a\": 1},\n  {\"a\": \"0123456789abcdef\"}, {\"b\": [1, 2]}]"
        #expect(dataSummaries(text, .json, limits: limits) == [
            #"#1 L1 {"a":1}"#, "#2 L2 D007 2:3 record too long: more than 16 bytes", #"#3 L2 {"b":[1,2]}"#,
        ])
    }

    @Test func columnsAreRightFarIntoALongSingleLine() {
        let records = (0..<200).map { "{\"n\":\($0),\"é\":\"ü\"}" }.joined(separator: ",")
        let text = "[" + records + ",{\"bad\":01}]"
        let column = 1 + records.unicodeScalars.count + 2 + 7
        #expect(dataSummaries(text, .json).last == "#201 L1 D001 1:\(column) invalid JSON: leading zero in number '01'")
    }
}
