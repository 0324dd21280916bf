/// A growing run of bytes for rendered results. It does what `[UInt8]` does for appending, without the check for a
/// shared buffer and the generic copy that an array makes on every append, which made up a fifth of the
/// rendering time.
struct OutputBuffer: ~Copyable, ByteSink {
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 64)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// Moves the bytes written so far to the end of `array`, leaving the buffer empty (with its capacity) for more.
    mutating func moveBytes(appendingTo array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
        count = 0
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        start[count] = byte
        count &+= 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if capacity - count < bytes.count { grow(toHold: bytes.count) }
        if bytes.count <= 16 {
            // Most pieces are a few bytes long: copied in place, without a call.
            for index in 0..<bytes.count { start[count &+ index] = source[index] }
        } else {
            (start + count).initialize(from: source, count: bytes.count)
        }
        count &+= bytes.count
    }

    /// Makes room for `extra` more bytes, at least doubling the capacity.
    @inline(never)
    private mutating func grow(toHold extra: Int) {
        let newCapacity = Swift.max(capacity * 2, count + extra)
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.initialize(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }
}
