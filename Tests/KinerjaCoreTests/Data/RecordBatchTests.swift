import Foundation
import Testing

@testable import KinerjaCore

/// Batches hand records to the workers raw; read back, they must be exactly the records of the general reader.
@Suite("Record batches")
struct RecordBatchTests {
    static func bothWays(_ text: String, _ format: DataFormat, batchSize: Int) -> ([DataRecord], [DataRecord]) {
        var batchReader = RecordReader(format: format, source: ByteSource(bytes: Array(text.utf8)))
        var workspace = JSONParser.Workspace()
        var fromBatches: [DataRecord] = []
        while let batch = batchReader.nextBatch(maxRecords: batchSize) {
            for entry in batch.entries {
                fromBatches.append(batch.record(entry, workspace: &workspace, maxDepth: DataLimits.default.maxDepth))
            }
        }
        var reader = RecordReader(format: format, source: ByteSource(bytes: Array(text.utf8)))
        var general: [DataRecord] = []
        while let record = reader.next() { general.append(record) }
        return (fromBatches, general)
    }

    static let csv = """
        \u{FEFF}nip;unit;nilai;catatan\r
        1;dinkes;90,5;"baris\r
        kedua"\r
        2;disdik;80\r
        \r
        3;"dinkes";"7""5";x"y\r
        4;"tidak ditutup;1;2
        5;dinkes;88;ok
        """

    @Test("CSV: rows with quotes, line breaks in cells, wrong cell counts and errors", arguments: [1, 2, 3, 100])
    func csvRows(batchSize: Int) {
        let (fromBatches, general) = Self.bothWays(Self.csv, .csv, batchSize: batchSize)
        #expect(fromBatches == general)
        // Row 7 opens a quote that is never closed: it runs to the end of the input, taking the last line along.
        #expect(general.map(\.line) == [2, 4, 6, 7])
    }

    @Test("CSV: the shipped spreadsheet export", arguments: [7, 4096])
    func shippedCSV(batchSize: Int) throws {
        let text = try String(contentsOf: Golden.repository.appendingPathComponent("Policies/samples/pontianak.csv"),
                              encoding: .utf8)
        let (fromBatches, general) = Self.bothWays(text, .csv, batchSize: batchSize)
        #expect(fromBatches == general)
        #expect(general.count == 64)
    }

    @Test("JSON Lines: errors keep their line and column")
    func jsonLines() {
        let text = "{\"a\":1}\n\n{\"a\":\u{00}}\n{\"a\": [1,}\n{\"nip\":\"é\",\"x\":1e999}\r\n  \n[1]"
        let (fromBatches, general) = Self.bothWays(text, .jsonl, batchSize: 2)
        #expect(fromBatches == general)
        #expect(general.count == 5)
    }
}
