extension SourceFile {
    /// Whether only spaces and tabs come before `offset` on its line: the parser resumes after an error at such a
    /// place, and the formatter keeps a comment there on a line of its own.
    func isFirstOnItsLine(_ offset: Int) -> Bool {
        var index = min(offset, bytes.count)
        while index > 0 {
            switch bytes[index - 1] {
            case UInt8(ascii: "\n"): return true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index -= 1
            default: return false
            }
        }
        return true
    }

    /// Whether an empty line follows `offset` before the next text: the formatter keeps one after a comment.
    func isFollowedByBlankLine(_ offset: Int) -> Bool {
        var lineBreaks = 0
        for byte in bytes[min(offset, bytes.count)...] {
            switch byte {
            case UInt8(ascii: "\n"):
                lineBreaks += 1
                if lineBreaks == 2 { return true }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): continue
            default: return false
            }
        }
        return false
    }
}
