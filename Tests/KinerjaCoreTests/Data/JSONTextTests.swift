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

    @Test("a byte to escape is found at every place of the eight-byte words; 0x7F and non-ASCII bytes are kept")
    func escapesAtEveryOffset() {
        let escapes: [(UInt8, String)] = [(0x22, #"\""#), (0x5C, #"\\"#), (0x00, #"\u0000"#), (0x1F, #"\u001f"#),
                                          (0x0A, #"\n"#), (0x7F, "\u{7F}"), (0x80, "\u{80}"), (0xFF, "\u{FF}")]
        for (byte, written) in escapes {
            for offset in 0..<24 {
                var text = Array(repeating: UInt8(ascii: "a"), count: 24)
                text[offset] = byte
                var buffer: [UInt8] = []
                text.withUnsafeBufferPointer { JSONText.appendString(utf8: $0, to: &buffer) }
                let expected: [UInt8] = switch byte {
                case 0x7F, 0x80, 0xFF: [UInt8(ascii: "\"")] + text + [UInt8(ascii: "\"")]
                default:
                    Array(("\"" + String(repeating: "a", count: offset) + written
                           + String(repeating: "a", count: 23 - offset) + "\"").utf8)
                }
                #expect(buffer == expected, "byte \(byte) at \(offset)")
            }
        }
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
