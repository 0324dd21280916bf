#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `kinerja serve`: the transport of the JSON-RPC service. Reads standard input in chunks with `read(2)`, hands
/// each line to `Service.handle`, and writes each response as one line with one write; ends at end of input.
enum ServeCommand {
    static let options: [Arguments.Option] = [
        .value("root"), .value("max-request-bytes"), .value("max-records"), .value("max-depth"),
        .value("max-list-items"), .value("max-steps"),
    ]

    static func run(_ arguments: [String], io: IO) throws(UsageError) -> ExitCode {
        if CLI.helpRequested(arguments, HelpText.serve, io: io) { return .success }
        let parsed = try Arguments.parse(arguments, options: options)
        guard parsed.positional.isEmpty else { throw UsageError("unexpected argument '\(parsed.positional[0])'") }
        var limit = Service.defaultMaxRequestBytes
        if let text = parsed.values["max-request-bytes"] {
            guard let value = Int(text), value > 0 else {
                throw UsageError("option '--max-request-bytes' must be a positive number of bytes, not '\(text)'")
            }
            limit = value
        }
        let root = parsed.values["root"] ?? "."
        guard FileSystem.isDirectory(root) else {
            io.writeError("kinerja: cannot read '\(root)': not a directory\n")
            return .usage
        }
        let limits = try DataLimits.options(parsed, defaults: Service.defaultLimits)
        var service = Service(root: root, maxRequestBytes: limit, limits: limits)
        guard let descriptor = io.outputDescriptor else {
            return serve(&service, input: io.inputDescriptor, write: io.writeOutput, io: io)
        }
        // Responses go to a copy of standard output; anything else printed to it lands on standard error.
        let responses = dup(descriptor)
        guard responses >= 0, dup2(2, descriptor) >= 0 else {
            io.writeError("kinerja: cannot set up standard output: \(FileSystem.systemReason())\n")
            return .usage
        }
        defer {
            dup2(responses, descriptor)
            close(responses)
        }
        return serve(&service, input: io.inputDescriptor, write: { IO.writeAll($0, to: responses) }, io: io)
    }

    /// Answers every line of `input` until it ends. A line longer than the service's limit is answered with an
    /// error and skipped without being held in memory; a last line without a line break is still answered.
    static func serve(_ service: inout Service, input: Int32, write: ([UInt8]) -> Bool, io: IO) -> ExitCode {
        var source = ByteSource(fileDescriptor: input, chunkSize: 1 << 16)
        var buffer: [UInt8] = []
        var lineStart = 0
        var scanned = 0
        var skippingLongLine = false
        func answer(_ response: [UInt8]?) -> Bool {
            guard var response else { return true }
            response.append(UInt8(ascii: "\n"))
            return write(response)
        }
        while true {
            while let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                if skippingLongLine {
                    skippingLongLine = false
                } else {
                    var end = newline
                    if end > lineStart, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                    guard answer(service.handle(buffer[lineStart..<end])) else { return outputClosed(io) }
                }
                lineStart = newline + 1
                scanned = lineStart
            }
            scanned = buffer.count
            // One more byte than the limit may be the '\r' of a CRLF.
            if !skippingLongLine, buffer.count - lineStart > service.maxRequestBytes + 1 {
                guard answer(service.oversizedRequestResponse()) else { return outputClosed(io) }
                skippingLongLine = true
            }
            if skippingLongLine { lineStart = buffer.count }
            if lineStart > 0 {
                buffer.removeSubrange(0..<lineStart)
                scanned -= lineStart
                lineStart = 0
            }
            switch source.read(appendingTo: &buffer) {
            case .read:
                continue
            case .end:
                if !skippingLongLine, !buffer.isEmpty, !answer(service.handle(buffer[...])) { return outputClosed(io) }
                return .success
            case .failed(let reason):
                io.writeError("kinerja: cannot read standard input: \(reason)\n")
                return .usage
            }
        }
    }

    private static func outputClosed(_ io: IO) -> ExitCode {
        io.writeError("kinerja: output closed; stopped\n")
        return .outputClosed
    }
}
