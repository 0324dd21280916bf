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

    /// Records read through batches as the parallel evaluation reads them: the input comes in chunks of
    /// `chunkSize` bytes, up to `inFlight` batches are held at once, and each is read back only after the ones after
    /// it were cut (so that a batch's lines must outlive later refills), then given back for reuse.
    static func throughHeldBatches(_ text: String, _ format: DataFormat, batchSize: Int, chunkSize: Int,
                                   inFlight: Int, limits: DataLimits = .default) -> [DataRecord] {
        var reader = RecordReader(format: format, source: ByteSource(bytes: Array(text.utf8), chunkSize: chunkSize),
                                  limits: limits)
        var workspace = JSONParser.Workspace()
        var held: [RecordBatch] = []
        var records: [DataRecord] = []
        var spent: RecordBatch?
        func readBack(_ batch: RecordBatch) {
            for entry in batch.entries {
                records.append(batch.record(entry, workspace: &workspace, maxDepth: limits.maxDepth))
            }
        }
        while let batch = reader.nextBatch(maxRecords: batchSize, reusing: spent.take()) {
            held.append(batch)
            if held.count > inFlight {
                let oldest = held.removeFirst()
                readBack(oldest)
                spent = oldest
            }
        }
        held.forEach(readBack)
        return records
    }

    static func general(_ text: String, _ format: DataFormat, limits: DataLimits = .default) -> [DataRecord] {
        var reader = RecordReader(format: format, source: ByteSource(bytes: Array(text.utf8), chunkSize: 3),
                                  limits: limits)
        var records: [DataRecord] = []
        while let record = reader.next() { records.append(record) }
        return records
    }

    static let lines = (1...40).map { number in
        switch number % 7 {
        case 0: "\r"  // a blank line with a CR
        case 3: "{\"nip\":\"\(number)\",\"daftar\":[\(String(repeating: "1.5,", count: number))2]}"
        case 5: "{\"nip\": \(number), broken"
        default: "{\"nip\":\"\(number)\"}\r"
        }
    }.joined(separator: "\n")

    @Test("JSON Lines: held batches keep their lines across refills, for every chunk size",
          arguments: [1, 2, 5, 16, 61, 200, 1 << 20])
    func heldBatches(chunkSize: Int) {
        let general = Self.general(Self.lines, .jsonl)
        #expect(general.count == 35)
        for (batchSize, inFlight) in [(1, 0), (2, 3), (3, 1), (7, 5), (1024, 2)] {
            let records = Self.throughHeldBatches(Self.lines, .jsonl, batchSize: batchSize, chunkSize: chunkSize,
                                                  inFlight: inFlight)
            #expect(records == general, "batches of \(batchSize), \(inFlight) held, chunks of \(chunkSize)")
        }
    }

    @Test("Held batches under limits: too many records, and a line or row longer than the limit",
          arguments: [1, 4, 33])
    func heldBatchesUnderLimits(chunkSize: Int) {
        let limits = DataLimits(maxRecordBytes: 60, maxRecords: 20)
        for (text, format) in [(Self.lines, DataFormat.jsonl), (Self.csv, .csv)] {
            let general = Self.general(text, format, limits: limits)
            for batchSize in [1, 2, 5, 100] {
                let records = Self.throughHeldBatches(text, format, batchSize: batchSize, chunkSize: chunkSize,
                                                      inFlight: 2, limits: limits)
                #expect(records == general, "\(format), batches of \(batchSize), chunks of \(chunkSize)")
            }
        }
        guard case .failure(let error)? = Self.general(Self.lines, .jsonl, limits: limits).last?.content else {
            Issue.record("the last record reports the limit")
            return
        }
        #expect(error.code == .tooManyRecords)
    }
}

