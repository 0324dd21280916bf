import Foundation
import Testing
@testable import KinerjaCore

@Suite struct ByteSourceTests {
    @Test func readsARealFileInChunks() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-data-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = "\u{FEFF}nip;nilai\r\n"
        for index in 1...2_000 {
            text += "\(index);\"\(index),5\"\r\n"
        }
        try Data(text.utf8).write(to: url)
        for chunkSize in [7, 4096, ByteSource.defaultChunkSize] {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let source = ByteSource(fileDescriptor: handle.fileDescriptor, chunkSize: chunkSize)
            let records = Array(RecordReader(format: .csv, source: source))
            #expect(records.count == 2_000)
            #expect(records.last.map(dataSummary) == #"#2000 L2001 {"nip":c"2000","nilai":c"2000,5"}"#)
        }
    }

    @Test func publicInitialisersReadEverything() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-data-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("{\"a\":1}\n{\"a\":2}\n".utf8).write(to: url)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let fromFile = Array(RecordReader(format: .jsonl, source: ByteSource(fileDescriptor: handle.fileDescriptor)))
        let fromMemory = Array(RecordReader(format: .jsonl, source: ByteSource(bytes: Array("{\"a\":1}\n{\"a\":2}".utf8))))
        #expect(fromFile.map(dataSummary) == [#"#1 L1 {"a":1}"#, #"#2 L2 {"a":2}"#])
        #expect(fromFile == fromMemory)
    }

    @Test func failedReadEndsWithAnErrorRecord() {
        let records = Array(RecordReader(format: .jsonl, source: ByteSource(fileDescriptor: -1)))
        #expect(records.map(dataSummary) == ["#1 L1 D014 1:- input could not be read: bad file descriptor"])
    }

    /// Chunk boundaries placed exactly inside a string, a number, a multi-byte character and a CRLF.
    @Test(arguments: [
        ("inside a string", 12),
        ("inside a number", 25),
        ("inside a multi-byte character", 16),
        ("between CR and LF", 31),
    ])
    func chunkBoundary(place: String, chunkSize: Int) {
        // Offsets: `{"name":"abcé",` is 0..<16 (é is bytes 13-14), the number 12345 is 21..<26, CR is 30, LF 31.
        let text = "{\"name\":\"abcé\",\"n\":12345}\r\n{\"x\":[1.5e3]}\r\n"
        let expected = [#"#1 L1 {"name":"abcé","n":12345}"#, #"#2 L2 {"x":[1.5e3]}"#]
        #expect(dataSummaries(Array(text.utf8), .jsonl) == expected, "\(place)")
        let records = readDataRecords(text, .jsonl, chunkSizes: [chunkSize])
        #expect(records.map(dataSummary) == expected, "\(place)")
        let asDocument = "[" + text.replacingOccurrences(of: "}\r\n{", with: "},\r\n{") + "]"
        #expect(readDataRecords(asDocument, .json, chunkSizes: [chunkSize]).map(dataSummary) == [
            #"#1 L1 {"name":"abcé","n":12345}"#, #"#2 L2 {"x":[1.5e3]}"#,
        ], "\(place)")
    }
}
