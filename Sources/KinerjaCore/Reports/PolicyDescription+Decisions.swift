/// Bands as threshold tables, matrices as grids with the members' labels, and decision tables rule by rule.
extension PolicyDescription {
    var bandsBlocks: [Block] {
        guard !policy.bands.isEmpty else { return [] }
        var blocks: [Block] = [
            .heading(level: 2, "Ambang penilaian"),
            .paragraph("Syarat dicoba dari atas ke bawah; syarat pertama yang terpenuhi menentukan hasilnya."),
        ]
        for (index, bands) in policy.bands.enumerated() {
            blocks.append(.heading(level: 3, .code(bands.name)))
            blocks += usage(of: .bands(index))
            let rows: [[Phrase]] = bands.arms.map { arm in
                [arm.text == "otherwise" ? "selain itu" : .code(arm.text), Self.phrase(arm.result, bands.resultType)]
            }
            blocks.append(.table(header: [bands.parameter, "Hasil"], rows: rows))
        }
        return blocks
    }

    var matrixBlocks: [Block] {
        guard !policy.matrices.isEmpty else { return [] }
        var blocks: [Block] = [.heading(level: 2, "Matriks")]
        for (index, matrix) in policy.matrices.enumerated() {
            blocks.append(.heading(level: 3, .code(matrix.name)))
            blocks.append(.paragraph(Phrase("Baris: ") + .code(matrix.rowParameter) + Self.scaleNote(matrix.rowScale)
                + "; kolom: " + .code(matrix.columnParameter) + Self.scaleNote(matrix.columnScale) + "."))
            blocks += usage(of: .matrix(index))
            let columns = matrix.columnScale.members
            let header = ["\(matrix.rowParameter) \\ \(matrix.columnParameter)"]
                + columns.map { $0.label ?? $0.name }
            // Rows from the highest member down, as the national matrix is drawn.
            let rows: [[Phrase]] = matrix.rowScale.members.indices.reversed().map { row in
                let member = matrix.rowScale.members[row]
                return [Self.named(member.name, member.label)]
                    + columns.indices.map { Self.phrase(matrix.cells[row][$0], matrix.resultType) }
            }
            blocks.append(.table(header: header, rows: rows))
        }
        return blocks
    }

    var tableBlocks: [Block] {
        guard !policy.tables.isEmpty else { return [] }
        var blocks: [Block] = [
            .heading(level: 2, "Tabel keputusan"),
            .paragraph("Setiap kombinasi masukan cocok dengan tepat satu aturan."),
        ]
        for (index, table) in policy.tables.enumerated() {
            blocks.append(.heading(level: 3, .code(table.name)))
            blocks += usage(of: .table(index))
            blocks.append(.table(header: ["Aturan"] + table.parameters.map(\.name) + ["Hasil"], rows: rules(of: table)))
        }
        return blocks
    }

    /// The rules of a decision table, rebuilt from its cells: each rule covers every combination of the
    /// values it matches, so the values of one input across the rule's cells are that input's pattern.
    private func rules(of table: CheckedTable) -> [[Phrase]] {
        var matched: [Int: [Set<Int>]] = [:]
        var results: [Int: Value] = [:]
        for (cell, entry) in table.cells.enumerated() {
            let combination = ModuleChecker.combination(ofCell: cell, table.dimensions)
            var sets = matched[entry.rule] ?? Array(repeating: [], count: table.dimensions.count)
            for (position, value) in combination.enumerated() { sets[position].insert(value) }
            matched[entry.rule] = sets
            results[entry.rule] = entry.result
        }
        return matched.keys.sorted().map { rule in
            let patterns = zip(matched[rule] ?? [], zip(table.parameters, table.dimensions)).map { values, input in
                pattern(values, input.0.type, count: input.1)
            }
            return [Phrase(String(rule))] + patterns + [Self.phrase(results[rule] ?? .absent, table.resultType)]
        }
    }

    private func pattern(_ values: Set<Int>, _ type: ValueType, count: Int) -> Phrase {
        if values.count == count, count > 1 { return "semua" }
        return .joined(values.sorted().map { value in
            if case .scale = type { return Self.phrase(.member(value), type) }
            return Self.phrase(.boolean(value == 1), .boolean)
        }, separator: " atau ")
    }

    /// " (Label skala)" for a scale with a label.
    private static func scaleNote(_ scale: Scale) -> Phrase {
        scale.label.map { Phrase(" (\($0))") } ?? ""
    }
}
