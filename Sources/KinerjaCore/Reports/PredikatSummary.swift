/// Counts of one output's values (normally `predikat`) over a batch, overall and per unit, for `--summary`.
public struct PredikatSummary: Sendable {
    public let outputName: String
    public let groupName: String?
    private let outputPosition: Int
    private let groupField: Int?
    public private(set) var records = 0
    public private(set) var errors = 0
    public private(set) var overall: [String: Int] = [:]
    public private(set) var byGroup: [String: [String: Int]] = [:]

    /// The order in which PermenPANRB 6/2022 lists the predikat; other values follow alphabetically.
    static let officialOrder = ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]

    /// A summary of the output named `outputName`, grouped by the record field `groupField` when the policy has
    /// it; nil when the policy has no such output.
    public init?(policy: CheckedPolicy, outputName: String = "predikat", groupField: String = "unit") {
        guard let position = policy.outputs.firstIndex(where: { policy.values[$0].name == outputName }) else {
            return nil
        }
        self.outputName = outputName
        self.outputPosition = position
        let group = policy.record.index(of: groupField)
        self.groupField = group
        self.groupName = group.map { _ in groupField }
    }

    public mutating func add(_ result: RecordResult, frame: Frame) {
        records += 1
        guard case .success(let record) = result.outcome else {
            errors += 1
            return
        }
        let value: String = switch record.outputs[outputPosition] {
        case .text(let text): text
        case .absent: "(data tidak cukup)"
        default: ResultTable.cell(record.outputs[outputPosition], .invalid)
        }
        overall[value, default: 0] += 1
        if let groupField {
            let group: String = if case .text(let text) = frame.fields[groupField] { text } else { "(data tidak cukup)" }
            byGroup[group, default: [:]][value, default: 0] += 1
        }
    }

    /// The summary as aligned text tables.
    public func render() -> String {
        let values = Self.ordered(Array(overall.keys))
        var text = "Ringkasan \(outputName): \(records) rekaman, \(errors) galat\n"
        var rows = [[outputName, "jumlah", "persen"]]
        let evaluated = max(1, records - errors)
        for value in values {
            let count = overall[value] ?? 0
            let percent = (try? Number(numerator: Int64(count) * 100, denominator: Int64(evaluated)))
                .map { $0.decimalText(maxFractionDigits: 1, minFractionDigits: 1) } ?? "0"
            rows.append([value, String(count), percent + "%"])
        }
        text += ResultTable.aligned(rows)
        if let groupName, !byGroup.isEmpty {
            text += "\nPer \(groupName)\n"
            var groupRows = [[groupName] + values + ["jumlah"]]
            for group in byGroup.keys.sorted() {
                let counts = byGroup[group] ?? [:]
                groupRows.append([group] + values.map { String(counts[$0] ?? 0) }
                    + [String(counts.values.reduce(0, +))])
            }
            text += ResultTable.aligned(groupRows)
        }
        return text
    }

    static func ordered(_ values: [String]) -> [String] {
        officialOrder.filter(values.contains) + values.filter { !officialOrder.contains($0) }.sorted()
    }
}
