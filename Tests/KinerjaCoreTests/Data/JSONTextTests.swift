import Testing
@testable import KinerjaCore

@Suite struct JSONTextTests {
    @Test(arguments: [
        ("", #""""#),
        ("plain", #""plain""#),
        ("a\"b\\c/d", #""a\"b\\c/d""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("\u{0}\u{8}\u{C}\u{1F}\u{7F}", #""\u0000\u0008\u000c\u001f"# + "\u{7F}\""),
        ("ünïcødé ✓ 😀", "\"ünïcødé ✓ 😀\""),
    ])
    func appendString(input: String, expected: String) {
        var buffer: [UInt8] = Array("x".utf8)
        JSONText.appendString(input, to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "x" + expected)
    }

    @Test func roundTripThroughTheReaders() throws {
        let samples = ["", "\"quoted\"", "back\\slash", "ünï 😀", "/path/", String((0..<32).map { Character(Unicode.Scalar($0)) })]
        var bytes: [UInt8] = []
        for sample in samples {
            bytes += Array("{".utf8)
            JSONText.appendString("k" + sample, to: &bytes)
            bytes += Array(":".utf8)
            JSONText.appendString(sample, to: &bytes)
            bytes += Array("}\n".utf8)
        }
        let records = readDataRecords(bytes, .jsonl)
        let objects = try records.map { try $0.content.get() }
        #expect(objects == samples.map { DataObject(members: [DataMember(key: "k" + $0, value: .string($0))]) })
    }
}
