import Foundation
import Testing

@testable import KinerjaCore

/// The fast binder must take the common records and give exactly what the general path gives, on clean and on
/// damaged input alike.
@Suite("Fast binding of JSON lines")
struct JSONFastBinderTests {
    static func policy(_ name: String) throws -> CheckedPolicy {
        try ShippedPolicyTests.policy(name)
    }

    static func lines(_ region: String) throws -> [String] {
        let url = Golden.repository.appendingPathComponent("Policies/samples/\(region).jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Results through batches (fast path where possible) and through the general reader.
    static func bothWays(_ text: String, _ evaluator: Evaluator) -> (fast: [RecordResult], general: [RecordResult]) {
        BothWays.results(Array(text.utf8), evaluator, format: .jsonl, batch: 7)
    }

    @Test("clean records of every region take the fast path", arguments: ShippedPolicyTests.regions)
    func takesFastPath(_ region: String) throws {
        let program = Program(try Self.policy(region))
        let binder = JSONFastBinder(schema: program.policy.record, aggregates: program.aggregates)
        var accepted = 0
        let lines = try Self.lines(region)
        let frame = program.makeFrame()
        var order = KeyOrder()
        var key: Range<Int>?
        for line in lines {
            let bytes = Array(line.utf8)
            if bytes.withUnsafeBufferPointer({ binder.bind($0, into: frame, order: &order, key: &key) }) { accepted += 1 }
        }
        let deliberateErrors = ShippedPolicyTests.brokenSamples[region]?.count ?? 0
        #expect(accepted == lines.count - deliberateErrors)
    }

    @Test("batches and the general reader give the same results on the samples", arguments: ShippedPolicyTests.regions)
    func samplesAgree(_ region: String) throws {
        let evaluator = Evaluator(program: Program(try Self.policy(region)))
        let (fast, general) = Self.bothWays(try Self.lines(region).joined(separator: "\n"), evaluator)
        #expect(fast == general)
        #expect(fast.count == (try Self.lines(region)).count)
    }

    /// An evaluator of the benchmark policy (`Benchmarks/plaju-q.policy`).
    static func benchmarkEvaluator() throws -> Evaluator {
        let source = SourceFile(path: "Benchmarks/plaju-q.policy", bytes: try [UInt8](Data(
            contentsOf: Golden.repository.appendingPathComponent("Benchmarks/plaju-q.policy"))))
        let policy = try #require(Checker.check(source, loader: Workspace(root: Golden.repository.path).loader).policy)
        return Evaluator(program: Program(policy))
    }

    @Test("edge numbers: long, tiny, huge, negative, exponent forms agree both ways")
    func edgeNumbers() throws {
        let evaluator = try Self.benchmarkEvaluator()
        let literals = ["0", "-0", "0.0", "10", "10.000000000000000", "9.999999999999999999", "0.000000000000000001",
                        "123456789012345678", "1234567890123456789", "92233720368547758", "3e1", "1E+1", "2.5e-1",
                        "-1.5", "100.5", "0.25", "1e400"]
        let records = literals.enumerated().map { index, literal in
            #"{"nip":"\#(index)","er_minutes":[\#(literal)],"ktp_hours":[\#(literal)],"imm_coverage_pct":\#(literal),"#
                + #""supervisor":3,"peers":[],"community":\#(literal)}"#
        }
        let (fast, general) = Self.bothWays(records.joined(separator: "\n"), evaluator)
        #expect(fast.count == literals.count)
        #expect(fast == general)
    }

    @Test("wide records: hundreds of undeclared keys take the fast path; a key written twice is still found")
    func wideRecords() throws {
        let policy = try Self.policy("plaju")
        let evaluator = Evaluator(program: Program(policy))
        let base = String(try Self.lines("plaju")[0].dropLast())
        let extra = (0..<300).map { #""x\#($0)":\#($0)"# }
        let wide = base + "," + extra.joined(separator: ",") + "}"
        let twice = base + "," + extra.joined(separator: ",") + #","x7":1}"#
        let binder = JSONFastBinder(schema: policy.record, aggregates: evaluator.program.aggregates)
        let frame = evaluator.program.makeFrame()
        var order = KeyOrder()
        var key: Range<Int>?
        #expect(Array(wide.utf8).withUnsafeBufferPointer { binder.bind($0, into: frame, order: &order, key: &key) })
        #expect(!Array(twice.utf8).withUnsafeBufferPointer { binder.bind($0, into: frame, order: &order, key: &key) })
        let (fast, general) = Self.bothWays([wide, twice].joined(separator: "\n"), evaluator)
        #expect(fast == general)
        guard case .failure(let error) = general[1].outcome else {
            Issue.record("a key written twice is not an error")
            return
        }
        #expect(error.code == "D003")
    }

    @Test("a policy of 150 fields: records that give or leave out any of them take the fast path and agree both ways")
    func manyDeclaredFields() throws {
        let count = 150
        let policy = try PolicyHarness("""
            policy t
            record {
              nip text key
            \((0..<count).map { "  f\($0) number\($0 % 3 == 0 ? "" : " optional")" }.joined(separator: "\n"))
            }
            output {
              jumlah = \((0..<count).map { "(f\($0) ?? 0)" }.joined(separator: " + "))
              ada = \((0..<count).filter { $0 % 3 != 0 }.map { "(if present(f\($0)) then 1 else 0)" }.joined(separator: " + "))
            }
            """).policy
        let evaluator = Evaluator(program: Program(policy))
        // Every field given; each optional field left out in turn; a required field left out (f0, f63 and f129, in
        // slots 1, 64 and 130: each side of the first word of the set of fields seen, and past it).
        func line(without left: Int?) -> String {
            "{\"nip\":\"1\"," + (0..<count).filter { $0 != left }.map { "\"f\($0)\":\($0)" }.joined(separator: ",") + "}"
        }
        let lines = [line(without: nil)] + (0..<count).filter { $0 % 3 != 0 }.map { line(without: $0) }
            + [0, 63, 129].map { line(without: $0) }
        let binder = JSONFastBinder(schema: policy.record, aggregates: evaluator.program.aggregates)
        let frame = evaluator.program.makeFrame()
        var order = KeyOrder()
        var key: Range<Int>?
        let accepted = lines.filter { line in
            Array(line.utf8).withUnsafeBufferPointer { binder.bind($0, into: frame, order: &order, key: &key) }
        }
        // The three records without a required field are left to the general path, which reports them.
        #expect(accepted.count == lines.count - 3)
        let (fast, general) = Self.bothWays(lines.joined(separator: "\n"), evaluator)
        #expect(fast == general)
        #expect(general.filter { if case .failure = $0.outcome { true } else { false } }.count == 3)
    }

    @Test("keys in the last record's order, left out, reordered or repeated: the same results both ways")
    func keyOrders() throws {
        let evaluator = Evaluator(program: Program(try Self.policy("plaju")))
        let first = try Self.lines("plaju")[0]
        let object = try #require(JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let keys = object.keys.sorted()
        func line(_ order: [String], repeating repeated: String? = nil) throws -> String {
            var parts = try order.map { key in
                "\"\(key)\":" + String(decoding: try JSONSerialization.data(withJSONObject: object[key]!,
                                                                         options: .fragmentsAllowed), as: UTF8.self)
            }
            if let repeated, let part = parts.first(where: { $0.hasPrefix("\"\(repeated)\":") }) { parts.append(part) }
            return "{" + parts.joined(separator: ",") + "}"
        }
        let lines = [
            try line(keys), try line(keys), try line(keys.filter { $0 != "unit" }), try line(keys.reversed()),
            try line(keys, repeating: "unit"), try line(keys, repeating: "nip"), try line(keys),
            try line(Array(keys.dropLast())), try line(keys.reversed(), repeating: keys.last),
        ]
        let (fast, general) = Self.bothWays(lines.joined(separator: "\n"), evaluator)
        #expect(fast == general)
        let codes = fast.map { result in if case .failure(let error) = result.outcome { error.code } else { "ok" } }
        // `unit` is required and the last key (`supervisor`) too: leaving either out is R001.
        #expect(codes == ["ok", "ok", "R001", "ok", "D003", "D003", "ok", "R001", "D003"])
    }

    @Test("keys of 1 to 20 bytes and keys that differ from them in one byte are told apart, at any place in a line")
    func nearlyEqualKeys() throws {
        // Field `abc…` of n letters holds n; a record that misspells one key leaves that field out.
        let names = (1...20).map { count in String("abcdefghijklmnopqrst".prefix(count)) }
        let harness = try PolicyHarness("""
            policy t
            record {
              nip text key
            \(names.map { "  \($0) number optional" }.joined(separator: "\n"))
            }
            output {
              jumlah = \(names.map { "(\($0) ?? 0)" }.joined(separator: " + "))
            }
            """)
        func line(_ names: [String]) -> String {
            "{\"nip\":\"1\"," + names.map { "\"\($0)\":\($0.count)" }.joined(separator: ",") + "}"
        }
        var lines = [line(names)]
        for (index, name) in names.enumerated() {
            for place in Self.places(in: name) {
                var misspelt = Array(name.utf8)
                misspelt[place] = UInt8(ascii: "Z")
                var keys = names
                keys[index] = String(decoding: misspelt, as: UTF8.self)
                lines.append(line(keys))
                // The same key as the last one of a short line, where fewer than eight bytes follow it.
                lines.append(line([keys[index]]))
                lines.append(line([name]))
            }
        }
        let (fast, general) = Self.bothWays(lines.joined(separator: "\n"), harness.evaluator)
        #expect(fast == general)
        let totals = fast.map { result -> Int64 in
            guard case .success(let record) = result.outcome, case .number(let total) = record.outputs[0] else { return -1 }
            return total.numerator
        }
        var expected: [Int64] = [210]
        for name in names {
            for _ in Self.places(in: name) {
                expected += [210 - Int64(name.count), 0, Int64(name.count)]
            }
        }
        #expect(totals == expected)
    }

    /// The first, middle and last byte of a name, each once.
    private static func places(in name: String) -> [Int] {
        Array(Set([0, name.count / 2, name.count - 1])).sorted()
    }

    @Test("a key the policy only writes is written from its bytes; a key it reads is bound as text: both ways agree")
    func keyWrittenOrRead() throws {
        let policy = { (output: String) in
            """
            policy keys "Keys"
              period quarter

            record {
              id     text    key  "ID"
              score  number       "Score"
            }

            output {
              \(output)
            }
            """
        }
        let lines = [#"{"id":"198106270000000000","score":1}"#, #"{"score":2,"id":"a"}"#, #"{"id":"x\"y","score":3}"#,
                     #"{"id":null,"score":4}"#, #"{"score":5}"#, #"{"id":"","score":6}"#]
        for output in ["doubled = score * 2", "copy = id"] {
            let harness = try PolicyHarness(policy(output))
            let (fast, general) = BothWays.results(Array(lines.joined(separator: "\n").utf8), harness.evaluator,
                                                   format: .jsonl, batch: 4)
            #expect(fast == general, "\(output)")
            #expect(fast.map(\.key) == ["198106270000000000", "a", "x\"y", nil, nil, ""], "\(output)")
        }
    }

    @Test("a nesting limit tighter than the fast path's applies to every record alike")
    func tightNestingLimit() throws {
        let evaluator = Evaluator(program: Program(try Self.policy("plaju")), limits: DataLimits(maxDepth: 1))
        let plain = try Self.lines("plaju")[0]
        let escaped = String(plain.dropLast()) + #","y":"\u0041"}"#
        let (fast, general) = Self.bothWays([plain, escaped].joined(separator: "\n"), evaluator)
        #expect(fast == general)
        let codes = fast.map { result in if case .failure(let error) = result.outcome { error.code } else { "ok" } }
        #expect(codes == ["D006", "D006"])
    }

    @Test("number fields read again come from the memo: the same bytes give the same value, other bytes are read anew")
    func numbersMetAgain() throws {
        let evaluator = try Self.benchmarkEvaluator()
        // imm_coverage_pct is a percent, supervisor and community are scores from 1 to 5; community ends the line.
        let values = [("95.5", "5", "4.4"), ("95.50", "5", "4.4"), ("95.5 ", "5 ", "4.4 "), ("95.5", "6", "4.4"),
                      ("95.5", "5", "4.40"), ("120", "1", "5"), ("95.5", "5", "5.5"), ("95.5", "5", "4.4"),
                      ("-95.5", "5.0", "4.4"), ("95.5", "5", "1e0"), ("95.5x", "5", "4.4"), ("95.5", "5", "4.4x")]
        var lines: [String] = []
        for round in 0..<3 {
            for (index, (imm, supervisor, community)) in values.enumerated() {
                lines.append(#"{"nip":"\#(round)-\#(index)","er_minutes":[4.0],"imm_coverage_pct":\#(imm),"#
                    + #""supervisor":\#(supervisor),"peers":[4],"community":\#(community)}"#)
            }
        }
        let (fast, general) = Self.bothWays(lines.joined(separator: "\n"), evaluator)
        #expect(fast.count == lines.count)
        #expect(fast == general)
        // A score out of range stays an error when the same field held a valid score just before.
        // So does a number with bytes after it that are not JSON (a line that is not JSON has no key: by number).
        let failed = fast.filter { if case .failure = $0.outcome { true } else { false } }.map(\.number)
        #expect(failed == [4, 7, 11, 12, 16, 19, 23, 24, 28, 31, 35, 36])
        #expect(BothWays.boundFast(lines, evaluator) == 24, "the fast binder takes every record without an error")

        // The memo is read: what was found for `4,` put in the place of `5,` makes a supervisor of 5 read as 4.
        let program = evaluator.program
        let binder = JSONFastBinder(schema: program.policy.record, aggregates: program.aggregates)
        let frame = program.makeFrame()
        let supervisor = try #require(program.policy.record.fields.firstIndex { $0.name == "supervisor" })
        let table = frame.itemMemo.table(try #require(
            program.aggregates.memoTables[supervisor]))
        func read(_ score: String) -> Value? {
            var order = KeyOrder()
            var key: Range<Int>?
            let line = #"{"nip":"1","er_minutes":[4.0],"supervisor":"# + score + #","peers":[4]}"#
            let bound = Array(line.utf8).withUnsafeBufferPointer { binder.bind($0, into: frame, order: &order, key: &key) }
            return bound ? frame.fields[supervisor] : nil
        }
        func item(_ text: String) -> ByteWord.ShortItem? {
            Array(text.utf8).withUnsafeBufferPointer {
                ByteCursor(bytes: $0).shortItem(endingAt: UInt8(ascii: ","), or: UInt8(ascii: "}"))
            }
        }
        #expect(read("4") == .number(Number(4)) && read("5") == .number(Number(5)))
        let four = try #require(item("4,")), five = try #require(item("5,"))
        table.put(try #require(table.found(for: four)), for: five)
        #expect(read("5") == .number(Number(4)))
    }

    @Test("damaged lines: both ways agree on every one of 3000 mutations")
    func mutationsAgree() throws {
        let evaluator = Evaluator(program: Program(try Self.policy("plaju")))
        let lines = try Self.lines("plaju")
        var generator = SeededRandom(seed: 20261123)
        let insertions: [UInt8] = Array(#"{}[],:"\ -0.5e1nulltrue\#u{00}é"#.utf8)
        var mutated: [String] = []
        for index in 0..<3000 {
            var bytes = Array(lines[index % lines.count].utf8)
            let position = generator.next(bytes.count)
            switch generator.next(3) {
            case 0: bytes.remove(at: position)
            case 1: bytes.insert(insertions[generator.next(insertions.count)], at: position)
            default: bytes[position] = insertions[generator.next(insertions.count)]
            }
            mutated.append(String(decoding: bytes.filter { $0 != UInt8(ascii: "\n") }, as: UTF8.self))
        }
        let (fast, general) = Self.bothWays(mutated.joined(separator: "\n"), evaluator)
        #expect(fast.count == general.count)
        let differing = zip(fast, general).filter { $0 != $1 }
        #expect(differing.count == 0, "first: \(differing.prefix(2))")
    }
}
