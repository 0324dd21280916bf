/// The JSON-RPC 2.0 service behind `kinerja serve`: one request line in, one response line out (docs/protocol.md).
///
/// `handle` never writes anywhere and never stops on bad input: a malformed line, a wrong parameter or a broken
/// policy is answered with an error response, and a record that cannot be evaluated is one error entry among the
/// results. Policies named in requests are compiled once and kept until `reload`.
public struct Service {
    /// The longest request line accepted unless the caller sets another limit: 16 MiB.
    public static let defaultMaxRequestBytes = 16 << 20

    /// The limits on the records of a request unless the caller sets others: those of `kinerja eval`, and at most
    /// 100,000 records in one `eval` request.
    public static let defaultLimits = DataLimits(maxRecords: 100_000)

    let root: String
    let maxRequestBytes: Int
    /// The limits on each record of a request; `maxRecords` is per request.
    let limits: DataLimits
    var cache: PolicyCache
    private var parserWorkspace = JSONParser.Workspace()

    /// A service answering for the rules and policies under `root` (its `Rules/` and `Policies/` folders).
    public init(root: String = ".", maxRequestBytes: Int = defaultMaxRequestBytes, limits: DataLimits = defaultLimits) {
        self.root = root
        self.maxRequestBytes = max(1, maxRequestBytes)
        self.limits = limits
        cache = PolicyCache(root: root, limits: limits)
    }

    /// Answers one request line (without its line break): the response, one line of JSON without a line break,
    /// or nil for a blank line and for a notification (a request without `id`).
    public mutating func handle(_ requestLine: ArraySlice<UInt8>) -> [UInt8]? {
        guard requestLine.count <= maxRequestBytes else { return oversizedRequestResponse() }
        switch JSONRPCRequest.read(requestLine, maxDepth: limits.maxDepth, workspace: &parserWorkspace) {
        case .blank:
            return nil
        case .rejected(let id, let error):
            return Self.response(id, .failure(error))
        case .request(let request):
            let outcome = perform(request)
            guard let id = request.id else { return nil }
            return Self.response(id, outcome)
        }
    }

    /// The answer to a line longer than the limit, which a transport skips without holding it in memory.
    public func oversizedRequestResponse() -> [UInt8] {
        Self.response(.null, .failure(.requestTooLarge(limit: maxRequestBytes)))
    }

    /// The methods of the protocol, in the order docs/protocol.md lists them.
    static let methods = ["eval", "explain", "describe", "check", "list", "reload", "version"]

    private mutating func perform(_ request: JSONRPCRequest) -> Result<[UInt8], ServiceError> {
        do throws(ServiceError) {
            switch request.method {
            case "eval": return .success(try evaluate(request.params))
            case "explain": return .success(try explain(request.params))
            case "describe": return .success(try describe(request.params))
            case "check": return .success(try check(request.params))
            case "list": return .success(try list(request.params))
            case "reload": return .success(try reload(request.params))
            case "version": return .success(try version(request.params))
            default: throw .methodNotFound(request.method)
            }
        } catch {
            return .failure(error)
        }
    }

    /// `{"jsonrpc":"2.0","id":…,"result":…}` or `{"jsonrpc":"2.0","id":…,"error":{…}}`.
    static func response(_ id: RequestID, _ outcome: Result<[UInt8], ServiceError>) -> [UInt8] {
        var buffer = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
        id.append(to: &buffer)
        switch outcome {
        case .success(let result):
            buffer.append(contentsOf: #","result":"#.utf8)
            buffer.append(contentsOf: result)
        case .failure(let error):
            buffer.append(contentsOf: #","error":"#.utf8)
            buffer.append(contentsOf: error.json)
        }
        buffer.append(UInt8(ascii: "}"))
        return buffer
    }

    // MARK: - The policy of a request

    /// The parameters that name a request's policy: `policy` (a name in Policies/), or `source` text with an
    /// optional `path` to show in diagnostics.
    static let policyParameters = ["policy", "source", "path"]

    /// The policy a request names (compiled once and cached) or sends as source text (compiled for this request).
    mutating func policy(_ params: RequestParameters) throws(ServiceError) -> CompiledPolicy {
        let name = try params.string("policy")
        let source = try params.string("source")
        let path = try params.string("path")
        switch (name, source) {
        case (let name?, nil):
            if path != nil { throw .invalidParams("'path' goes with 'source', not with 'policy'", parameter: "path") }
            return try cache.policy(named: name)
        case (nil, let text?):
            return try CompiledPolicy.compile(SourceFile(path: path ?? Self.requestPath, text: text), name: nil,
                                              root: root, limits: limits)
        case (_?, _?):
            throw .invalidParams("give either 'policy' or 'source', not both", parameter: "source")
        case (nil, nil):
            throw .invalidParams("missing parameter 'policy' (or 'source')", parameter: "policy")
        }
    }

    /// The file name diagnostics show for source text sent without a `path`.
    static let requestPath = "<request>"
}
