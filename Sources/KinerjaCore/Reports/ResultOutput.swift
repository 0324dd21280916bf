/// Renders results as JSON lines, a JSON array or CSV. Rendering one result depends on nothing but the result
/// (the first record of the input is number 1), so batches can be rendered on several threads and joined.
public struct ResultOutput: Sendable {
    public enum Format: String, Sendable {
        case jsonl
        case json
        case csv
    }

    let format: Format
    let writer: ResultWriter
    private let table: ResultTable

    public init(format: Format, writer: ResultWriter) {
        self.format = format
        self.writer = writer
        self.table = ResultTable(writer: writer)
    }

    /// What comes before the first result: `[` for JSON, the header row for CSV.
    public func header() -> [UInt8] {
        switch format {
        case .json: Array("[".utf8)
        case .csv: Array(ResultTable.csvLine(table.header).utf8)
        case .jsonl: []
        }
    }

    /// The results, each as complete lines.
    public func render(_ results: [RecordResult]) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(results.count * 160)
        for result in results { append(result, to: &buffer) }
        return buffer
    }

    /// Appends one result as complete lines.
    public func append(_ result: RecordResult, to buffer: inout some ByteSink & ~Copyable) {
        guard format != .csv else {
            var line = ResultTable.csvLine(table.row(result))
            line.withUTF8 { buffer.append(contentsOf: $0) }
            return
        }
        beginJSON(number: result.number, to: &buffer)
        writer.appendJSON(result, to: &buffer)
        endJSON(to: &buffer)
    }

    /// Appends the result of record `number` that evaluated, with its outputs read from wherever they are (such as
    /// straight from a frame), as `append` would write it.
    func appendSuccess(number: Int, line: Int, key: ResultKey?, outputs: some RandomAccessCollection<Value>,
                       recommendations: [Int], to buffer: inout some ByteSink & ~Copyable) {
        guard format != .csv else {
            let record = EvaluatedRecord(outputs: Array(outputs), recommendations: recommendations)
            append(RecordResult(number: number, line: line, key: key?.text, outcome: .success(record)), to: &buffer)
            return
        }
        beginJSON(number: number, to: &buffer)
        writer.appendJSON(key: key, outputs: outputs, recommendations: recommendations, to: &buffer)
        endJSON(to: &buffer)
    }

    /// What comes before a result's JSON object: in a JSON array, the separator from the one before. (Written
    /// around the object rather than through a closure, which would copy this output for every record.)
    private func beginJSON(number: Int, to buffer: inout some ByteSink & ~Copyable) {
        if format == .json { buffer.append(number > 1 ? ",\n" : "\n") }
    }

    /// What comes after a result's JSON object: in JSON Lines, the end of its line.
    private func endJSON(to buffer: inout some ByteSink & ~Copyable) {
        if format == .jsonl { buffer.append(UInt8(ascii: "\n")) }
    }

    /// What comes after the last result: the closing bracket of a JSON array.
    public func footer(count: Int) -> [UInt8] {
        format == .json ? Array((count > 0 ? "\n]\n" : "]\n").utf8) : []
    }
}
