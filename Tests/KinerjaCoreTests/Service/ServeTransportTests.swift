import Foundation
import Testing

@testable import KinerjaCore

/// The transport of `kinerja serve`, run in-process on an input file: line splitting across read chunks, CRLF,
/// a last line without a line break, and a line over the limit skipped without stopping.
@Suite("Serve transport")
struct ServeTransportTests {
    /// Runs `kinerja serve ARGUMENTS` with `input` as standard input.
    static func serve(_ input: [UInt8], _ arguments: [String]) throws -> (ExitCode, CapturedIO) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-serve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(input).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        let capture = CapturedIO(inputDescriptor: descriptor)
        return (CLI.run(arguments: ["serve"] + arguments, io: capture.io), capture)
    }

    static let version = #"{"jsonrpc":"2.0","id":1,"method":"version"}"#
    static let versionResponse = #"{"jsonrpc":"2.0","id":1,"result":{"name":"kinerja","version":"\#(CLI.version)","#
        + #""methods":["eval","explain","describe","check","list","reload","version"]}}"#

    @Test("lines split anywhere, CRLF, blank lines and a last line without a line break")
    func framing() throws {
        let input = "\n" + Self.version + "\r\n\n   \n" + Self.version.replacingOccurrences(of: "1", with: "2")
        let (code, capture) = try Self.serve(Array(input.utf8), [])
        #expect(code == .success)
        #expect(capture.text == Self.versionResponse + "\n"
            + Self.versionResponse.replacingOccurrences(of: #""id":1"#, with: #""id":2"#) + "\n")
        #expect(capture.errorText == "")
    }

    @Test("a line over the limit, longer than a read chunk, is answered and skipped")
    func longLine() throws {
        let long = #"{"jsonrpc":"2.0","id":9,"method":"check","params":{"source":""#
            + String(repeating: "x", count: 200_000) + #""}}"#
        let (code, capture) = try Self.serve(Array((long + "\n" + Self.version + "\n" + long).utf8),
                                             ["--max-request-bytes", "1000"])
        #expect(code == .success)
        let tooLarge = #"{"jsonrpc":"2.0","id":null,"error":{"code":-32004,"message":"request longer than 1000 bytes","#
            + #""data":{"limit":1000}}}"#
        #expect(capture.text == tooLarge + "\n" + Self.versionResponse + "\n" + tooLarge + "\n")
    }

    @Test("usage errors", arguments: [
        (["--max-request-bytes", "0"], "kinerja: option '--max-request-bytes' must be a positive number of bytes, not '0'\n"
            + "Run 'kinerja --help' for usage.\n"),
        (["extra"], "kinerja: unexpected argument 'extra'\nRun 'kinerja --help' for usage.\n"),
        (["--root", "/nonexistent/kinerja"], "kinerja: cannot read '/nonexistent/kinerja': not a directory\n"),
    ])
    func usage(_ arguments: [String], _ message: String) throws {
        let (code, capture) = try Self.serve([], arguments)
        #expect(code == .usage)
        #expect(capture.errorText == message)
        #expect(capture.text == "")
    }
}
