/// A layout document for the formatter: text with places where a line may break, in groups that break together.
///
/// The printer keeps a group on one line when it fits in ``DocumentPrinter/lineWidth`` columns, and otherwise turns
/// the group's own ``line`` and ``softLine`` into line breaks (groups inside it get the same choice again). This is
/// the classic Wadler/Oppen pretty-printer, cut down to what kinerja needs.
indirect enum Document {
    case text(String)
    /// A space when the enclosing group fits on its line, else a line break.
    case line
    /// Nothing when the enclosing group fits on its line, else a line break.
    case softLine
    /// Indents the line breaks inside by two more spaces.
    case nest(Document)
    case group(Document)
    case sequence([Document])

    /// The document on one line, as if every group fitted.
    var flatText: String {
        var text = ""
        var stack = [self]
        while let document = stack.popLast() {
            switch document {
            case .text(let piece): text += piece
            case .line: text += " "
            case .softLine: break
            case .nest(let inner), .group(let inner): stack.append(inner)
            case .sequence(let parts): stack.append(contentsOf: parts.reversed())
            }
        }
        return text
    }

    /// The parts joined by `separator`.
    static func joined(_ parts: [Document], separator: [Document]) -> Document {
        var sequence: [Document] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { sequence += separator }
            sequence.append(part)
        }
        return .sequence(sequence)
    }
}

/// Lays a ``Document`` out within ``lineWidth`` columns.
enum DocumentPrinter {
    static let lineWidth = 100

    private struct Command {
        var indent: Int
        var isFlat: Bool
        var document: Document

        /// The same indentation and mode for another document.
        func with(_ document: Document) -> Command {
            Command(indent: indent, isFlat: isFlat, document: document)
        }
    }

    /// The lines of `document`, the first starting at `column` and the others at `indent` plus their nesting.
    static func render(_ document: Document, indent: Int, column startColumn: Int) -> String {
        var output = ""
        var column = startColumn
        var commands = [Command(indent: indent, isFlat: false, document: document)]
        while let command = commands.popLast() {
            switch command.document {
            case .text(let piece):
                output += piece
                column += piece.count
            case .line, .softLine:
                if command.isFlat {
                    if case .line = command.document {
                        output += " "
                        column += 1
                    }
                } else {
                    output += "\n" + String(repeating: " ", count: command.indent)
                    column = command.indent
                }
            case .nest(let inner):
                commands.append(Command(indent: command.indent + 2, isFlat: command.isFlat, document: inner))
            case .group(let inner):
                let flat = Command(indent: command.indent, isFlat: true, document: inner)
                let fitsFlat = command.isFlat || fits(flat, then: commands, width: lineWidth - column)
                commands.append(Command(indent: command.indent, isFlat: fitsFlat, document: inner))
            case .sequence(let parts):
                commands += parts.reversed().map { command.with($0) }
            }
        }
        return output
    }

    /// Whether `next`, followed by the rest of its line from `rest`, fits in `width` columns.
    private static func fits(_ next: Command, then rest: [Command], width: Int) -> Bool {
        var remaining = width
        var pending = [next]
        var restIndex = rest.count
        while remaining >= 0 {
            guard let command = pending.popLast() else {
                guard restIndex > 0 else { return true }
                restIndex -= 1
                pending.append(rest[restIndex])
                continue
            }
            switch command.document {
            case .text(let piece):
                remaining -= piece.count
            case .line, .softLine:
                guard command.isFlat else { return true }
                if case .line = command.document { remaining -= 1 }
            case .nest(let inner), .group(let inner):
                pending.append(command.with(inner))
            case .sequence(let parts):
                pending += parts.reversed().map { command.with($0) }
            }
        }
        return false
    }
}
