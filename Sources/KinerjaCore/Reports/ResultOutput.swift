/// Formats a stream of results as JSON lines, a JSON array, CSV or an aligned table, handing out whole lines in
/// chunks so that output is written as it is produced (except the table, which needs every row for its widths).
public struct ResultOutput {
    public enum Format: String, Sendable {
        case jsonl
        case json
        case csv
        case table
    }

    let format: Format
    let writer: ResultWriter
    private let table: ResultTable
    private var buffer: [UInt8] = []
    private var rows: [[String]] = []
    private var count = 0
    static let chunkSize = 1 << 16

    public init(format: Format, writer: ResultWriter) {
        self.format = format
        self.writer = writer
        self.table = ResultTable(writer: writer)
        buffer.reserveCapacity(Self.chunkSize * 2)
    }

    public mutating func begin() {
        switch format {
        case .json: buffer.append(UInt8(ascii: "["))
        case .csv: buffer.append(contentsOf: ResultTable.csvLine(table.header).utf8)
        case .table: rows.append(table.headerWithUnits)
        case .jsonl: break
        }
    }

    public mutating func append(_ result: RecordResult) {
        switch format {
        case .jsonl:
            writer.appendJSON(result, to: &buffer)
            buffer.append(UInt8(ascii: "\n"))
        case .json:
            buffer.append(contentsOf: (count > 0 ? ",\n" : "\n").utf8)
            writer.appendJSON(result, to: &buffer)
        case .csv:
            buffer.append(contentsOf: ResultTable.csvLine(table.row(result)).utf8)
        case .table:
            rows.append(table.row(result))
        }
        count += 1
    }

    /// The bytes ready to write once enough have gathered; nil until then.
    public mutating func takeChunk() -> [UInt8]? {
        guard buffer.count >= Self.chunkSize else { return nil }
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }

    /// Everything not yet handed out, with the closing bracket of a JSON array.
    public mutating func finish() -> [UInt8] {
        switch format {
        case .json: buffer.append(contentsOf: (count > 0 ? "\n]\n" : "]\n").utf8)
        case .table: buffer.append(contentsOf: ResultTable.aligned(rows).utf8)
        case .jsonl, .csv: break
        }
        defer { buffer.removeAll() }
        return buffer
    }
}
