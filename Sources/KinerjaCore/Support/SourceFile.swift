/// A byte offset into a source file's UTF-8 text.
public struct SourcePosition: Hashable, Comparable, Sendable {
    public var utf8Offset: Int

    public init(utf8Offset: Int) {
        self.utf8Offset = utf8Offset
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        lhs.utf8Offset < rhs.utf8Offset
    }
}

/// A half-open span of a source file, `start..<end`, in UTF-8 offsets.
public struct SourceRange: Hashable, Sendable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    public init(_ start: Int, _ end: Int) {
        self.init(start: SourcePosition(utf8Offset: start), end: SourcePosition(utf8Offset: end))
    }

    /// The smallest range covering both ranges.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }
}

/// A 1-based line and column; the column counts characters (Unicode scalars), not bytes.
public struct LineColumn: Hashable, Sendable {
    public var line: Int
    public var column: Int
}

/// The text of one policy, rules or test file, kept as UTF-8 bytes with a table of line starts.
public struct SourceFile: Sendable {
    /// The path as the user gave it; used in diagnostics.
    public let path: String
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The line and column of a position.
    public func location(of position: SourcePosition) -> LineColumn {
        let offset = max(0, min(position.utf8Offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        let column = characterCount(bytes[lineStart..<offset]) + 1
        return LineColumn(line: low + 1, column: column)
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The source text covered by a range.
    public func text(of range: SourceRange) -> String {
        let start = max(0, min(range.start.utf8Offset, bytes.count))
        let end = max(start, min(range.end.utf8Offset, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private func characterCount(_ slice: ArraySlice<UInt8>) -> Int {
        // Count the bytes that start a UTF-8 sequence.
        slice.reduce(0) { count, byte in byte & 0xC0 == 0x80 ? count : count + 1 }
    }
}
