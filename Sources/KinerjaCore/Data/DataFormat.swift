/// The formats a data file can have.
public enum DataFormat: String, Sendable, CaseIterable {
    /// A JSON document: an array of objects, or an object with a "records" array.
    case json
    /// JSON Lines: one object per line.
    case jsonl
    /// Comma- or semicolon-separated values with a header row.
    case csv

    /// The format named by the path's extension (`.json`, `.jsonl` or `.ndjson`, `.csv`, in any case), or nil.
    public static func inferred(fromPath path: String) -> DataFormat? {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "json": return .json
        case "jsonl", "ndjson": return .jsonl
        case "csv": return .csv
        default: return nil
        }
    }
}
