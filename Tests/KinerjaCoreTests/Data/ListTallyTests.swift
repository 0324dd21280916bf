import Foundation
import Testing

@testable import KinerjaCore

/// Lists read only through count, sum, mean and tests against constants are tallied while the record is read; the
/// values must be exactly those the list functions compute from the whole list, for every kind of number field.
@Suite("List aggregates read with the record")
struct ListTallyTests {
    static let policyText = (try? String(contentsOf: Golden.fixtures.appendingPathComponent("aggregates/tally.policy"),
                                         encoding: .utf8)) ?? ""

    static func harness() throws -> PolicyHarness {
        try PolicyHarness(policyText)
    }

    @Test("lists read only through aggregates are tallied; a list also read whole is not")
    func tallied() throws {
        let policy = try Self.harness().policy
        let fields = Set(Program(policy).aggregates.all.map { policy.record.fields[$0.field].name })
        #expect(fields == ["plain", "whole", "counts", "scores", "shares", "minutes"])
    }

    @Test("exact values, with the list read fast and the general way")
    func exactValues() throws {
        let harness = try Self.harness()
        let fast = #"{"id":"a","plain":[1,2.5,-3.75,10],"whole":[3,8],"counts":[4,4,0],"scores":[3.5,5],"#
            + #""shares":[90,95.5],"minutes":[1.5,10,10.01],"kept":[1,2]}"#
        // An exponent takes the general path for the whole record.
        let general = fast.replacingOccurrences(of: "10]", with: "1e1]")
        let expected = #"{"id":"a","n_plain":4,"s_plain":9.75,"m_plain":2.4375,"le_plain":3,"lt_plain":25,"#
            + #""ge_whole":2,"gt_whole":50,"eq_counts":2,"ne_counts":33.3333333333,"m_scores":4.25,"ge_scores":100,"#
            + #""s_shares":185.5,"le_shares":50,"m_minutes":7.17,"le_minutes":66.6666666667,"eq_minutes":1,"n_kept":2,"#
            + #""md_kept":1.5,"ne_half":4}"#
        #expect(harness.result(fast) == expected)
        #expect(harness.result(general) == expected)
        #expect(harness.result(#"{"id":"b","plain":null}"#) == #"{"id":"b","n_plain":0,"s_plain":0,"m_plain":null,"#
            + #""le_plain":0,"lt_plain":null,"ge_whole":0,"gt_whole":null,"eq_counts":0,"ne_counts":null,"#
            + #""m_scores":null,"ge_scores":null,"s_shares":0,"le_shares":null,"m_minutes":null,"le_minutes":null,"#
            + #""eq_minutes":0,"n_kept":0,"md_kept":null,"ne_half":0}"#)
    }

    /// A number as data may write it: in a clean record, a plain decimal its field accepts, sometimes on a test's
    /// limit; in a wild one also negative, long, with up to 18 decimals, in exponent form or out of range.
    static func item(_ field: String, clean: Bool, _ random: inout SeededRandom) -> String {
        if clean {
            switch field {
            case "whole", "counts": return String(random.next(12))
            case "scores": return String(1 + random.next(4)) + (random.next(2) == 0 ? "" : ".5")
            default: break
            }
        }
        switch random.next(clean ? 3 : 6) {
        case 0:
            // On and next to the limits of the policy's tests, with and without trailing zeros.
            let limits = ["2.5", "2.50", "-1.25", "-1.250", "-1.3", "3", "7", "4", "3.5", "90", "90.00", "89.99", "10",
                          "10.0", "10.01", "1.5", "1.50", "0.9", "600", "2.25", "2.250"]
            return limits[random.next(limits.count)]
        case 1: return String(random.next(12)) + (random.next(2) == 0 ? "" : "." + String(random.next(1000)))
        case 2:
            let decimals = 1 + random.next(18)
            return "0." + (0..<decimals).map { _ in String(random.next(10)) }.joined()
        case 3: return "-" + String(random.next(100)) + "." + String(random.next(100))
        case 4: return String(random.next() % 999_999_999_999_999_999)
        default: return ["1e1", "2.5E0", "1234567890123456789", "0.0000000000000000001", "1e400", "-0", "-1.25"][random.next(7)]
        }
    }

    static func records(count: Int, seed: UInt64) -> [[String: [String]?]] {
        var random = SeededRandom(seed: seed)
        let fields = ["plain", "whole", "counts", "scores", "shares", "minutes", "kept"]
        return (0..<count).map { _ in
            var record: [String: [String]?] = [:]
            let clean = random.next(3) != 0
            for field in fields {
                switch random.next(10) {
                case 0: continue  // missing
                case 1: record[field] = .some(nil)  // null
                default: record[field] = (0..<random.next(8)).map { _ in item(field, clean: clean, &random) }
                }
            }
            return record
        }
    }

    @Test("2,000 random JSON records: the tallies equal the list functions")
    func randomJSON() throws {
        let harness = try Self.harness()
        let lines = Self.records(count: 2000, seed: 20261123).enumerated().map { index, record in
            let fields = record.sorted { $0.key < $1.key }.map { name, items in
                "\"\(name)\":" + (items.map { "[" + $0.joined(separator: ",") + "]" } ?? "null")
            }
            return "{\"id\":\"\(index)\"," + fields.joined(separator: ",") + "}"
        }
        let (fast, general) = BothWays.results(Array(lines.joined(separator: "\n").utf8), harness.evaluator,
                                               format: .jsonl, batch: 16)
        #expect(fast.count == 2000)
        let differing = zip(fast, general).filter { $0 != $1 }
        #expect(differing.isEmpty, "first: \(differing.prefix(2))")
        #expect(BothWays.boundFast(lines, harness.evaluator) > 1000, "the fast path must take the clean records")
    }

    @Test("2,000 random CSV rows: the tallies equal the list functions")
    func randomCSV() throws {
        let harness = try Self.harness()
        let fields = ["plain", "whole", "counts", "scores", "shares", "minutes", "kept"]
        let rows = Self.records(count: 2000, seed: 20261124).enumerated().map { index, record in
            ([String(index)] + fields.map { record[$0].flatMap { $0 }?.joined(separator: "|") ?? "" })
                .joined(separator: ",")
        }
        let text = (["id," + fields.joined(separator: ",")] + rows).joined(separator: "\n")
        let (fast, general) = BothWays.results(Array(text.utf8), harness.evaluator, format: .csv, batch: 16)
        #expect(fast.count == 2000)
        let differing = zip(fast, general).filter { $0 != $1 }
        #expect(differing.isEmpty, "first: \(differing.prefix(2))")
    }

    @Test("lists of items seldom written alike, then of a few: the memo mostly misses, then hits; tallies stay exact")
    func memoMissing() throws {
        let harness = try Self.harness()
        // Items with three random decimals (thousands of them, for 512 places), then items from a few.
        var random = SeededRandom(seed: 20261126)
        let lines = (0..<30_000).map { index in
            let items = (0..<8).map { _ in
                index < 15_000 ? "\(random.next(10)).\(100 + random.next(900))" : "\(random.next(4)).5"
            }
            return "{\"id\":\"\(index)\",\"minutes\":[" + items.joined(separator: ",") + "]}"
        }
        let (fast, general) = BothWays.results(Array(lines.joined(separator: "\n").utf8), harness.evaluator,
                                               format: .jsonl, batch: 256)
        #expect(fast.count == 30_000)
        #expect(fast == general)
        #expect(BothWays.boundFast(lines, harness.evaluator) == 30_000, "every record is read fast")
    }

    @Test("items met again are counted from the memo, by their bytes; more items than it holds stay exact")
    func memo() throws {
        let harness = try Self.harness()
        // 10,000 items of up to five bytes, many alike in value but not in bytes (3.7 and 3.70), far more than a
        // memo table holds: later records meet items still in the memo and items put out of it since.
        var random = SeededRandom(seed: 20261125)
        let lines = (0..<2000).map { index in
            let lists = ["plain", "minutes"].map { field in
                "\"\(field)\":[" + (0..<5).map { _ in "\(random.next(10)).\(random.next(1000))" }.joined(separator: ",") + "]"
            }
            return "{\"id\":\"\(index)\"," + lists.joined(separator: ",") + "}"
        }
        // After 2.5 is known, an item that is 2.5 and a zero byte (which no JSON has) is an error, not 2.5.
        let zero = #"{"id":"z","plain":[2.5,2.5,2.5"# + "\u{0},1]}"
        let (fast, general) = BothWays.results(Array((lines + [zero]).joined(separator: "\n").utf8), harness.evaluator,
                                               format: .jsonl, batch: 64)
        #expect(fast.count == 2001)
        if case .success = fast.last?.outcome { Issue.record("a zero byte inside an item was read") }
        let differing = zip(fast, general).filter { $0 != $1 }
        #expect(differing.isEmpty, "first: \(differing.prefix(2))")
        #expect(BothWays.boundFast(lines, harness.evaluator) == 2000, "every record is read fast")
    }
}
