#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: a file descriptor read in chunks with `read(2)`, or a buffer in memory.
///
/// The source does not own the descriptor: the caller opens and closes it. Readers hold one chunk
/// (1 MiB by default) plus the record being read, never the whole input.
public struct ByteSource: Sendable {
    /// The default number of bytes read at a time.
    static let defaultChunkSize = 1 << 20

    private let descriptor: Int32?
    private let memory: [UInt8]
    private var memoryOffset = 0
    /// The most bytes one `read(appendingTo:)` adds; tests make it tiny to put chunk boundaries everywhere.
    let chunkSize: Int

    /// Reads from an open file descriptor (a file, a pipe, standard input) until `read(2)` reports the end.
    public init(fileDescriptor: Int32) {
        self.init(fileDescriptor: fileDescriptor, chunkSize: Self.defaultChunkSize)
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8]) {
        self.init(bytes: bytes, chunkSize: Self.defaultChunkSize)
    }

    init(fileDescriptor: Int32, chunkSize: Int) {
        descriptor = fileDescriptor
        memory = []
        self.chunkSize = max(1, chunkSize)
    }

    init(bytes: [UInt8], chunkSize: Int) {
        descriptor = nil
        memory = bytes
        self.chunkSize = max(1, chunkSize)
    }

    /// The outcome of one read.
    enum ReadOutcome: Equatable {
        /// This many bytes (at least one) were appended.
        case read(Int)
        /// The input has ended.
        case end
        /// The read failed; the text says why.
        case failed(String)
    }

    /// Appends up to `chunkSize` bytes to `buffer`.
    mutating func read(appendingTo buffer: inout [UInt8]) -> ReadOutcome {
        guard let descriptor else {
            let count = min(chunkSize, memory.count - memoryOffset)
            guard count > 0 else { return .end }
            buffer.append(contentsOf: memory[memoryOffset..<memoryOffset + count])
            memoryOffset += count
            return .read(count)
        }
        // Straight into the buffer's free capacity, without a second copy.
        var outcome = ReadOutcome.end
        buffer.append(addingCapacity: chunkSize) { span in
            span.withUnsafeMutableBufferPointer { free, initialized in
                guard let base = free.baseAddress else { preconditionFailure("no room for a chunk of one byte or more") }
                var result = 0
                repeat {
                    result = Self.systemRead(descriptor, base, min(free.count, chunkSize))
                } while result < 0 && errno == EINTR
                if result < 0 {
                    outcome = .failed(Self.errorText(errno))
                } else if result > 0 {
                    initialized = result
                    outcome = .read(result)
                }
            }
        }
        return outcome
    }

    private static func systemRead(_ descriptor: Int32, _ pointer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(descriptor, pointer, count)
        #elseif canImport(Musl)
        return Musl.read(descriptor, pointer, count)
        #elseif canImport(Darwin)
        return Darwin.read(descriptor, pointer, count)
        #else
        return -1
        #endif
    }

    private static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }
}
