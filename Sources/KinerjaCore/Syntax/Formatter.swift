/// Lays out a rules, policy or test file in kinerja's one canonical way (`kinerja fmt`).
///
/// The layout: the header on the first line and its metadata clauses indented by two spaces below it; one blank line
/// between declarations; two spaces of indentation inside braces; one clause, arm, field, entry, row or rule per
/// line; single spaces around binary operators; the `->` of bands arms and table rules, the cells of a matrix and
/// the columns of a record (name, type, modifiers, label) aligned; the fewest parentheses (see ``ExpressionLayout``);
/// lines broken only when longer than 100 columns; one final newline. Comments stay: one on its own line stays on its
/// own line before the next thing (with the blank line after it, if it had one), one after code stays at the end of
/// its line.
///
/// Formatting is idempotent and keeps the syntax tree (the tests check both on every fixture). A file with syntax
/// errors is not formatted: its diagnostics are returned instead.
public enum Formatter {
    /// Formats a policy or rules file, or a test file when the file starts with `tests`.
    public static func format(_ source: SourceFile) -> FormatResult {
        var lexer = Lexer(source: source)
        if lexer.nextToken().kind == .keyword(.tests) {
            let result = TestFileParser.parse(source)
            guard result.diagnostics.isEmpty, let file = result.file else { return .syntaxErrors(result.diagnostics) }
            var writer = FormatWriter(source: source, comments: result.comments)
            writer.writeTestFile(file)
            return .formatted(writer.finish())
        }
        let result = Parser.parse(source)
        guard result.diagnostics.isEmpty, let file = result.file else { return .syntaxErrors(result.diagnostics) }
        var writer = FormatWriter(source: source, comments: result.comments)
        writer.writeFile(file)
        return .formatted(writer.finish())
    }
}

/// The outcome of formatting one file.
public enum FormatResult: Sendable {
    /// The formatted text, ending with exactly one newline.
    case formatted(String)
    /// The file has syntax errors, so it was left alone; these are its diagnostics.
    case syntaxErrors([Diagnostic])
}

/// Builds the formatted text line by line and places the comments of the source between the lines.
///
/// Every construct that the layout puts on a line of its own (a clause, an arm, a field, a whole value declaration)
/// is written with ``writeLine(_:indent:range:before:)``: first the comments that start before its end, each on its
/// own line, then the construct, then a comment that followed it on the same source line.
struct FormatWriter {
    let source: SourceFile
    private let comments: [Comment]
    private var nextComment = 0
    private var output = ""

    init(source: SourceFile, comments: [Comment]) {
        self.source = source
        self.comments = comments
    }

    /// The text so far, with any comments not yet placed at the end and exactly one final newline.
    mutating func finish() -> String {
        if nextComment < comments.count {
            writeBlankLine()
            writeComments(before: Int.max, indent: 0)
        }
        while output.hasSuffix("\n\n") { output.removeLast() }
        if !output.hasSuffix("\n") { output += "\n" }
        return output
    }

    // MARK: - Lines

    /// Writes the comments that start before `offset`, each on its own line at `indent`, keeping one blank line after
    /// a comment that had one in the source (a comment that heads a section rather than the next line).
    mutating func writeComments(before offset: Int, indent: Int) {
        while nextComment < comments.count, comments[nextComment].range.start.utf8Offset < offset {
            let comment = comments[nextComment]
            output += String(repeating: " ", count: indent) + comment.text + "\n"
            nextComment += 1
            if source.isFollowedByBlankLine(comment.range.end.utf8Offset) { writeBlankLine() }
        }
    }

    /// Writes one construct laid out from `indent`, with its comments.
    ///
    /// - Parameters:
    ///   - range: where the construct is in the source.
    ///   - limit: where the next construct starts; a comment after it is not this construct's trailing comment.
    mutating func writeLine(_ document: Document, indent: Int, range: SourceRange, before limit: Int) {
        writeComments(before: range.end.utf8Offset, indent: indent)
        output += String(repeating: " ", count: indent)
        output += DocumentPrinter.render(document, indent: indent, column: indent)
        writeTrailingComment(onLineOf: range.end.utf8Offset, before: limit)
        output += "\n"
    }

    /// Appends the next comment to the current line if it starts on the line of `offset` and before `limit`.
    private mutating func writeTrailingComment(onLineOf offset: Int, before limit: Int) {
        guard nextComment < comments.count else { return }
        let comment = comments[nextComment]
        let start = comment.range.start
        guard start.utf8Offset < limit,
            source.location(of: start).line == source.location(of: SourcePosition(utf8Offset: offset)).line
        else { return }
        output += "  " + comment.text
        nextComment += 1
    }

    /// Ends the output with one blank line, unless it is empty or already ends with one.
    mutating func writeBlankLine() {
        if !output.isEmpty, !output.hasSuffix("\n\n") { output += "\n" }
    }

    /// Writes `heading {`, the block's items at two more spaces, and the closing `}`, or `heading {}` when empty.
    ///
    /// - Parameters:
    ///   - range: the whole construct, ending with its `}`.
    ///   - firstItemStart: where the first item starts in the source, if there is one.
    ///   - limit: where the next construct starts.
    ///   - writeItems: writes the items at the indentation it is given.
    mutating func writeBlock(
        _ heading: String, indent: Int, range: SourceRange, firstItemStart: Int?, before limit: Int,
        writeItems: (inout FormatWriter, Int) -> Void
    ) {
        let closingBrace = range.end.utf8Offset - 1
        let hasContent = firstItemStart != nil || hasComment(before: closingBrace)
        writeComments(before: range.start.utf8Offset, indent: indent)
        output += String(repeating: " ", count: indent) + heading + (hasContent ? " {" : " {}")
        if hasContent {
            if nextComment < comments.count, !source.isFirstOnItsLine(comments[nextComment].range.start.utf8Offset) {
                writeTrailingComment(onLineOf: comments[nextComment].range.start.utf8Offset,
                                     before: firstItemStart ?? closingBrace)
            }
            output += "\n"
            writeItems(&self, indent + 2)
            writeComments(before: closingBrace, indent: indent + 2)
            while output.hasSuffix("\n\n") { output.removeLast() }
            output += String(repeating: " ", count: indent) + "}"
        }
        writeTrailingComment(onLineOf: range.end.utf8Offset, before: limit)
        output += "\n"
    }

    private func hasComment(before offset: Int) -> Bool {
        nextComment < comments.count && comments[nextComment].range.start.utf8Offset < offset
    }

    /// Writes the items of a block, one construct per line, each with its comments.
    mutating func writeItems<Item>(
        _ items: [Item], indent: Int, blockEnd: Int, range: (Item) -> SourceRange, layout: (Item) -> Document
    ) {
        for (index, item) in items.enumerated() {
            let limit = index + 1 < items.count ? range(items[index + 1]).start.utf8Offset : blockEnd
            writeLine(layout(item), indent: indent, range: range(item), before: limit)
        }
    }

    /// Pads `text` with spaces to `width` characters.
    static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
