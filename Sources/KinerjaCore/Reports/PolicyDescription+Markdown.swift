/// Renders description blocks as GitHub-flavoured Markdown: `#` headings, `- **Label:** value` fields and pipe
/// tables, with source text in code spans and Markdown's special characters escaped in plain text.
extension PolicyDescription {
    static func markdown(_ blocks: [Block]) -> String {
        blocks.map(markdown).joined(separator: "\n\n") + "\n"
    }

    private static func markdown(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text):
            return String(repeating: "#", count: level) + " " + markdown(text)
        case .paragraph(let text):
            return markdown(text)
        case .fields(let fields):
            return fields.map { "- **\(escaped($0.label)):** \(markdown($0.value))" }.joined(separator: "\n")
        case .bullets(let items):
            return items.map { "- " + markdown($0) }.joined(separator: "\n")
        case .table(let header, let rows):
            var lines = [row(header.map { escaped($0) }), row(header.map { _ in "---" })]
            lines += rows.map { cells in row(cells.map { markdown($0).replacingAll("|", with: "\\|") }) }
            return lines.joined(separator: "\n")
        }
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    private static func markdown(_ phrase: Phrase) -> String {
        phrase.spans.map { span in
            switch span {
            case .plain(let text): escaped(text)
            case .code(let text): codeSpan(text)
            }
        }.joined()
    }

    /// Plain text with the characters that would start emphasis, links, HTML or code escaped.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// A code span fenced with one more backtick than the longest run of backticks inside it.
    private static func codeSpan(_ text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + padding + text + padding + fence
    }
}
