/// The `id` of a request, kept exactly as sent: a number keeps its literal text, so `1.0` is answered as `1.0`.
enum RequestID: Equatable {
    case number(String)
    case string(String)
    case null

    func append(to buffer: inout [UInt8]) {
        switch self {
        case .number(let literal): buffer.append(contentsOf: literal.utf8)
        case .string(let text): JSONText.appendString(text, to: &buffer)
        case .null: buffer.append(contentsOf: "null".utf8)
        }
    }
}

/// A JSON-RPC 2.0 request read from one line with the project's JSON parser. Only named parameters (an
/// object) are accepted, and batches are not supported.
struct JSONRPCRequest {
    /// nil for a notification, which is carried out but gets no response.
    var id: RequestID?
    var method: String
    /// An object of named parameters, an array (rejected by every method) or nil.
    var params: DataValue?

    /// What one line holds.
    enum Line {
        /// Only whitespace: ignored.
        case blank
        case request(JSONRPCRequest)
        /// Not a valid request: the error to answer, with the request's id when it could be read.
        case rejected(RequestID, ServiceError)
    }

    static func read(_ line: ArraySlice<UInt8>, maxDepth: Int, workspace: inout JSONParser.Workspace) -> Line {
        let result = line.withUnsafeBufferPointer { buffer in
            JSONParser.parseRecord(buffer, range: 0..<buffer.count, maxDepth: maxDepth, workspace: &workspace)
        }
        switch result {
        case .blank:
            return .blank
        case .record(let object):
            return request(from: object)
        case .failure(let issue) where issue.problem.code == .notAnObject:
            let isBatch = line.first { ![0x20, 0x09, 0x0D, 0x0A].contains($0) } == UInt8(ascii: "[")
            return .rejected(.null, .invalidRequest(isBatch ? "batch requests are not supported"
                                                            : "a request must be a JSON object"))
        case .failure(let issue):
            let column = line.withUnsafeBufferPointer { UTF8Bytes.scalarCount($0, in: 0..<issue.offset) + 1 }
            return .rejected(.null, .parseError(issue.problem, column: column))
        }
    }

    private static func request(from object: DataObject) -> Line {
        let id: RequestID?
        switch object.value(for: "id") {
        case nil: id = nil
        case .number(let literal)?: id = .number(literal)
        case .string(let text)?: id = .string(text)
        case .null?: id = .null
        default: return .rejected(.null, .invalidRequest("'id' must be a number, a string or null"))
        }
        guard case .string("2.0")? = object.value(for: "jsonrpc") else {
            return .rejected(id ?? .null, .invalidRequest("'jsonrpc' must be \"2.0\""))
        }
        guard case .string(let method)? = object.value(for: "method") else {
            return .rejected(id ?? .null, .invalidRequest("'method' must be a string"))
        }
        switch object.value(for: "params") {
        case nil, .object?, .array?:
            // By-position parameters are a valid request; the method rejects them as invalid params.
            return .request(JSONRPCRequest(id: id, method: method, params: object.value(for: "params")))
        default:
            return .rejected(id ?? .null, .invalidRequest("'params' must be an object"))
        }
    }
}
