/// The fields an object has given a value: one bit each, the first 64 in a word of their own, any others in words
/// the caller provides.
struct FieldSet {
    private var first: UInt64 = 0
    private let rest: UnsafeMutableBufferPointer<UInt64>

    init(beyond64 words: UnsafeMutableBufferPointer<UInt64>) {
        rest = words
        rest.initialize(repeating: 0)
    }

    @inline(__always)
    mutating func insert(_ slot: Int) {
        if slot < 64 { first |= 1 << UInt64(slot) } else { rest[slot / 64 - 1] |= 1 << UInt64(slot % 64) }
    }

    @inline(__always)
    func contains(_ slot: Int) -> Bool {
        slot < 64 ? first & (1 << UInt64(slot)) != 0 : rest[slot / 64 - 1] & (1 << UInt64(slot % 64)) != 0
    }
}
