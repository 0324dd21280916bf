/// Renders the explanation of one record in Indonesian, with the labels written in the policy: every
/// indicator (applies or why not, actual, target, capaian, weight after re-normalisation), every value with
/// the band arm, matrix cell or table rule that decided it, and every recommendation.
public struct ExplainRenderer {
    let policy: CheckedPolicy

    public init(policy: CheckedPolicy) {
        self.policy = policy
    }

    public func render(_ result: RecordResult, frame: Frame) -> String {
        var lines: [String] = []
        let title = policy.label.map { "\(policy.name) — \($0)" } ?? policy.name
        lines.append("\(keyLabel) \(result.key ?? "?") (rekaman \(result.number)) · \(title)")
        guard case .success(let record) = result.outcome else {
            if case .failure(let error) = result.outcome {
                lines.append("  galat \(error.code)\(error.field.map { " pada '\($0)'" } ?? ""): \(error.message)")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        if !policy.indicators.isEmpty {
            lines.append("")
            lines.append("Indikator")
            lines.append(contentsOf: indicatorLines(frame))
            if !frame.indicators.contains(where: { $0.status == .applicable }) {
                lines.append("  → data tidak cukup: tidak ada indikator yang berlaku, capaian gabungan kosong")
            }
        }
        lines.append("")
        lines.append("Nilai")
        let events = frame.trace ?? []
        for step in policy.plan {
            guard case .value(let index) = step else { continue }
            let value = policy.values[index]
            let shown = Self.readable(frame.values[index], value.expression.type)
            var line = "  \(value.name) = \(shown)"
            if let label = value.label { line += "  (\(label))" }
            lines.append(line)
            lines.append(contentsOf: decisionLines(for: value.expression, frame: frame, events: events))
        }
        if !policy.recommendations.isEmpty {
            lines.append("")
            lines.append("Rekomendasi")
            for (index, recommendation) in policy.recommendations.enumerated() {
                let fired = record.recommendations.contains(index)
                let label = recommendation.label.map { " \"\($0)\"" } ?? ""
                lines.append("  \(recommendation.name)\(label): \(fired ? "ya" : "tidak")")
                lines.append("    syarat: \(recommendation.conditionText)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A value for people: scale members with their label, absent as "tidak ada", and numbers exact when they
    /// have at most 4 decimals, otherwise rounded to 4 and marked with "≈".
    static func readable(_ value: Value, _ type: ValueType) -> String {
        if case .number(let quantity) = type, let number = value.exactNumber {
            let exact = QuantityText.text(number, quantity, maxFractionDigits: 10)
            let short = QuantityText.text(number, quantity, maxFractionDigits: 4)
            return exact == short ? exact : "≈" + short
        }
        switch (value, type) {
        case (.absent, _):
            return "tidak ada"
        case (.member(let index), .scale(let scale)) where index < scale.members.count:
            let member = scale.members[index]
            return member.label.map { "\(member.name) (\($0))" } ?? member.name
        default:
            return QuantityText.text(value, type)
        }
    }

    private var keyLabel: String {
        guard let index = policy.record.keyIndex else { return "Rekaman" }
        return policy.record.fields[index].label ?? policy.record.fields[index].name.uppercased()
    }

    private func indicatorLines(_ frame: Frame) -> [String] {
        var totalWeight = Number.zero
        for (indicator, outcome) in zip(policy.indicators, frame.indicators) where outcome.status == .applicable {
            totalWeight = (try? totalWeight.adding(indicator.weight)) ?? totalWeight
        }
        var lines: [String] = []
        for (indicator, outcome) in zip(policy.indicators, frame.indicators) {
            lines.append("  \(indicator.name)\(indicator.label.map { " \"\($0)\"" } ?? "")")
            switch outcome.status {
            case .conditionNotMet:
                lines.append("    tidak berlaku: syarat tidak terpenuhi: \(indicator.appliesText ?? "applies")")
            case .noData:
                lines.append("    tidak berlaku: tidak ada data untuk aktual atau capaian")
            case .applicable:
                let actual = Self.readable(outcome.actual, indicator.actual.type)
                let target = Self.readable(outcome.target, indicator.target.type)
                var capaian = Self.readable(outcome.capaian, .number(.percent))
                if let uncapped = outcome.uncapped {
                    capaian += " (dibatasi dari \(Self.readable(uncapped, .number(.percent))))"
                }
                let share = (try? indicator.weight.divided(by: totalWeight)) ?? .zero
                let direction = indicator.direction == .higher ? "makin tinggi makin baik" : "makin rendah makin baik"
                lines.append("    aktual \(actual), target \(target) (\(direction))")
                lines.append("    capaian \(capaian), bobot \(indicator.weight) → \(Self.readable(.number(share), .number(.percent)))")
            }
        }
        return lines
    }

    /// The decisions recorded while this value's expression ran: bands, matrix cells, table rules.
    private func decisionLines(for expression: CheckedExpression, frame: Frame, events: [TraceEvent]) -> [String] {
        var lines: [String] = []
        for call in expression.functionCalls {
            switch call {
            case .bands(let index):
                guard let event = events.last(where: { if case .band(index, _, _) = $0 { true } else { false } }),
                      case .band(_, let input, let arm) = event else { continue }
                let bands = policy.bands[index]
                let quantity = expression.bandsInputQuantity(index) ?? .plain
                lines.append("    pita \(bands.name): \(Self.readable(input, .number(quantity))) "
                    + "masuk '\(bands.arms[arm].text)'")
            case .matrix(let index):
                guard let event = events.last(where: { if case .matrix(index, _, _) = $0 { true } else { false } }),
                      case .matrix(_, let row, let column) = event else { continue }
                let matrix = policy.matrices[index]
                lines.append("    matriks \(matrix.name): baris \(matrix.rowScale.members[row].name), kolom \(matrix.columnScale.members[column].name)")
            case .table(let index):
                guard let event = events.last(where: { if case .table(index, _) = $0 { true } else { false } }),
                      case .table(_, let cell) = event else { continue }
                let table = policy.tables[index]
                lines.append("    tabel \(table.name): aturan \(table.cells[cell].rule)")
            }
        }
        return lines
    }
}

/// A call of a bands, matrix or table declaration inside an expression.
enum FunctionCall: Equatable {
    case bands(Int)
    case matrix(Int)
    case table(Int)
}

extension CheckedExpression {
    /// The calls of bands, matrices and tables in this expression, innermost first.
    var functionCalls: [FunctionCall] {
        var calls: [FunctionCall] = []
        for child in children { calls += child.functionCalls }
        switch kind {
        case .bands(let index, _): calls.append(.bands(index))
        case .matrix(let index, _, _): calls.append(.matrix(index))
        case .table(let index, _): calls.append(.table(index))
        default: break
        }
        return calls
    }

    /// The quantity of the argument given to bands `index`, for showing the input in its unit.
    func bandsInputQuantity(_ index: Int) -> Quantity? {
        if case .bands(index, let argument) = kind { return argument.type.quantity }
        for child in children {
            if let quantity = child.bandsInputQuantity(index) { return quantity }
        }
        return nil
    }
}
