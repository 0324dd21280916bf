/// Eight bytes read as one little-endian word (first byte lowest), for scanning and comparing text eight bytes at a
/// time.
enum ByteWord {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `pointer`, which need not be aligned.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte in `word` that a JSON string must escape: a quote, a backslash or a control
    /// character. The lowest marked byte is exact; bytes after it may be marked too.
    @inline(__always)
    static func escaped(_ word: UInt64) -> UInt64 {
        /// A high bit set in each byte of `x` that is zero (exactly up to the first, for bytes below 0x80).
        func zeros(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let quote = zeros(word ^ (ones &* 0x22)), backslash = zeros(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & highs
        return quote | backslash | control
    }

    /// The high bit of each byte in `word` that is not ASCII.
    @inline(__always)
    static func nonASCII(_ word: UInt64) -> UInt64 {
        word & highs
    }
}
