import Testing

@testable import KinerjaCore

@Suite("Output buffer")
struct OutputBufferTests {
    /// The same pieces written through `ByteSink` into an array and into a buffer.
    static func write(_ pieces: [[UInt8]], to sink: inout some ByteSink & ~Copyable) {
        for piece in pieces {
            if piece.count == 1 {
                sink.append(piece[0])
            } else {
                piece.withUnsafeBufferPointer { sink.append(contentsOf: $0) }
            }
        }
        sink.append("literal")
    }

    @Test("pieces short and long, across many growths, give exactly the bytes an array gets")
    func growsLikeAnArray() {
        var generator = SeededRandom(seed: 20261123)
        let sizes = [0, 1, 15, 16, 17, 63, 64, 65, 1000, 5000]
        var pieces: [[UInt8]] = []
        for round in 0..<400 {
            let size = round < sizes.count ? sizes[round] : sizes[generator.next(sizes.count)]
            pieces.append((0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        var array: [UInt8] = []
        Self.write(pieces, to: &array)
        var buffer = OutputBuffer(capacity: 1)
        Self.write(pieces, to: &buffer)
        #expect(buffer.count == array.count)
        var moved: [UInt8] = [1, 2]
        buffer.moveBytes(appendingTo: &moved)
        #expect(moved == [1, 2] + array && buffer.count == 0)
        buffer.append(7)
        moved = []
        buffer.moveBytes(appendingTo: &moved)
        #expect(moved == [7])
    }
}
