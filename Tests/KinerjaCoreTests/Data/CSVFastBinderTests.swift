import Foundation
import Testing

@testable import KinerjaCore

/// The CSV fast binder must take plain rows and give exactly what the general path gives, on clean and on damaged
/// rows alike.
@Suite("Fast binding of CSV rows")
struct CSVFastBinderTests {
    static let sample = Golden.repository.appendingPathComponent("Policies/samples/pontianak.csv")

    /// Results through batches (fast path where possible) and through the general reader.
    static func bothWays(_ text: String, _ evaluator: Evaluator) -> (fast: [RecordResult], general: [RecordResult]) {
        BothWays.results(Array(text.utf8), evaluator, format: .csv, batch: 5)
    }

    static func evaluator() throws -> Evaluator {
        Evaluator(program: Program(try ShippedPolicyTests.policy("pontianak")))
    }

    @Test("plain rows of the sample take the fast path")
    func takesFastPath() throws {
        let policy = try ShippedPolicyTests.policy("pontianak")
        let program = Program(policy)
        let binder = CSVFastBinder(schema: policy.record, aggregates: program.aggregates)
        let frame = program.makeFrame()
        var reader = RecordReader(format: .csv, source: ByteSource(bytes: try [UInt8](Data(contentsOf: Self.sample))))
        var rows = 0
        var accepted = 0
        while let batch = reader.nextBatch(maxRecords: 1000) {
            let columns = binder.columns(of: batch.csvHeader)
            for case .csvRow(let range) in batch.entries.map(\.content) {
                rows += 1
                if batch.bytes.withUnsafeBufferPointer({
                    binder.bind($0, range, delimiter: batch.csvDelimiter, columns: columns, into: frame)
                }) { accepted += 1 }
            }
        }
        let deliberateErrors = ShippedPolicyTests.brokenSamples["pontianak"]?.count ?? 0
        #expect(rows > 50)
        #expect(accepted == rows - deliberateErrors)
    }

    @Test("the sample gives the same results both ways")
    func sampleAgrees() throws {
        let (fast, general) = Self.bothWays(try String(contentsOf: Self.sample, encoding: .utf8), try Self.evaluator())
        #expect(fast.count > 50)
        #expect(fast == general)
    }

    @Test("unusual cells: quotes, spaces, signs, case, exponents, list items, missing and extra cells agree")
    func unusualCells() throws {
        let header = "nip;unit;capaian_rhk;cakupan_idl;target_idl;atasan;rekan;jumlah_dialog;sudah_pelatihan"
        let rows = [
            "1;dinkes;100|94.2;87.0;90.0;5;4|5;3;ya",
            "2;dinkes;\"100|94.2\";87;90;5;4|5;3;tidak",
            "3;dinkes; 100|94.2;87 ;+90;5;4| 5;3;TRUE",
            "4;dinkes;100||94.2;8.7e1;90;5;4|5;3;1",
            "5;dinkes;100|;087;90;6;4|5;3;0",
            "6;dinkes;;;;5;;3;",
            "7;dinkes;100;87;90;5;4|5;3",
            "8;dinkes;100;87;90;5;4|5;3;ya;extra",
            "9;dinkés;100;87;90;5;4|5;3;ya",
            "10;dinkes;100;87;90;4.5;4|5;-3;ya",
            "11;dinkes;1e400;87;90;5;4|5;3;false",
            "12;\"din;kes\";100;87;90;5;4|5;3;true",
        ]
        let (fast, general) = Self.bothWays(([header] + rows).joined(separator: "\n"), try Self.evaluator())
        #expect(fast.count == rows.count)
        #expect(fast == general)
    }

    @Test("damaged rows: both ways agree on every one of 3000 mutations")
    func mutationsAgree() throws {
        let lines = try String(contentsOf: Self.sample, encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        var generator = SeededRandom(seed: 20261124)
        let insertions: [UInt8] = Array(#";|" -0.5e1+yaTRUE\#u{00}é"#.utf8)
        var mutated: [String] = []
        for index in 0..<3000 {
            var bytes = Array(lines[1 + index % (lines.count - 1)].utf8)
            let position = generator.next(bytes.count)
            switch generator.next(3) {
            case 0: bytes.remove(at: position)
            case 1: bytes.insert(insertions[generator.next(insertions.count)], at: position)
            default: bytes[position] = insertions[generator.next(insertions.count)]
            }
            mutated.append(String(decoding: bytes.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") },
                                  as: UTF8.self))
        }
        let (fast, general) = Self.bothWays(([lines[0]] + mutated).joined(separator: "\n"), try Self.evaluator())
        #expect(fast.count == general.count)
        let differing = zip(fast, general).filter { $0 != $1 }
        #expect(differing.count == 0, "first: \(differing.prefix(2))")
    }
}
