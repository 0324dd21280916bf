import Testing
@testable import KinerjaCore

/// The JSON grammar, checked one record at a time through single JSON Lines lines.
@Suite struct JSONGrammarTests {
    @Test(arguments: [
        (#"{"a":1}"#, #"{"a":1}"#),
        (#"  { "a" : 1 , "b" : [ ] , "c" : { } }  "#, #"{"a":1,"b":[],"c":{}}"#),
        (#"{"n":-0.5e+10,"z":0,"e":1E5,"f":-12.25,"g":0e-0,"big":123456789012345678901234567890}"#,
         #"{"n":-0.5e+10,"z":0,"e":1E5,"f":-12.25,"g":0e-0,"big":123456789012345678901234567890}"#),
        (#"{"t":true,"f":false,"n":null,"a":[1,"x",[null],{"k":false}]}"#,
         #"{"t":true,"f":false,"n":null,"a":[1,"x",[null],{"k":false}]}"#),
        (#"{"s":"a\"b\\c\/d\u00e9\ud83d\ude00\u0000"}"#, "{\"s\":\"a\\\"b\\\\c/dé😀\\u0000\"}"),
        (#"{"s":"\b\f\n\r\t"}"#, #"{"s":"\u0008\u000c\n\r\t"}"#),
        (#"{"é":"ünïcødé ✓"}"#, #"{"é":"ünïcødé ✓"}"#),
        ("{\"a\":1}\r", #"{"a":1}"#),
    ])
    func validRecords(line: String, expected: String) {
        #expect(singleJSONLine(line) == expected)
    }

    @Test(arguments: [
        (#"{"a":NaN}"#, "D004 1:6 invalid JSON: 'NaN' is not allowed, JSON has no NaN or Infinity"),
        (#"{"a":Infinity}"#, "D004 1:6 invalid JSON: 'Infinity' is not allowed, JSON has no NaN or Infinity"),
        (#"{"a":-Infinity}"#, "D004 1:6 invalid JSON: '-Infinity' is not allowed, JSON has no NaN or Infinity"),
        (#"{"a":[1,nan]}"#, "D004 1:9 invalid JSON: 'nan' is not allowed, JSON has no NaN or Infinity"),
        (#"{"a":+1}"#, "D001 1:6 invalid JSON: numbers must not start with '+'"),
        (#"{"a":01}"#, "D001 1:6 invalid JSON: leading zero in number '01'"),
        (#"{"a":-007}"#, "D001 1:6 invalid JSON: leading zero in number '-007'"),
        (#"{"a":1.}"#, "D001 1:6 invalid JSON: invalid number '1.'"),
        (#"{"a":.5}"#, "D001 1:6 invalid JSON: invalid number '.5'"),
        (#"{"a":1e}"#, "D001 1:6 invalid JSON: invalid number '1e'"),
        (#"{"a":-}"#, "D001 1:6 invalid JSON: invalid number '-'"),
        (#"{"a":1,}"#, "D001 1:8 invalid JSON: trailing comma before '}'"),
        (#"{"a":[1,]}"#, "D001 1:9 invalid JSON: trailing comma before ']'"),
        (#"{"a":1}// note"#, "D001 1:8 invalid JSON: comments are not allowed"),
        (#"{/* c */"a":1}"#, "D001 1:2 invalid JSON: comments are not allowed"),
        (#"{'a':1}"#, "D001 1:2 invalid JSON: strings must use double quotes, not single quotes"),
        (#"{"a":'x'}"#, "D001 1:6 invalid JSON: strings must use double quotes, not single quotes"),
        ("{\"a\":\"x\ty\"}", "D001 1:8 invalid JSON: unescaped control character U+0009 in string"),
        (#"{"a":"\x"}"#, #"D001 1:7 invalid JSON: invalid escape '\x' in string"#),
        (#"{"a":"\u12G4"}"#, #"D001 1:7 invalid JSON: expected 4 hexadecimal digits after '\u'"#),
        (#"{"a":"\u12"}"#, #"D001 1:7 invalid JSON: expected 4 hexadecimal digits after '\u'"#),
        (#"{"a":"\ud800"}"#, #"D001 1:7 invalid JSON: unpaired surrogate '\uD800' in string"#),
        (#"{"a":"\udc00x"}"#, #"D001 1:7 invalid JSON: unpaired surrogate '\uDC00' in string"#),
        (#"{"a":"\ud800\u0041"}"#, #"D001 1:7 invalid JSON: unpaired surrogate '\uD800' in string"#),
        (#"{"a":"abc"#, "D001 1:6 invalid JSON: unterminated string"),
        (#"{"a":"abc\"#, "D001 1:6 invalid JSON: unterminated string"),
        (#"{"a":1,"b":2,"a":3}"#, "D003 1:14 duplicate key 'a'"),
        (#"{"x":{"k":1,"k":1}}"#, "D003 1:13 duplicate key 'k'"),
        (#"[1,2]"#, "D005 1:1 record is not an object: found array"),
        (#" "x""#, "D005 1:2 record is not an object: found string"),
        ("42", "D005 1:1 record is not an object: found number"),
        ("null", "D005 1:1 record is not an object: found null"),
        ("true", "D005 1:1 record is not an object: found boolean"),
        (#"{"a":1} x"#, "D001 1:9 invalid JSON: unexpected 'x' after the record"),
        (#"{"a":1}{"b":2}"#, "D001 1:8 invalid JSON: unexpected '{' after the record"),
        (#"{"a" 1}"#, "D001 1:6 invalid JSON: expected ':' after member name, found '1'"),
        (#"{"a":1 "b":2}"#, #"D001 1:8 invalid JSON: expected ',' or '}' after object member, found '"'"#),
        (#"{"a":[1 2]}"#, "D001 1:9 invalid JSON: expected ',' or ']' after array element, found '2'"),
        (#"{"a":[1}"#, "D001 1:8 invalid JSON: expected ',' or ']' after array element, found '}'"),
        (#"{"a":tru}"#, "D001 1:6 invalid JSON: invalid literal 'tru'"),
        (#"{"a":True}"#, "D001 1:6 invalid JSON: invalid literal 'True'"),
        (#"{"a":None}"#, "D001 1:6 invalid JSON: invalid literal 'None'"),
        (#"{"a":nullx}"#, "D001 1:6 invalid JSON: invalid literal 'nullx'"),
        (#"{"a":"#, "D001 1:6 invalid JSON: expected a value, found end of input"),
        (#"{"a":,}"#, "D001 1:6 invalid JSON: expected a value, found ','"),
        ("{\"a\":\u{1}}", "D001 1:6 invalid JSON: expected a value, found U+0001"),
        ("{", "D001 1:2 invalid JSON: expected a member name in double quotes, found end of input"),
        ("{a:1}", "D001 1:2 invalid JSON: expected a member name in double quotes, found 'a'"),
        (#"{"é":NaN}"#, "D004 1:6 invalid JSON: 'NaN' is not allowed, JSON has no NaN or Infinity"),
        (#"{"ключ":"значение","ключ":1}"#, "D003 1:20 duplicate key 'ключ'"),
        ("{\"a\":\u{A0}1}", "D001 1:6 invalid JSON: expected a value, found '\u{A0}'"),
    ])
    func invalidRecords(line: String, expected: String) {
        #expect(singleJSONLine(line) == expected)
    }

    @Test(arguments: [
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D], "D002 1:7 invalid UTF-8: unexpected byte 0xFF"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x22, 0x7D], "D002 1:7 invalid UTF-8: unexpected byte 0xC3"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D], "D002 1:7 invalid UTF-8: unexpected byte 0xC0"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D], "D002 1:7 invalid UTF-8: unexpected byte 0xED"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22, 0x7D], "D002 1:7 invalid UTF-8: unexpected byte 0xF4"),
        ([0x7B, 0x22, 0xFE, 0x22, 0x3A, 0x31, 0x7D], "D002 1:3 invalid UTF-8: unexpected byte 0xFE"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x80, 0x7D], "D002 1:6 invalid UTF-8: unexpected byte 0x80"),
        // {"é":"<FF>"}: the column counts 'é' as one character.
        ([0x7B, 0x22, 0xC3, 0xA9, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D], "D002 1:7 invalid UTF-8: unexpected byte 0xFF"),
    ] as [([UInt8], String)])
    func invalidUTF8(bytes: [UInt8], expected: String) {
        #expect(singleJSONLine(bytes) == expected)
    }

    @Test func depthLimitCountsTheRecordAsLevelOne() {
        let limits = DataLimits(maxDepth: 3)
        #expect(singleJSONLine(#"{"a":[[1]]}"#, limits: limits) == #"{"a":[[1]]}"#)
        #expect(singleJSONLine(#"{"a":[[[1]]]}"#, limits: limits) == "D006 1:8 nesting too deep: more than 3 levels")
        #expect(singleJSONLine(#"{"a":{"b":{"c":{}}}}"#, limits: limits) == "D006 1:16 nesting too deep: more than 3 levels")
    }

    @Test func hundredThousandDeepArrayIsAnErrorRecord() {
        let depth = 100_000
        let closed = #"{"a":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        let unclosed = String(repeating: "[", count: depth)
        let records = readDataRecords(closed + "\n" + unclosed + "\n" + #"{"ok":1}"#, .jsonl, chunkSizes: [4096, 1 << 20])
        #expect(records.map(dataSummary) == [
            "#1 L1 D006 1:69 nesting too deep: more than 64 levels",
            "#2 L2 D006 2:65 nesting too deep: more than 64 levels",
            #"#3 L3 {"ok":1}"#,
        ])
    }

    @Test func largeObjectsStillFindDuplicateKeys() {
        let members = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        #expect(singleJSONLine("{" + members + "}").hasPrefix(#"{"k0":0,"k1":1,"#))
        #expect(singleJSONLine("{" + members + #","k17":0}"#) == "D003 1:\(members.count + 3) duplicate key 'k17'")
    }
}
