#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Where a command reads and writes. Tests pass buffers; the executable passes the process's streams.
public struct IO: Sendable {
    /// Writes bytes to standard output; returns false when the output is closed.
    public var writeOutput: @Sendable ([UInt8]) -> Bool
    public var writeError: @Sendable (String) -> Void
    /// The file descriptor of standard input.
    public var inputDescriptor: Int32
    public var errorIsTerminal: Bool
    public var environment: [String: String]
    /// The file descriptor `writeOutput` writes to, when it is a real one; `serve` moves it out of reach of
    /// stray writes. Nil for in-memory output.
    public var outputDescriptor: Int32?

    public init(writeOutput: @escaping @Sendable ([UInt8]) -> Bool, writeError: @escaping @Sendable (String) -> Void,
                inputDescriptor: Int32, errorIsTerminal: Bool, environment: [String: String],
                outputDescriptor: Int32? = nil) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.inputDescriptor = inputDescriptor
        self.errorIsTerminal = errorIsTerminal
        self.environment = environment
        self.outputDescriptor = outputDescriptor
    }

    /// The process's own standard streams, written with whole-buffer `write(2)` calls.
    public static func standard(environment: [String: String]) -> IO {
        IO(writeOutput: { bytes in Self.writeAll(bytes, to: 1) },
           writeError: { text in _ = Self.writeAll(Array(text.utf8), to: 2) },
           inputDescriptor: 0, errorIsTerminal: isatty(2) == 1, environment: environment, outputDescriptor: 1)
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
