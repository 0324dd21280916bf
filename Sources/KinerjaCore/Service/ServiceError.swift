/// An error answered to a request: a JSON-RPC 2.0 code or one of kinerja's own (documented in
/// docs/protocol.md), a message in lower case, and a `data` object pointing at the cause.
struct ServiceError: Error {
    /// The error codes of the protocol: JSON-RPC's own, then kinerja's in the server range -32000…-32099.
    enum Code: Int, CaseIterable {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case policyHasErrors = -32001
        case policyNotFound = -32002
        case notAPolicy = -32003
        case requestTooLarge = -32004
        case unreadableFile = -32005
    }

    var code: Code
    var message: String
    /// The `data` object, already written; nil when there is nothing to add.
    var data: [UInt8]?

    /// The JSON-RPC error object: `{"code":…,"message":…,"data":{…}}`.
    var json: [UInt8] {
        var object = JSONObjectWriter()
        object.integer("code", code.rawValue)
        object.string("message", message)
        if let data { object.raw("data", data) }
        return object.bytes
    }

    // MARK: - Requests

    static func parseError(_ problem: DataProblem, column: Int) -> ServiceError {
        var data = JSONObjectWriter()
        data.string("code", problem.code.rawValue)
        data.integer("column", column)
        return ServiceError(code: .parseError, message: problem.message, data: data.bytes)
    }

    static func invalidRequest(_ message: String) -> ServiceError {
        ServiceError(code: .invalidRequest, message: message)
    }

    static func methodNotFound(_ method: String) -> ServiceError {
        var data = JSONObjectWriter()
        data.string("method", method)
        return ServiceError(code: .methodNotFound, message: "unknown method '\(method)'", data: data.bytes)
    }

    static func invalidParams(_ message: String, parameter: String? = nil) -> ServiceError {
        guard let parameter else { return ServiceError(code: .invalidParams, message: message) }
        var data = JSONObjectWriter()
        data.string("param", parameter)
        return ServiceError(code: .invalidParams, message: message, data: data.bytes)
    }

    static func requestTooLarge(limit: Int) -> ServiceError {
        var data = JSONObjectWriter()
        data.integer("limit", limit)
        return ServiceError(code: .requestTooLarge, message: "request longer than \(limit) bytes", data: data.bytes)
    }

    // MARK: - Policies

    /// A policy with errors; `data` names the first error's place and lists every diagnostic.
    static func policyHasErrors(_ name: String?, file: String, _ diagnostics: [Diagnostic],
                                loader: PolicyLoader) -> ServiceError {
        let errors = diagnostics.filter { $0.severity == .error }
        var data = JSONObjectWriter()
        if let name { data.string("policy", name) }
        if let first = errors.first {
            let place = loader.sources[first.path]?.location(of: first.range.start) ?? LineColumn(line: 1, column: 1)
            data.string("file", first.path)
            data.integer("line", place.line)
            data.integer("column", place.column)
        } else {
            data.string("file", file)
        }
        var list: [UInt8] = []
        loader.appendJSON(errors, to: &list)
        data.raw("diagnostics", list)
        let subject = name.map { "policy '\($0)'" } ?? "'\(file)'"
        return ServiceError(code: .policyHasErrors, message: "\(subject) has errors", data: data.bytes)
    }

    static func policyNotFound(_ name: String, file: String) -> ServiceError {
        var data = JSONObjectWriter()
        data.string("policy", name)
        data.string("file", file)
        return ServiceError(code: .policyNotFound, message: "no policy named '\(name)' in Policies/", data: data.bytes)
    }

    static func notAPolicy(file: String) -> ServiceError {
        var data = JSONObjectWriter()
        data.string("file", file)
        return ServiceError(code: .notAPolicy, message: "'\(file)' is a rules library, not a policy", data: data.bytes)
    }

    static func unreadable(_ error: FileSystem.ReadError) -> ServiceError {
        var data = JSONObjectWriter()
        data.string("file", FileSystem.displayPath(error.path))
        return ServiceError(code: .unreadableFile, message: error.message, data: data.bytes)
    }
}
