import Foundation
import Testing

@testable import KinerjaCore

/// A temporary root with a copy of `Rules/nasional.rules` and a small policy `mini`, and a service answering
/// for it; requests and responses are strings.
final class ServiceFixture {
    /// `Fixtures/service/mini.policy`, shared with the end-to-end test of `kinerja serve`.
    static let miniPolicy: String = (try? String(
        contentsOf: Golden.fixtures.appendingPathComponent("service/mini.policy"), encoding: .utf8)) ?? ""

    let root: String
    var service: Service

    init(maxRequestBytes: Int = Service.defaultMaxRequestBytes, limits: DataLimits = Service.defaultLimits) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-service-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/Rules", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/Policies", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Golden.repository.appendingPathComponent("Rules/nasional.rules").path,
                                         toPath: root + "/Rules/nasional.rules")
        service = Service(root: root, maxRequestBytes: maxRequestBytes, limits: limits)
        try write("Policies/mini.policy", Self.miniPolicy)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    func write(_ relativePath: String, _ text: String) throws {
        try text.write(toFile: root + "/" + relativePath, atomically: true, encoding: .utf8)
    }

    func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(atPath: root + "/" + relativePath)
    }

    /// The response to one request line, as text; nil when there is none.
    func send(_ line: String) -> String? {
        service.handle(Array(line.utf8)[...]).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The response to a request with the given method and params object (as JSON text).
    func call(id: String = "1", _ method: String, _ params: String? = nil) -> String? {
        send(#"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)""# + (params.map { #","params":\#($0)"# } ?? "") + "}")
    }

    /// `{"jsonrpc":"2.0","id":1,"result":…}` for comparison.
    static func result(_ json: String, id: String = "1") -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"result":\#(json)}"#
    }

    /// `{"jsonrpc":"2.0","id":1,"error":…}` for comparison.
    static func error(_ code: Int, _ message: String, data: String? = nil, id: String = "1") -> String {
        #"{"jsonrpc":"2.0","id":\#(id),"error":{"code":\#(code),"message":"\#(message)""#
            + (data.map { #","data":\#($0)"# } ?? "") + "}}"
    }
}

/// An in-memory `IO` for running a command in-process: what it writes is collected for the test.
final class CapturedIO: @unchecked Sendable {
    private let lock = NSLock()
    private var output: [UInt8] = []
    private var errors = ""
    private let inputDescriptor: Int32

    init(inputDescriptor: Int32 = -1) {
        self.inputDescriptor = inputDescriptor
    }

    var io: IO {
        IO(writeOutput: { bytes in self.lock.withLock { self.output += bytes }; return true },
           writeError: { text in self.lock.withLock { self.errors += text } },
           inputDescriptor: inputDescriptor, errorIsTerminal: false, environment: [:])
    }

    var text: String { lock.withLock { String(decoding: output, as: UTF8.self) } }
    var errorText: String { lock.withLock { errors } }
}
