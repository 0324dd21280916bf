/// Results as rows of text cells, for CSV files and for aligned tables on a terminal. The columns are the key,
/// the outputs in policy order, the recommendations (when the policy has any) and an error column.
public struct ResultTable: Sendable {
    let writer: ResultWriter
    public let header: [String]

    public init(writer: ResultWriter) {
        self.writer = writer
        let policy = writer.policy
        var header: [String] = []
        if let key = policy.record.keyIndex { header.append(policy.record.fields[key].name) }
        header += policy.outputs.map { policy.values[$0].name }
        if !policy.recommendations.isEmpty { header.append("recommendations") }
        header.append("error")
        self.header = header
    }

    /// The header with the unit of each number column, for people: `hasil (%)`, `respon (min)`.
    public var headerWithUnits: [String] {
        let policy = writer.policy
        let offset = policy.record.keyIndex == nil ? 0 : 1
        return header.enumerated().map { position, name in
            let output = position - offset
            guard output >= 0, output < policy.outputs.count,
                  case .number(let quantity) = policy.values[policy.outputs[output]].expression.type else { return name }
            switch quantity {
            case .plain: return name
            case .percent: return name + " (%)"
            case .duration(let unit): return name + " (\(unit.rawValue))"
            }
        }
    }

    /// One result as cells: numbers in the unit of their type, texts as they are, absent as an empty cell,
    /// lists joined with '|'.
    public func row(_ result: RecordResult) -> [String] {
        let policy = writer.policy
        var cells: [String] = []
        if policy.record.keyIndex != nil { cells.append(result.key ?? "") }
        switch result.outcome {
        case .success(let record):
            for (value, index) in zip(record.outputs, policy.outputs) {
                cells.append(Self.cell(value, policy.values[index].expression.type))
            }
            if !policy.recommendations.isEmpty {
                cells.append(record.recommendations.map { policy.recommendations[$0].name }.joined(separator: "|"))
            }
            cells.append("")
        case .failure(let error):
            cells += [String](repeating: "", count: policy.outputs.count + (policy.recommendations.isEmpty ? 0 : 1))
            var text = "record \(result.number), line \(result.line): \(error.code)"
            if let field = error.field { text += " '\(field)'" }
            text += ": \(error.message)"
            if let at = writer.location(of: error) { text += " (\(at))" }
            cells.append(text)
        }
        return cells
    }

    static func cell(_ value: Value, _ type: ValueType) -> String {
        switch (value, type) {
        case (.absent, _): ""
        case (.text(let text), _): text
        case (.list(let items), .list(let element)): items.map { cell($0, element) }.joined(separator: "|")
        case (.numbers(let numbers), .list): cell(.list(numbers.map(Value.number)), type)
        default: QuantityText.text(value, type).trimmingUnit(of: type)
        }
    }

    /// A CSV line (RFC 4180): cells quoted when they hold the delimiter, a quote or a line break.
    public static func csvLine(_ cells: [String]) -> String {
        cells.map { cell in
            guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
            return "\"" + cell.replacingAll("\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }

    /// Rows aligned in columns for a terminal, numbers right-aligned.
    public static func aligned(_ rows: [[String]]) -> String {
        guard let width = rows.first?.count else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return cell.first.map { $0.isNumber || $0 == "-" } == true ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The number without its unit suffix ("90%" → "90", "10 min" → "10"): cells carry the unit in the header.
    func trimmingUnit(of type: ValueType) -> String {
        guard case .number(let quantity) = type else { return self }
        switch quantity {
        case .plain: return self
        case .percent: return hasSuffix("%") ? String(dropLast()) : self
        case .duration(let unit): return hasSuffix(" " + unit.rawValue) ? String(dropLast(unit.rawValue.count + 1)) : self
        }
    }

    var trimmingTrailingSpaces: String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
