import Testing
@testable import KinerjaCore

@Suite struct CSVReaderTests {
    @Test func spreadsheetExportWithSemicolonsByteOrderMarkCRLFAndQuotedNewline() {
        let text = "\u{FEFF} NIP;Nama ;Unit;Catatan;Nilai\r\n"
            + "199001012015031001;\"Siti; S.Kom\";dinkes;\"baris satu\r\nbaris \"\"dua\"\"\";4,5\r\n"
            + "\r\n"
            + "199202022016041002;Budi;;\"\";3\r\n"
        #expect(dataSummaries(text, .csv) == [
            #"#1 L2 {"NIP":c"199001012015031001","Nama":c"Siti; S.Kom","Unit":c"dinkes","#
                + #""Catatan":c"baris satu\r\nbaris \"dua\"","Nilai":c"4,5"}"#,
            #"#2 L5 {"NIP":c"199202022016041002","Nama":c"Budi","Unit":null,"Catatan":null,"Nilai":c"3"}"#,
        ])
    }

    @Test func commaSeparatedWithLFAndNoFinalNewline() {
        let text = "a,b,c\n1,\"x,y\", z \n,,\n\"\",\"q\"\"\",3"
        #expect(dataSummaries(text, .csv) == [
            #"#1 L2 {"a":c"1","b":c"x,y","c":c" z "}"#,
            #"#2 L3 {"a":null,"b":null,"c":null}"#,
            #"#3 L4 {"a":null,"b":c"q\"","c":c"3"}"#,
        ])
    }

    @Test(arguments: [
        ("a,b\n1,2\n", #"#1 L2 {"a":c"1","b":c"2"}"#),
        ("a;b\n1;2\n", #"#1 L2 {"a":c"1","b":c"2"}"#),
        ("\"x,y\";b\n1;2\n", #"#1 L2 {"x,y":c"1","b":c"2"}"#),
        ("a;b;c,d\n1;2;3,4\n", #"#1 L2 {"a":c"1","b":c"2","c,d":c"3,4"}"#),
        ("a,b;c\n1,2;3\n", #"#1 L2 {"a":c"1","b;c":c"2;3"}"#),
        ("a;b,c\n1;2,3\n", #"#1 L2 {"a;b":c"1;2","c":c"3"}"#),
        ("a\n1;2\n", #"#1 L2 {"a":c"1;2"}"#),
    ])
    func delimiterComesFromTheHeaderRow(text: String, expected: String) {
        #expect(dataSummaries(text, .csv) == [expected])
    }

    @Test func blankLinesAreSkippedAndLinesStayRightWithCRLF() {
        let text = "\r\n  \r\nid,note\r\n\r\n1,\"two\r\nlines\"\r\n\t\r\n2,ok\r\n"
        #expect(dataSummaries(text, .csv) == [
            #"#1 L5 {"id":c"1","note":c"two\r\nlines"}"#,
            #"#2 L8 {"id":c"2","note":c"ok"}"#,
        ])
    }

    @Test func rowErrorsBecomeErrorRecordsAndReadingContinues() {
        let text = "a;b;c\n1;2\n1;2;3;4\n\"x\"y;2;3\n1;\"\u{E9}\";3\n7;8;9\n"
        #expect(dataSummaries(text, .csv) == [
            "#1 L2 D008 2:- wrong number of cells: expected 3, found 2",
            "#2 L3 D008 3:- wrong number of cells: expected 3, found 4",
            "#3 L4 D011 4:4 unexpected 'y' after the closing quote of a field",
            #"#4 L5 {"a":c"1","b":c"é","c":c"3"}"#,
            #"#5 L6 {"a":c"7","b":c"8","c":c"9"}"#,
        ])
    }

    @Test func bareQuoteInsideAnUnquotedCellIsText() {
        #expect(dataSummaries("a,b\n5\" disk,x\n", .csv) == [#"#1 L2 {"a":c"5\" disk","b":c"x"}"#])
    }

    @Test func unterminatedQuoteAtTheEnd() {
        let text = "a,b\n1,2\n3,\"open\nstill open\n"
        #expect(dataSummaries(text, .csv) == [
            #"#1 L2 {"a":c"1","b":c"2"}"#,
            "#2 L3 D009 3:3 unterminated quoted field: missing closing '\"'",
        ])
    }

    @Test func invalidUTF8InACell() {
        let bytes = Array("name,v\n\u{E9}t\u{E9},".utf8) + [0xFF, 0x41] + Array("\nok,1\n".utf8)
        #expect(dataSummaries(bytes, .csv) == [
            "#1 L2 D002 2:5 invalid UTF-8: unexpected byte 0xFF",
            #"#2 L3 {"name":c"ok","v":c"1"}"#,
        ])
    }

    @Test(arguments: [
        ("a,b,a\n1,2,3\n", "#1 L1 D010 1:5 duplicate header name 'a' in columns 1 and 3"),
        ("a, b ,\"b\"\n1,2,3\n", "#1 L1 D010 1:7 duplicate header name 'b' in columns 2 and 3"),
        ("\n\na;;c\n1;2;3\n", "#1 L3 D010 3:3 empty header name in column 2"),
        ("a;b;\n1;2;\n", "#1 L1 D010 1:5 empty header name in column 3"),
        ("a,\"b\nc\n", "#1 L1 D009 1:3 unterminated quoted field: missing closing '\"'"),
    ])
    func unusableHeaderIsFatal(text: String, expected: String) {
        #expect(dataSummaries(text, .csv) == [expected])
    }

    @Test func emptyInputOrHeaderOnlyHasNoRecords() {
        #expect(dataSummaries("", .csv) == [])
        #expect(dataSummaries("\u{FEFF}", .csv) == [])
        #expect(dataSummaries("a;b\r\n", .csv) == [])
        #expect(dataSummaries("a;b", .csv) == [])
    }

    @Test func overLongRowIsSkipped() {
        let limits = DataLimits(maxRecordBytes: 8)
        let text = "a,b\r\n1,2\r\n\"0123\n456789\",x\r\n12345,678\r\n3,4"
        #expect(dataSummaries(text, .csv, limits: limits) == [
            #"#1 L2 {"a":c"1","b":c"2"}"#,
            "#2 L3 D007 3:1 record too long: more than 8 bytes",
            "#3 L5 D007 5:1 record too long: more than 8 bytes",
            #"#4 L6 {"a":c"3","b":c"4"}"#,
        ])
    }
}
