/// The limit flags shared by `eval` and `serve`.
extension DataLimits {
    /// `defaults`, changed by whichever of `--max-depth`, `--max-record-bytes`, `--max-records`,
    /// `--max-list-items` and `--max-steps` were given.
    static func options(_ parsed: Arguments, defaults: DataLimits) throws(UsageError) -> DataLimits {
        var limits = defaults
        func number(_ option: String, _ range: ClosedRange<Int>) throws(UsageError) -> Int? {
            guard let text = parsed.values[option] else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw UsageError("option '--\(option)' needs a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
            }
            return value
        }
        if let depth = try number("max-depth", 1...10_000) { limits.maxDepth = depth }
        if let bytes = try number("max-record-bytes", 1...(1 << 30)) { limits.maxRecordBytes = bytes }
        if let records = try number("max-records", 0...Int.max) { limits.maxRecords = records }
        if let items = try number("max-list-items", 0...Int.max) { limits.maxListItems = items }
        if let steps = try number("max-steps", 0...Int.max) { limits.maxSteps = steps }
        return limits
    }
}
