/// The input's bytes as a sliding window: readers scan `bytes`, and when they reach its end they ask for the
/// next chunk, dropping everything before the record they are in. Memory stays bounded by one record plus one chunk.
///
/// A UTF-8 byte order mark at the very start is removed before any reader sees it. The window remembers how many
/// characters of the current line lie before `bytes[0]`, so columns stay right after earlier bytes are dropped.
struct InputBuffer {
    /// The bytes currently held; offsets into it change when `refill(keeping:)` drops a prefix.
    private(set) var bytes: [UInt8] = []
    /// Stands for `bytes` until the next refill: a batch that keeps the bytes (`lend()`) keeps this too.
    private(set) var hold = Hold()
    /// Whether a batch keeps `bytes`: the next refill then moves what it keeps into other storage instead of
    /// changing them.
    private var isLent = false
    /// Storage that nothing else holds, given back by a batch, to refill into after the bytes were lent.
    private var spare: [UInt8] = []
    /// Why reading failed, once it has.
    private(set) var failure: String?
    private var source: ByteSource
    private var isExhausted = false
    private var hasStarted = false
    /// The number of characters between the start of the line that contains `bytes[0]` and `bytes[0]`.
    private var columnBase = 0

    init(source: ByteSource) {
        self.source = source
    }

    /// What `refill(keeping:)` did: offsets held by the caller must be reduced by `dropped`.
    struct Refill {
        var dropped: Int
        var added: Bool
    }

    /// A token for the bytes between two refills. Whoever keeps the bytes keeps the token, so that when a batch
    /// gives them back and its token is the only one left, nothing else holds the bytes either.
    final class Hold: Sendable {}

    /// The bytes, for a batch to keep with the token that stands for them (its lines are ranges in them): the next
    /// refill leaves them as they are.
    mutating func lend() -> (bytes: [UInt8], hold: Hold) {
        isLent = true
        return (bytes, hold)
    }

    /// Bytes lent to a batch and given back with their token: kept as the storage of a later refill when nothing
    /// else holds them, so that reading stays in the same few buffers.
    mutating func takeBack(_ lent: consuming [UInt8], hold: consuming Hold) {
        var hold = hold
        guard isKnownUniquelyReferenced(&hold), spare.capacity == 0,
              lent.capacity <= Self.spareLimit(chunkSize: source.chunkSize) else { return }
        spare = lent
    }

    /// The largest storage kept for reuse: a buffer grown by a huge record is let go.
    private static func spareLimit(chunkSize: Int) -> Int {
        4 * chunkSize
    }

    /// Drops the bytes before `offset` and appends the next chunk; `added` is false at the end of the input.
    mutating func refill(keeping offset: Int) -> Refill {
        if offset > 0 {
            noteDropped(upTo: offset)
        }
        if isLent {
            // A batch keeps the bytes: the ones still needed move to storage of their own.
            var kept: [UInt8] = []
            swap(&kept, &spare)
            kept.removeAll(keepingCapacity: true)
            kept.reserveCapacity(bytes.count - offset + source.chunkSize)
            bytes.withUnsafeBufferPointer { kept.append(contentsOf: UnsafeBufferPointer(rebasing: $0[offset...])) }
            bytes = kept
            hold = Hold()
            isLent = false
        } else if offset > 0 {
            bytes.removeSubrange(0..<offset)
        }
        guard !isExhausted else { return Refill(dropped: offset, added: false) }
        let before = bytes.count
        readChunk()
        if !hasStarted {
            hasStarted = true
            while bytes.count < 3 && !isExhausted {
                readChunk()
            }
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
                bytes.removeSubrange(0..<3)
            }
        }
        while bytes.count == before && !isExhausted {
            readChunk()
        }
        return Refill(dropped: offset, added: bytes.count > before)
    }

    /// The 1-based column, in Unicode scalars, of the byte at `offset`.
    func column(at offset: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var lineStart = min(offset, buffer.count)
            while lineStart > 0 && buffer[lineStart - 1] != UInt8(ascii: "\n") {
                lineStart -= 1
            }
            let base = lineStart == 0 ? columnBase : 0
            return base + UTF8Bytes.scalarCount(buffer, in: lineStart..<min(offset, buffer.count)) + 1
        }
    }

    /// The line and column of the byte at `offset`, for a record that starts at `start` on line `startLine`.
    func location(of offset: Int, recordStart start: Int, line startLine: Int) -> (line: Int, column: Int) {
        let newlines = bytes.withUnsafeBufferPointer { buffer in
            var count = 0
            for index in start..<min(offset, buffer.count) where buffer[index] == UInt8(ascii: "\n") {
                count += 1
            }
            return count
        }
        return (startLine + newlines, column(at: offset))
    }

    /// The error for an issue found in the record that starts at `start` on line `startLine`.
    func error(for issue: DataIssue, recordStart start: Int, line startLine: Int) -> DataError {
        let place = location(of: issue.offset, recordStart: start, line: startLine)
        return DataError(code: issue.problem.code, message: issue.problem.message,
                         line: place.line, column: place.column)
    }

    private mutating func readChunk() {
        switch source.read(appendingTo: &bytes) {
        case .read:
            break
        case .end:
            isExhausted = true
        case .failed(let reason):
            isExhausted = true
            failure = reason
        }
    }

    private mutating func noteDropped(upTo offset: Int) {
        bytes.withUnsafeBufferPointer { buffer in
            var lineStart = offset
            while lineStart > 0 && buffer[lineStart - 1] != UInt8(ascii: "\n") {
                lineStart -= 1
            }
            let count = UTF8Bytes.scalarCount(buffer, in: lineStart..<offset)
            columnBase = lineStart == 0 ? columnBase + count : count
        }
    }
}
