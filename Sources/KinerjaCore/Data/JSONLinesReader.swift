import Foundation

/// Reads JSON Lines: every non-blank line is exactly one record, parsed on its own, so a bad line
/// becomes one error record and reading goes on with the next line.
///
/// Blank (whitespace-only) lines are skipped and are not records. CRLF line ends and a last line without
/// a newline are accepted. A line longer than `maxRecordBytes` is reported and skipped up to the next
/// newline without being held in memory.
struct JSONLinesReader: UnparsedRecordSource {
    private let limits: DataLimits
    /// The offset in the input buffer where the next line starts.
    private var position = 0
    /// The number of the line that starts at `position`.
    private(set) var line = 1

    init(limits: DataLimits) {
        self.limits = limits
    }

    /// The next record, parsed with `workspace`. The caller keeps the workspace, so that this reader holds no
    /// references and copying it (as `RecordReader` does for every line) counts none.
    mutating func next(from input: inout InputBuffer, workspace: inout JSONParser.Workspace) -> RawRecord? {
        switch nextUnparsed(from: &input) {
        case nil: return nil
        case .decided(let record)?: return record
        case .bytes(let number, let range)?:
            let result = input.bytes.withUnsafeBufferPointer {
                JSONParser.parseRecord($0, range: range, maxDepth: limits.maxDepth, workspace: &workspace)
            }
            switch result {
            case .blank:
                preconditionFailure("nextUnparsed skips blank lines")
            case .record(let object):
                return RawRecord(line: number, content: .success(object))
            case .failure(let issue):
                return RawRecord(line: number, content: .failure(
                    input.error(for: issue, recordStart: range.lowerBound, line: number)))
            }
        }
    }

    static func content(_ range: Range<Int>) -> RecordBatch.Entry.Content {
        .line(range)
    }

    /// The next non-blank line, unparsed, or the error record of a line too long to hold.
    mutating func nextUnparsed(from input: inout InputBuffer) -> UnparsedRecord? {
        while true {
            var start = position
            var searchFrom = position
            var lineEnd = 0
            findEnd: while true {
                if let newline = Self.firstNewline(in: input.bytes, from: searchFrom) {
                    lineEnd = newline
                    position = newline + 1
                    break findEnd
                }
                searchFrom = input.bytes.count
                // One more byte than the limit may be the '\r' of a CRLF.
                if searchFrom - start > limits.maxRecordBytes + 1 {
                    return skipLongLine(&input)
                }
                let refill = input.refill(keeping: start)
                start -= refill.dropped
                searchFrom -= refill.dropped
                if !refill.added {
                    guard start < input.bytes.count else {
                        position = start
                        return nil
                    }
                    lineEnd = input.bytes.count
                    position = lineEnd
                    break findEnd
                }
            }
            let lineNumber = line
            line += 1
            if lineEnd > start && input.bytes[lineEnd - 1] == UInt8(ascii: "\r") {
                lineEnd -= 1
            }
            if lineEnd - start > limits.maxRecordBytes {
                let problem = DataProblem.recordTooLong(limit: limits.maxRecordBytes, isLine: true)
                return .decided(RawRecord(line: lineNumber, content: .failure(
                    DataError(code: problem.code, message: problem.message, line: lineNumber, column: 1))))
            }
            if Self.isBlank(input.bytes, start..<lineEnd) { continue }
            return .bytes(line: lineNumber, range: start..<lineEnd)
        }
    }

    /// Whether a line holds only JSON whitespace.
    private static func isBlank(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            for index in range {
                switch buffer[index] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): continue
                default: return false
                }
            }
            return true
        }
    }

    /// Reports the current line as too long and drops input up to and including its newline.
    private mutating func skipLongLine(_ input: inout InputBuffer) -> UnparsedRecord {
        let lineNumber = line
        line += 1
        while true {
            let refill = input.refill(keeping: input.bytes.count)
            if !refill.added {
                position = 0
                break
            }
            if let newline = Self.firstNewline(in: input.bytes, from: 0) {
                position = newline + 1
                break
            }
        }
        let problem = DataProblem.recordTooLong(limit: limits.maxRecordBytes, isLine: true)
        return .decided(RawRecord(line: lineNumber, content: .failure(
            DataError(code: problem.code, message: problem.message, line: lineNumber, column: 1))))
    }

    private static func firstNewline(in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            // memchr scans many bytes per step; lines are hundreds of bytes long.
            guard let found = memchr(buffer.baseAddress! + start, Int32(UInt8(ascii: "\n")), buffer.count - start) else {
                return nil
            }
            return buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}
