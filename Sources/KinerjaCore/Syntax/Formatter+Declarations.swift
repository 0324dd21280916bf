/// The layout of a rules or policy file: header, metadata and the declarations other than bands, matrices and tables.
extension FormatWriter {
    mutating func writeFile(_ file: SyntaxFile) {
        let headerEnd = file.label?.range.end ?? file.name.range.end
        let afterHeader = file.metadata.first?.range.start.utf8Offset
            ?? file.declarations.first?.range.start.utf8Offset ?? Int.max
        var header = "\(file.kind.rawValue) \(file.name.name)"
        if let label = file.label { header += " " + ExpressionLayout.quoted(label.value) }
        let headerRange = SourceRange(start: file.range.start, end: headerEnd)
        writeLine(.text(header), indent: 0, range: headerRange, before: afterHeader)
        let firstDeclaration = file.declarations.first?.range.start.utf8Offset ?? Int.max
        writeItems(file.metadata, indent: 2, blockEnd: firstDeclaration, range: \.range) { .text(Self.metadata($0)) }
        for (index, declaration) in file.declarations.enumerated() {
            writeBlankLine()
            let next = file.declarations.dropFirst(index + 1).first?.range.start.utf8Offset ?? Int.max
            writeDeclaration(declaration, before: next)
        }
    }

    private static func metadata(_ clause: MetadataClause) -> String {
        switch clause.kind {
        case .source(let text): "source " + ExpressionLayout.quoted(text.value)
        case .owner(let text): "owner " + ExpressionLayout.quoted(text.value)
        case .version(let text): "version " + ExpressionLayout.quoted(text.value)
        case .description(let text): "description " + ExpressionLayout.quoted(text.value)
        case .effective(let from, let to): "effective \(from.text) to \(to.text)"
        case .uses(let names): "uses " + names.map(\.name).joined(separator: ", ")
        case .extends(let name): "extends " + name.name
        case .period(let name): "period " + name.name
        }
    }

    private mutating func writeDeclaration(_ declaration: Declaration, before limit: Int) {
        let prefix = declaration.isOverride ? "override " : ""
        let range = declaration.range
        switch declaration.kind {
        case .scale(let scale): writeScale(scale, prefix: prefix, range: range, before: limit)
        case .bands(let bands): writeBands(bands, prefix: prefix, range: range, before: limit)
        case .matrix(let matrix): writeMatrix(matrix, prefix: prefix, range: range, before: limit)
        case .table(let table): writeTable(table, prefix: prefix, range: range, before: limit)
        case .record(let record): writeRecord(record, prefix: prefix, range: range, before: limit)
        case .indicator(let indicator): writeIndicator(indicator, prefix: prefix, range: range, before: limit)
        case .output(let output): writeOutput(output, prefix: prefix, range: range, before: limit)
        case .value(let value):
            let heading = prefix + value.name.name + Self.label(value.label) + " ="
            writeLine(ExpressionLayout.assignment(heading, value.expression, indent: 0),
                      indent: 0, range: range, before: limit)
        case .recommend(let recommend):
            let heading = prefix + "recommend " + recommend.name.name + Self.label(recommend.label)
            let condition = ExpressionLayout.document(recommend.condition)
            let when = Document.nest(.sequence([.line, .text("when "), condition]))
            let layout = Document.group(.sequence([.text(heading), when]))
            writeLine(layout, indent: 0, range: range, before: limit)
        }
    }

    /// ` "label"`, or nothing.
    static func label(_ label: StringLiteral?) -> String {
        label.map { " " + ExpressionLayout.quoted($0.value) } ?? ""
    }

    // MARK: - scale

    private mutating func writeScale(_ scale: ScaleDeclaration, prefix: String, range: SourceRange, before limit: Int) {
        let heading = prefix + "scale " + scale.name.name + Self.label(scale.label)
        let members = scale.members
        writeBlock(heading, indent: 0, range: range, firstItemStart: members.first?.name.range.start.utf8Offset,
                   before: limit) { writer, indent in
            for (index, member) in members.enumerated() {
                let isLast = index == members.count - 1
                let next = isLast ? range.end.utf8Offset - 1 : members[index + 1].name.range.start.utf8Offset
                let end = member.label?.range.end ?? member.name.range.end
                let text = member.name.name + Self.label(member.label) + (isLast ? "" : ",")
                let memberRange = SourceRange(start: member.name.range.start, end: end)
                writer.writeLine(.text(text), indent: indent, range: memberRange, before: next)
            }
        }
    }

    // MARK: - record

    /// One column per part of a field: name, type, modifiers and label, each padded to its widest entry.
    private mutating func writeRecord(
        _ record: RecordDeclaration, prefix: String, range: SourceRange, before limit: Int
    ) {
        let rows = record.fields.map { field in
            let modifiers = [field.isOptional ? "optional" : nil, field.isKey ? "key" : nil].compactMap { $0 }
            return [
                field.name.name, ExpressionLayout.type(field.type), modifiers.joined(separator: " "),
                field.label.map { ExpressionLayout.quoted($0.value) } ?? "",
            ]
        }
        let lines = Self.alignedColumns(rows)
        let fields = record.fields
        writeBlock(prefix + "record", indent: 0, range: range, firstItemStart: fields.first?.range.start.utf8Offset,
                   before: limit) { writer, indent in
            writer.writeItems(Array(zip(fields, lines)), indent: indent, blockEnd: range.end.utf8Offset - 1,
                              range: { $0.0.range }, layout: { .text($0.1) })
        }
    }

    /// Lines of cells in columns separated by two spaces; an empty column takes no space; no trailing spaces.
    static func alignedColumns(_ rows: [[String]]) -> [String] {
        let columnCount = rows.map(\.count).max() ?? 0
        let widths = (0..<columnCount).map { column in
            rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        return rows.map { row in
            let cells = widths.enumerated().filter { $0.element > 0 }.map { column, width in
                padded(column < row.count ? row[column] : "", to: width)
            }
            var line = cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    // MARK: - indicator

    /// Clause keywords are padded to the width of the longest but one, `applies` and `capaian`, so that values start
    /// in one column (`applies unit = "dinkes"` above `target  90%`); `description` is followed by one space.
    private mutating func writeIndicator(
        _ indicator: IndicatorDeclaration, prefix: String, range: SourceRange, before limit: Int
    ) {
        let heading = prefix + "indicator " + indicator.name.name + Self.label(indicator.label)
        let clauses = indicator.clauses
        writeBlock(heading, indent: 0, range: range, firstItemStart: clauses.first?.range.start.utf8Offset,
                   before: limit) { writer, indent in
            writer.writeItems(clauses, indent: indent, blockEnd: range.end.utf8Offset - 1, range: \.range) { clause in
                let keyword = Self.keyword(of: clause)
                let heading = Self.padded(keyword, to: "applies".count) + " "
                return .sequence([.text(heading), Self.clauseValue(clause)])
            }
        }
    }

    private static func keyword(of clause: IndicatorClause) -> String {
        switch clause.kind {
        case .description: "description"
        case .source: "source"
        case .applies: "applies"
        case .actual: "actual"
        case .target: "target"
        case .better: "better"
        case .capaian: "capaian"
        case .cap: "cap"
        case .weight: "weight"
        }
    }

    private static func clauseValue(_ clause: IndicatorClause) -> Document {
        switch clause.kind {
        case .description(let text), .source(let text): .text(ExpressionLayout.quoted(text.value))
        case .better(let direction): .text(direction.name)
        case .applies(let expression), .actual(let expression), .target(let expression), .capaian(let expression),
            .cap(let expression), .weight(let expression):
            ExpressionLayout.document(expression)
        }
    }

    // MARK: - output

    private mutating func writeOutput(
        _ output: OutputDeclaration, prefix: String, range: SourceRange, before limit: Int
    ) {
        let entries = output.entries
        writeBlock(prefix + "output", indent: 0, range: range, firstItemStart: entries.first?.range.start.utf8Offset,
                   before: limit) { writer, indent in
            writer.writeItems(entries, indent: indent, blockEnd: range.end.utf8Offset - 1, range: \.range) { entry in
                let name = entry.name.name + Self.label(entry.label)
                guard let expression = entry.expression else { return .text(name) }
                return ExpressionLayout.assignment(name + " =", expression, indent: indent)
            }
        }
    }
}
