import Foundation
import Testing

@testable import KinerjaCore

/// Regressions from the libFuzzer targets in `Fuzz/` (see Fuzz/README.md), and the committed seed corpus replayed
/// through the same invariants the fuzz targets assert, so that `swift test` keeps them without libFuzzer.
///
/// A crash a fuzzer finds is added here as its own test with the exact behaviour that is now correct (the input
/// inline, escaped), and its file is added to `Fuzz/Corpus/<target>/`. The first fuzzing round (about three
/// minutes per target, and two more on the CSV batch reader) found no crash and no broken invariant; the tests
/// below pin what it exercised.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let corpus = Golden.repository.appendingPathComponent("Fuzz/Corpus")

    static func seeds(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = corpus.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return try names.map { ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    static func read(_ format: DataFormat, _ bytes: [UInt8], chunkSize: Int = 1 << 20,
                     limits: DataLimits = .default) -> [DataRecord] {
        var reader = RecordReader(format: format, source: ByteSource(bytes: bytes, chunkSize: chunkSize), limits: limits)
        var records: [DataRecord] = []
        while let record = reader.next() { records.append(record) }
        return records
    }

    /// The records of `nextBatch`, each entry turned into a record afterwards (the way evaluation does).
    static func readInBatches(_ format: DataFormat, _ bytes: [UInt8], size: Int) -> [DataRecord] {
        var reader = RecordReader(format: format, source: ByteSource(bytes: bytes))
        var workspace = JSONParser.Workspace()
        var records: [DataRecord] = []
        while let batch = reader.nextBatch(maxRecords: size) {
            for entry in batch.entries {
                records.append(batch.record(entry, workspace: &workspace, maxDepth: DataLimits.default.maxDepth))
            }
        }
        return records
    }

    /// The lines a JSON Lines reader must make records of: not blank after a leading BOM is dropped.
    static func nonBlankLines(_ bytes: [UInt8]) -> Int {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .filter { line in line.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D } }.count
    }

    // MARK: - The seed corpus

    @Test("every policy seed checks without crashing and formats idempotently")
    func policySeeds() throws {
        let loader = Workspace(root: Golden.repository.path).loader
        let seeds = try Self.seeds("policy")
        #expect(seeds.count >= 50)
        var formatted = 0
        for seed in seeds {
            let source = SourceFile(path: seed.name, bytes: seed.bytes)
            let checked = Checker.check(source, loader: loader)
            if let policy = checked.policy {
                #expect(!checked.hasErrors, "\(seed.name)")
                _ = Program(policy).makeFrame()
            }
            guard case .formatted(let once) = Formatter.format(source) else { continue }
            formatted += 1
            guard case .formatted(let twice) = Formatter.format(SourceFile(path: seed.name, text: once)) else {
                Issue.record("\(seed.name): the formatted text does not parse")
                continue
            }
            #expect(once == twice, "\(seed.name): formatting is not idempotent")
        }
        #expect(formatted >= 20)
    }

    @Test("every data seed reads the same in chunks of 1 to 7 bytes and in batches, one record per non-blank JSON line",
          arguments: ["jsonl", "csv", "eval"])
    func dataSeeds(_ target: String) throws {
        for seed in try Self.seeds(target) {
            let formats: [DataFormat] = target == "csv" ? [.csv] : [.jsonl, .json]
            for format in formats {
                let whole = Self.read(format, seed.bytes)
                #expect(whole.map(\.number) == Array(whole.indices.map { $0 + 1 }), "\(seed.name)")
                if format == .jsonl { #expect(whole.count == Self.nonBlankLines(seed.bytes), "\(seed.name)") }
                for chunk in [1, 3, 7] {
                    #expect(Self.read(format, seed.bytes, chunkSize: chunk) == whole, "\(seed.name) in chunks of \(chunk)")
                }
                for size in [1, 4] {
                    #expect(Self.readInBatches(format, seed.bytes, size: size) == whole, "\(seed.name) in batches of \(size)")
                }
            }
        }
    }

    @Test("every eval seed gives equal results through batches and the general reader, one per record")
    func evalSeeds() throws {
        let evaluator = Evaluator(program: Program(try ShippedPolicyTests.policy("plaju")))
        for seed in try Self.seeds("eval") {
            let (fast, general) = BothWays.results(seed.bytes, evaluator, format: .jsonl, batch: 2)
            #expect(fast == general, "\(seed.name)")
            #expect(general.count == Self.nonBlankLines(seed.bytes), "\(seed.name)")
        }
    }

    @Test("every evalcsv seed gives equal results through batches and the general reader")
    func evalCSVSeeds() throws {
        let evaluator = Evaluator(program: Program(try ShippedPolicyTests.policy("plaju")))
        let seeds = try Self.seeds("evalcsv")
        #expect(seeds.count >= 10)
        for seed in seeds {
            let (fast, general) = BothWays.results(seed.bytes, evaluator, format: .csv, batch: 2)
            #expect(fast == general, "\(seed.name)")
            #expect(!general.isEmpty, "\(seed.name)")
        }
    }

    @Test("every serve seed line gets one response of one valid line, none for blank lines and notifications")
    func serveSeeds() throws {
        let fixture = try ServiceFixture()
        try fixture.write("Policies/plaju.policy", String(
            decoding: try Data(contentsOf: Golden.repository.appendingPathComponent("Policies/plaju.policy")),
            as: UTF8.self))
        var answered = 0
        for seed in try Self.seeds("serve") {
            for line in seed.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                let response = fixture.service.handle(line)
                let isBlank = !line.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
                let isNotification = Self.isNotification(line)
                #expect((response == nil) == (isBlank || isNotification), "\(seed.name): \(String(decoding: line, as: UTF8.self))")
                guard let response else { continue }
                answered += 1
                #expect(!response.contains(UInt8(ascii: "\n")) && !response.contains(UInt8(ascii: "\r")))
                #expect(String(validating: response, as: UTF8.self) != nil, "\(seed.name): response is not UTF-8")
                #expect(response.starts(with: Array(#"{"jsonrpc":"2.0","id":"#.utf8)))
            }
        }
        #expect(answered >= 30)
    }

    /// A well-formed JSON object with a `method` and no `id` (judged by Foundation's parser, not the service's).
    static func isNotification(_ line: ArraySlice<UInt8>) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { return false }
        return object["id"] == nil && object["method"] is String && object["jsonrpc"] as? String == "2.0"
    }

    // MARK: - Hostile inputs beyond the fuzzers' length limits

    @Test("a record nested 100,000 deep is one D006 error entry on both paths; its neighbours are evaluated")
    func deepRecordBetweenGoodOnes() throws {
        let evaluator = Evaluator(program: Program(try ShippedPolicyTests.policy("plaju")))
        let good = #"{"nip":"1","unit":"kecamatan","supervisor":4}"#
        let deep = #"{"nip":"2","peers":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let bytes = Array([good, deep, good].joined(separator: "\n").utf8)
        let (fast, general) = BothWays.results(bytes, evaluator, format: .jsonl, batch: 2)
        #expect(fast == general)
        #expect(general.map(\.number) == [1, 2, 3])
        guard general.count == 3, case .failure(let error) = general[1].outcome else {
            Issue.record("the deep record is not an error: \(general)")
            return
        }
        #expect(error.code == "D006")
        #expect(error.message == "nesting too deep: more than 64 levels")
        #expect(general[1].line == 2)
        for index in [0, 2] {
            guard case .success = general[index].outcome else {
                Issue.record("record \(index + 1) was not evaluated")
                continue
            }
        }
    }
}
