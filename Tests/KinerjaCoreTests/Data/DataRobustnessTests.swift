import Testing
@testable import KinerjaCore

/// Broken input of every kind must end, never crash, read the same with every chunk size, and number its records
/// 1...n with lines that never go backwards.
@Suite struct DataRobustnessTests {
    static let seeds: [(DataFormat, String)] = [
        (.jsonl, "{\"a\":1,\"b\":[1,{\"c\":\"x\\u00e9\\ud83d\\ude00\"}]}\r\n\n{\"n\":-0.5e+3,\"t\":true,\"z\":null}\n[1]\n"),
        (.json, "{\"meta\":{\"x\":[1,\"]\"]},\"records\":[\n {\"a\":1},\n {\"b\":\"é\",\"c\":[[],{}]},\n 3\n],\"tail\":1}"),
        (.csv, "\u{FEFF}a;\"b\";c\r\n1;\"x;y\r\nz\";\"q\"\"\"\r\n\r\n;;\r\n4;5;6"),
    ]

    @Test(arguments: 0..<seeds.count)
    func everyTruncationAndDeletion(seed: Int) {
        let (format, text) = Self.seeds[seed]
        let bytes = Array(text.utf8)
        for cut in 0..<bytes.count {
            check(Array(bytes[..<cut]), format)
            var deleted = bytes
            deleted.remove(at: cut)
            check(deleted, format)
        }
    }

    @Test func randomMutations() {
        var generator = SeededRandom(seed: 20260101)
        let alphabet: [UInt8] = Array("{}[]\",:;\\\r\n tfn0123456789.-eE+é".utf8) + [0xFF, 0xC3, 0xEF, 0xBB, 0xBF, 0x00]
        for iteration in 0..<600 {
            let (format, text) = Self.seeds[iteration % Self.seeds.count]
            var bytes = Array(text.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                let byte = alphabet.randomElement(using: &generator) ?? 0
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(byte, at: position)
                default: bytes[position] = byte
                }
            }
            let limits = DataLimits(maxDepth: Int.random(in: 1...4, using: &generator),
                                    maxRecordBytes: Int.random(in: 4...120, using: &generator))
            check(bytes, format, limits: limits)
        }
    }

    private func check(_ bytes: [UInt8], _ format: DataFormat, limits: DataLimits = .default) {
        let records = readDataRecords(bytes, format, limits: limits, chunkSizes: [1, 3, 1 << 20])
        for (index, record) in records.enumerated() {
            #expect(record.number == index + 1)
            if index > 0 { #expect(record.line >= records[index - 1].line) }
            if case .failure(let error) = record.content {
                #expect(error.line >= record.line)
                #expect((error.column ?? 1) >= 1)
            }
        }
    }
}
