/// The indicators of a policy: a summary table of targets and weights, then each indicator in full.
extension PolicyDescription {
    var indicatorBlocks: [Block] {
        guard !policy.indicators.isEmpty else { return [] }
        var total = Number.zero
        for indicator in policy.indicators { total = (try? total.adding(indicator.weight)) ?? total }
        let rows: [[Phrase]] = policy.indicators.enumerated().map { index, indicator in
            [Phrase(String(index + 1)), Self.named(indicator.name, indicator.label), target(indicator),
             Phrase(indicator.weight.description), Phrase(Self.share(indicator.weight, of: total))]
        }
        var blocks: [Block] = [
            .heading(level: 2, "Indikator"),
            .paragraph("Nilai hasil kerja adalah rata-rata capaian indikator yang berlaku, dibobot. Indikator "
                + "yang syaratnya tidak terpenuhi atau datanya tidak ada tidak berlaku bagi pegawai itu, dan "
                + "bobotnya dibagi ulang di antara indikator yang berlaku."),
            .table(header: ["No", "Indikator", "Target", "Bobot", "Bobot ternormalisasi"], rows: rows),
        ]
        for (index, indicator) in policy.indicators.enumerated() {
            blocks.append(.heading(level: 3, Phrase("\(index + 1). ") + Self.named(indicator.name, indicator.label)))
            if let description = indicator.description { blocks.append(.paragraph(Phrase(description))) }
            blocks.append(.fields(fields(of: indicator, total: total)))
        }
        return blocks
    }

    private func fields(of indicator: CheckedIndicator, total: Number) -> [Field] {
        let higher = indicator.direction == .higher
        let defaultCapaian: Phrase = higher
            ? "realisasi dibagi target"
            : "2 dikurangi realisasi dibagi target, paling rendah 0%"
        var fields = [
            Field(label: "Berlaku bagi", value: indicator.appliesText.map { "pegawai dengan " + .source($0) }
                ?? "semua pegawai"),
            Field(label: "Realisasi", value: .source(indicator.actualText)),
            Field(label: "Target", value: target(indicator)),
            Field(label: "Arah", value: higher ? "makin tinggi makin baik" : "makin rendah makin baik"),
            Field(label: "Capaian", value: indicator.capaianText.map(Phrase.source) ?? defaultCapaian),
            Field(label: "Batas capaian", value: indicator.capText.map(Phrase.source) ?? "tidak dibatasi"),
            Field(label: "Bobot", value: Phrase("\(indicator.weight) (\(Self.share(indicator.weight, of: total)) "
                + "dari seluruh bobot)")),
        ]
        if !indicator.sources.isEmpty {
            fields.append(Field(label: "Sumber", value: .joined(indicator.sources.map { Phrase($0) }, separator: "; ")))
        }
        return fields
    }

    private func target(_ indicator: CheckedIndicator) -> Phrase {
        indicator.targetText.map(Phrase.source) ?? "tidak ada"
    }

    /// A weight as a share of the total, in percent.
    private static func share(_ weight: Number, of total: Number) -> String {
        let share = (try? weight.divided(by: total)) ?? .zero
        return ExplainRenderer.readable(.number(share), .number(.percent))
    }
}
