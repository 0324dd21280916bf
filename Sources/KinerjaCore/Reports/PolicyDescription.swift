/// A readable summary of a policy for publication to the civil servants it applies to: who owns it, its legal
/// sources, the data recorded about each person, every indicator with its target, weight and sources, the
/// formulas of values and results, bands, matrices, decision tables and recommendations. Headings are in
/// Indonesian, like the policies; the same description renders as text (a terminal) or Markdown (publishing).
public struct PolicyDescription {
    /// How the description is written out.
    public enum Format: String, Sendable, CaseIterable {
        case text
        case markdown
    }

    let policy: CheckedPolicy

    public init(policy: CheckedPolicy) {
        self.policy = policy
    }

    /// The whole description; the same policy always gives the same text.
    public func render(_ format: Format) -> String {
        switch format {
        case .text: Self.text(blocks)
        case .markdown: Self.markdown(blocks)
        }
    }

    var blocks: [Block] {
        overview + recordBlocks + indicatorBlocks + valueBlocks + bandsBlocks + matrixBlocks + tableBlocks
            + recommendationBlocks
    }

    // MARK: - Sections

    private var overview: [Block] {
        var blocks: [Block] = [.heading(level: 1, Phrase(policy.label ?? policy.name))]
        let metadata = policy.metadata
        if let description = metadata.description { blocks.append(.paragraph(Phrase(description))) }
        var fields = [Field(label: "Kebijakan", value: .code(policy.name))]
        if let owner = metadata.owner { fields.append(Field(label: "Pemilik", value: Phrase(owner))) }
        if let version = metadata.version { fields.append(Field(label: "Versi", value: Phrase(version))) }
        if let from = metadata.effectiveFrom, let to = metadata.effectiveTo {
            fields.append(Field(label: "Berlaku", value: Phrase("\(from) sampai \(to)")))
        }
        if let period = metadata.period {
            fields.append(Field(label: "Periode penilaian", value: Phrase(Self.periodNames[period] ?? period)))
        }
        if !metadata.uses.isEmpty {
            fields.append(Field(label: "Memakai aturan", value: .joined(metadata.uses.map(Phrase.code), separator: ", ")))
        }
        if let base = metadata.extends {
            fields.append(Field(label: "Memperluas kebijakan", value: .code(base)))
        }
        blocks.append(.fields(fields))
        if !metadata.sources.isEmpty {
            blocks.append(.heading(level: 2, "Dasar hukum dan sumber"))
            blocks.append(.bullets(metadata.sources.map { Phrase($0) }))
        }
        return blocks
    }

    private static let periodNames = [
        "month": "bulanan", "quarter": "triwulanan", "semester": "semesteran", "year": "tahunan",
    ]

    private var recordBlocks: [Block] {
        let keyIndex = policy.record.keyIndex
        let rows: [[Phrase]] = policy.record.fields.enumerated().map { index, field in
            let entry = index == keyIndex ? "kunci" : field.isOptional ? "opsional" : "wajib"
            return [.code(field.name), .code(field.type.name), Phrase(entry), Phrase(field.label ?? "")]
        }
        return [
            .heading(level: 2, "Data yang dinilai"),
            .paragraph("Setiap rekaman memuat kolom berikut. Kolom wajib yang kosong, salah jenis atau di luar "
                + "rentang membuat rekaman ditolak dengan pesan galat; kolom opsional yang kosong dianggap tidak ada."),
            .table(header: ["Kolom", "Jenis", "Isian", "Keterangan"], rows: rows),
        ]
    }

    private var valueBlocks: [Block] {
        func rows(_ indices: [Int]) -> [[Phrase]] {
            indices.map { index in
                let value = policy.values[index]
                return [.code(value.name), Phrase(value.label ?? ""), .source(value.expressionText)]
            }
        }
        let outputs = Set(policy.outputs)
        let intermediate = policy.values.indices.filter { !outputs.contains($0) }
        var blocks: [Block] = []
        if !intermediate.isEmpty {
            blocks.append(.heading(level: 2, "Nilai"))
            blocks.append(.table(header: ["Nilai", "Keterangan", "Rumus"], rows: rows(intermediate)))
        }
        if !policy.outputs.isEmpty {
            blocks.append(.heading(level: 2, "Hasil penilaian"))
            blocks.append(.paragraph("Setiap pegawai menerima hasil berikut, dalam urutan ini."))
            blocks.append(.table(header: ["Hasil", "Keterangan", "Rumus"], rows: rows(policy.outputs)))
        }
        return blocks
    }

    private var recommendationBlocks: [Block] {
        guard !policy.recommendations.isEmpty else { return [] }
        let rows: [[Phrase]] = policy.recommendations.map { recommendation in
            [Self.named(recommendation.name, recommendation.label), .source(recommendation.conditionText)]
        }
        return [
            .heading(level: 2, "Rekomendasi"),
            .paragraph("Rekomendasi diberikan bila syaratnya terpenuhi."),
            .table(header: ["Rekomendasi", "Syarat"], rows: rows),
        ]
    }

    // MARK: - Shared wording

    /// "Label (`name`)", or the name alone when there is no label.
    static func named(_ name: String, _ label: String?) -> Phrase {
        guard let label else { return .code(name) }
        return Phrase(label + " (") + .code(name) + ")"
    }

    /// A constant as people read it: texts without quotes, members with their label, numbers in their unit.
    static func phrase(_ value: Value, _ type: ValueType) -> Phrase {
        switch (value, type) {
        case (.absent, _): return "tidak ada"
        case (.boolean(let flag), _): return Phrase(flag ? "ya" : "tidak")
        case (.text(let text), _): return Phrase(text)
        case (.member(let index), .scale(let scale)) where index < scale.members.count:
            return named(scale.members[index].name, scale.members[index].label)
        default: return Phrase(QuantityText.text(value, type))
        }
    }

    /// "Dipakai oleh: …" for a bands, matrix or table declaration: the values whose formula calls it.
    func usage(of call: FunctionCall) -> [Block] {
        let users = policy.values.filter { $0.expression.functionCalls.contains(call) }
        guard !users.isEmpty else { return [] }
        return [.paragraph("Dipakai oleh: " + .joined(users.map { Self.named($0.name, $0.label) }, separator: ", "))]
    }
}
