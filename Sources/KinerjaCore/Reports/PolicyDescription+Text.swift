/// Renders description blocks as plain text for a terminal: underlined headings, aligned fields and tables
/// with columns padded to their widest cell, no trailing spaces.
extension PolicyDescription {
    static func text(_ blocks: [Block]) -> String {
        blocks.map(text).joined(separator: "\n\n") + "\n"
    }

    private static func text(_ block: Block) -> String {
        switch block {
        case .heading(let level, let title):
            let line = title.plainText
            switch level {
            case 1: return line + "\n" + String(repeating: "=", count: line.count)
            case 2: return line + "\n" + String(repeating: "-", count: line.count)
            default: return line
            }
        case .paragraph(let paragraph):
            return paragraph.plainText
        case .fields(let fields):
            let width = fields.map { $0.label.count }.max() ?? 0
            return fields.map { field in
                trimmed(padded(field.label + ":", to: width + 1) + " " + field.value.plainText)
            }.joined(separator: "\n")
        case .bullets(let items):
            return items.map { "- " + $0.plainText }.joined(separator: "\n")
        case .table(let header, let rows):
            let cells = rows.map { $0.map(\.plainText) }
            let widths = header.indices.map { column in
                ([header[column]] + cells.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
            }
            func line(_ row: [String]) -> String {
                trimmed(zip(row, widths).map { padded($0, to: $1) }.joined(separator: "  "))
            }
            return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + cells.map(line))
                .joined(separator: "\n")
        }
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func trimmed(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}
