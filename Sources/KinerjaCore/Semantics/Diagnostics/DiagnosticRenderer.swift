/// Renders diagnostics for people (`path:line:col: error[CODE]: message`, the source line, a caret under the
/// range, hint and notes), as JSON, or as GitHub workflow annotations. The one place diagnostics become text.
public enum DiagnosticRenderer {
    public enum Style: String, Sendable {
        case text
        case json
        case github
    }

    /// Renders all diagnostics; `sources` finds the text of a file by path for the source excerpt.
    public static func render(_ diagnostics: [Diagnostic], style: Style, color: Bool = false,
                              sources: (String) -> SourceFile?) -> String {
        switch style {
        case .text: return diagnostics.map { text($0, color: color, source: sources($0.path)) }.joined()
        case .github: return diagnostics.map { github($0, source: sources($0.path)) }.joined()
        case .json:
            var buffer: [UInt8] = [UInt8(ascii: "[")]
            for (index, diagnostic) in diagnostics.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                appendJSON(diagnostic, source: sources(diagnostic.path), to: &buffer)
            }
            buffer.append(contentsOf: "]\n".utf8)
            return String(decoding: buffer, as: UTF8.self)
        }
    }

    static func text(_ diagnostic: Diagnostic, color: Bool, source: SourceFile?) -> String {
        let start = source?.location(of: diagnostic.range.start) ?? LineColumn(line: 1, column: 1)
        let severity = color ? paint(diagnostic.severity) : diagnostic.severity.rawValue
        var out = "\(diagnostic.path):\(start.line):\(start.column): \(severity)[\(diagnostic.code.rawValue)]: "
            + "\(diagnostic.message)\n"
        if let source {
            let lineText = source.lineText(start.line)
            let end = source.location(of: diagnostic.range.end)
            let width = end.line == start.line ? max(1, end.column - start.column) : max(1, lineText.count - start.column + 1)
            let gutter = String(start.line)
            let pad = String(repeating: " ", count: gutter.count)
            out += " \(gutter) | \(lineText)\n"
            out += " \(pad) | \(String(repeating: " ", count: start.column - 1))\(String(repeating: "^", count: width))\n"
            if let hint = diagnostic.hint { out += " \(pad) = hint: \(hint)\n" }
            for note in diagnostic.notes { out += " \(pad) = note: \(noteText(note, source: source))\n" }
        } else {
            if let hint = diagnostic.hint { out += "  = hint: \(hint)\n" }
            for note in diagnostic.notes { out += "  = note: \(note.message)\n" }
        }
        return out
    }

    private static func noteText(_ note: DiagnosticNote, source: SourceFile) -> String {
        guard let range = note.range else { return note.message }
        let location = source.location(of: range.start)
        return "\(note.message) (\(location.line):\(location.column))"
    }

    private static func paint(_ severity: Severity) -> String {
        let code = switch severity {
        case .error: "31"
        case .warning: "33"
        case .note: "36"
        }
        return "\u{1B}[1;\(code)m\(severity.rawValue)\u{1B}[0m"
    }

    static func github(_ diagnostic: Diagnostic, source: SourceFile?) -> String {
        let start = source?.location(of: diagnostic.range.start) ?? LineColumn(line: 1, column: 1)
        let end = source?.location(of: diagnostic.range.end) ?? start
        let kind = diagnostic.severity == .error ? "error" : diagnostic.severity == .warning ? "warning" : "notice"
        var message = "\(diagnostic.code.rawValue): \(diagnostic.message)"
        if let hint = diagnostic.hint { message += " (\(hint))" }
        let escaped = message.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
        return "::\(kind) file=\(diagnostic.path),line=\(start.line),col=\(start.column),endLine=\(end.line),"
            + "endColumn=\(end.column)::\(escaped)\n"
    }

    static func appendJSON(_ diagnostic: Diagnostic, source: SourceFile?, to buffer: inout [UInt8]) {
        let start = source?.location(of: diagnostic.range.start) ?? LineColumn(line: 1, column: 1)
        let end = source?.location(of: diagnostic.range.end) ?? start
        func field(_ name: String, _ value: String, first: Bool = false) {
            if !first { buffer.append(UInt8(ascii: ",")) }
            JSONText.appendString(name, to: &buffer)
            buffer.append(UInt8(ascii: ":"))
            JSONText.appendString(value, to: &buffer)
        }
        buffer.append(UInt8(ascii: "{"))
        field("code", diagnostic.code.rawValue, first: true)
        field("severity", diagnostic.severity.rawValue)
        field("file", diagnostic.path)
        buffer.append(contentsOf: ",\"range\":{\"start\":{\"line\":\(start.line),\"column\":\(start.column)},".utf8)
        buffer.append(contentsOf: "\"end\":{\"line\":\(end.line),\"column\":\(end.column)}}".utf8)
        field("message", diagnostic.message)
        if let hint = diagnostic.hint { field("hint", hint) }
        buffer.append(contentsOf: ",\"notes\":[".utf8)
        for (index, note) in diagnostic.notes.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(UInt8(ascii: "{"))
            field("message", note.message, first: true)
            if let range = note.range, let source {
                let location = source.location(of: range.start)
                buffer.append(contentsOf: ",\"line\":\(location.line),\"column\":\(location.column)".utf8)
            }
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(contentsOf: "]}".utf8)
    }
}

extension String {
    /// Replaces every occurrence of `target` (pure Swift, no Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
