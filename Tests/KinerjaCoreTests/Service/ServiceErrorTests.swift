import Foundation
import Testing

@testable import KinerjaCore

/// Every error code of the protocol, for malformed lines, bad requests, wrong parameters and broken policies;
/// the service answers each and goes on.
@Suite("Service errors")
struct ServiceErrorTests {
    typealias Fixture = ServiceFixture

    @Test("malformed JSON is a parse error with id null, and the next request is answered", arguments: [
        ("{", #"{"code":"D001","column":2}"#, "invalid JSON: expected a member name in double quotes, found end of input"),
        ("garbage", #"{"code":"D001","column":1}"#, "invalid JSON: invalid literal 'garbage'"),
        (#"{"id":1,"id":2}"#, #"{"code":"D003","column":9}"#, "duplicate key 'id'"),
        (#"{"jsonrpc":"2.0","id":1,"method":"version"} x"#, #"{"code":"D001","column":45}"#,
         "invalid JSON: unexpected 'x' after the record"),
    ])
    func parseErrors(_ line: String, _ data: String, _ message: String) throws {
        let fixture = try Fixture()
        #expect(fixture.send(line) == Fixture.error(-32700, message, data: data, id: "null"))
        #expect(fixture.call("version")?.hasPrefix(#"{"jsonrpc":"2.0","id":1,"result":"#) == true)
    }

    @Test("invalid UTF-8 and nesting beyond the limit are parse errors")
    func parseErrorsOnBytes() throws {
        let fixture = try Fixture()
        let invalid = fixture.service.handle([UInt8](#"{"id":""#.utf8) + [0xFF] + [UInt8](#""}"#.utf8))
        #expect(invalid.map { String(decoding: $0, as: UTF8.self) } == Fixture.error(
            -32700, "invalid UTF-8: unexpected byte 0xFF", data: #"{"code":"D002","column":8}"#, id: "null"))
        let deep = #"{"jsonrpc":"2.0","id":1,"method":"eval","params":{"records":"#
            + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "}}"
        #expect(fixture.send(deep) == Fixture.error(
            -32700, "nesting too deep: more than 64 levels", data: #"{"code":"D006","column":123}"#,
            id: "null"))
    }

    @Test("invalid requests keep their id when it can be read", arguments: [
        ("[]", "batch requests are not supported", "null"),
        (#"  [{"jsonrpc":"2.0","id":1,"method":"version"}]"#, "batch requests are not supported", "null"),
        ("42", "a request must be a JSON object", "null"),
        (#"{"jsonrpc":"2.0","id":{},"method":"version"}"#, "'id' must be a number, a string or null", "null"),
        (#"{"jsonrpc":"2.0","id":true,"method":"version"}"#, "'id' must be a number, a string or null", "null"),
        (#"{"id":5,"method":"version"}"#, #"'jsonrpc' must be \"2.0\""#, "5"),
        (#"{"jsonrpc":"1.0","id":"x","method":"version"}"#, #"'jsonrpc' must be \"2.0\""#, #""x""#),
        (#"{"jsonrpc":"2.0","id":6}"#, "'method' must be a string", "6"),
        (#"{"jsonrpc":"2.0","method":7}"#, "'method' must be a string", "null"),
        (#"{"jsonrpc":"2.0","id":8,"method":"version","params":"x"}"#, "'params' must be an object", "8"),
    ])
    func invalidRequests(_ line: String, _ message: String, _ id: String) throws {
        let fixture = try Fixture()
        #expect(fixture.send(line) == Fixture.error(-32600, message, id: id))
    }

    @Test("an unknown method")
    func methodNotFound() throws {
        let fixture = try Fixture()
        #expect(fixture.call("evaluate", "{}")
            == Fixture.error(-32601, "unknown method 'evaluate'", data: #"{"method":"evaluate"}"#))
    }

    @Test("wrong, missing and unknown parameters", arguments: [
        ("eval", #"{"policy":"mini"}"#, "missing parameter 'records'", "records"),
        ("eval", #"{"policy":"mini","records":{}}"#, "parameter 'records' must be an array, found object", "records"),
        ("eval", #"{"policy":"mini","records":[],"explain":"yes"}"#,
         "parameter 'explain' must be a boolean, found string", "explain"),
        ("eval", #"{"policy":3,"records":[]}"#, "parameter 'policy' must be a string, found number", "policy"),
        ("eval", #"{"records":[]}"#, "missing parameter 'policy' (or 'source')", "policy"),
        ("eval", #"{"policy":"mini","source":"policy x","records":[]}"#,
         "give either 'policy' or 'source', not both", "source"),
        ("eval", #"{"policy":"mini","path":"x.policy","records":[]}"#,
         "'path' goes with 'source', not with 'policy'", "path"),
        ("eval", #"{"policy":"../mini","records":[]}"#,
         "'policy' must be the name of a policy in Policies/, such as 'plaju'", "policy"),
        ("eval", #"{"policy":"mini","recods":[]}"#, "unknown parameter 'recods'", "recods"),
        ("explain", #"{"policy":"mini","record":[]}"#, "parameter 'record' must be an object, found array", "record"),
        ("describe", #"{"policy":"mini","format":"html"}"#, "'format' must be 'markdown' or 'text', not 'html'",
         "format"),
        ("check", #"{"path":"x.policy"}"#, "missing parameter 'source'", "source"),
        ("check", #"{"source":null}"#, "parameter 'source' must be a string, found null", "source"),
        ("version", #"{"verbose":true}"#, "unknown parameter 'verbose'", "verbose"),
    ])
    func invalidParams(_ method: String, _ params: String, _ message: String, _ parameter: String) throws {
        let fixture = try Fixture()
        #expect(fixture.call(method, params)
            == Fixture.error(-32602, message, data: #"{"param":"\#(parameter)"}"#))
    }

    @Test("by-position parameters are invalid params")
    func positionalParams() throws {
        let fixture = try Fixture()
        #expect(fixture.call("list", "[]") == Fixture.error(-32602, "'params' must be an object: parameters are named"))
    }

    @Test("a policy with errors names its first error and lists every diagnostic")
    func policyHasErrors() throws {
        let fixture = try Fixture()
        try fixture.write("Policies/rusak.policy", "policy rusak\nrecord { nip text key }\noutput { y = zz }\n")
        #expect(fixture.call("eval", #"{"policy":"rusak","records":[]}"#) == Fixture.error(
            -32001, "policy 'rusak' has errors", data: #"{"policy":"rusak","file":"\#(fixture.root)/Policies/rusak.policy","#
                + #""line":3,"column":14,"diagnostics":[{"code":"E0201","severity":"error","#
                + #""file":"\#(fixture.root)/Policies/rusak.policy","range":{"start":{"line":3,"column":14},"#
                + #""end":{"line":3,"column":16}},"message":"unknown name 'zz'","notes":[]}]}"#))
        #expect(fixture.call("describe", #"{"source":"policy"}"#) == Fixture.error(
            -32001, "'<request>' has errors", data: #"{"file":"<request>","line":1,"column":7,"diagnostics":[{"#
                + #""code":"E0131","severity":"error","file":"<request>","range":{"start":{"line":1,"column":7},"#
                + #""end":{"line":1,"column":7}},"message":"expected a name after 'policy'","notes":[]}]}"#))
    }

    @Test("a policy that is not there")
    func policyNotFound() throws {
        let fixture = try Fixture()
        #expect(fixture.call("explain", #"{"policy":"tidak_ada","record":{}}"#) == Fixture.error(
            -32002, "no policy named 'tidak_ada' in Policies/",
            data: #"{"policy":"tidak_ada","file":"\#(fixture.root)/Policies/tidak_ada.policy"}"#))
    }

    @Test("a rules library is not a policy")
    func notAPolicy() throws {
        let fixture = try Fixture()
        #expect(fixture.call("eval", #"{"source":"rules r","path":"Rules/r.rules","records":[]}"#) == Fixture.error(
            -32003, "'Rules/r.rules' is a rules library, not a policy", data: #"{"file":"Rules/r.rules"}"#))
    }

    @Test("a request longer than the limit is answered with an error, one at the limit is served")
    func requestTooLarge() throws {
        let request = #"{"jsonrpc":"2.0","id":1,"method":"version"}"#
        let fixture = try Fixture(maxRequestBytes: request.utf8.count)
        #expect(fixture.send(request)?.hasPrefix(#"{"jsonrpc":"2.0","id":1,"result":"#) == true)
        let tooLong = fixture.send(request + " ")
        #expect(tooLong == Fixture.error(-32004, "request longer than \(request.utf8.count) bytes",
                                         data: #"{"limit":\#(request.utf8.count)}"#, id: "null"))
    }

    @Test("more records in one eval request than the service allows are invalid params; fewer are evaluated")
    func recordsPerRequest() throws {
        let fixture = try ServiceFixture(limits: DataLimits(maxRecords: 2))
        let records = #"[{"nip":"1","nilai":90},{"nip":"2","nilai":95},{"nip":"3","nilai":99}]"#
        let tooMany = try #require(fixture.send(
            #"{"jsonrpc":"2.0","id":1,"method":"eval","params":{"policy":"mini","records":\#(records)}}"#))
        #expect(tooMany.contains(#""code":-32602,"message":"3 records in one request, more than the limit of 2 (--max-records)""#),
                "\(tooMany)")
        let two = try #require(fixture.send(
            #"{"jsonrpc":"2.0","id":2,"method":"eval","params":{"policy":"mini","records":[{"nip":"1","nilai":90}]}}"#))
        #expect(two.contains(#""errors":0"#), "\(two)")
    }

    @Test("a policy file that cannot be read")
    func unreadableFile() throws {
        let fixture = try Fixture()
        try FileManager.default.createDirectory(atPath: fixture.root + "/Policies/folder.policy",
                                                withIntermediateDirectories: true)
        #expect(fixture.call("describe", #"{"policy":"folder"}"#) == Fixture.error(
            -32005, "cannot read '\(fixture.root)/Policies/folder.policy': is a directory",
            data: #"{"file":"\#(fixture.root)/Policies/folder.policy"}"#))
    }

    @Test("every truncation and every single-byte corruption of a request is answered, never a crash")
    func mutations() throws {
        let fixture = try Fixture()
        let request = Array(#"{"jsonrpc":"2.0","id":"é1","method":"eval","params":{"policy":"mini","#.utf8)
            + Array(#""records":[{"nip":"1","nilai":95.5},[],null],"explain":true}}"#.utf8)
        for end in 1..<request.count {
            let response = fixture.service.handle(request[0..<end])
            #expect(response.map { String(decoding: $0, as: UTF8.self).hasPrefix(#"{"jsonrpc":"2.0","id":"#) } ?? true)
        }
        for position in request.indices {
            for byte: UInt8 in [0x00, 0x22, 0x7B, 0x5D, 0xC3, 0xFF] {
                var mutated = request
                mutated[position] = byte
                let response = fixture.service.handle(mutated[...])
                #expect(response.map { String(decoding: $0, as: UTF8.self).hasPrefix(#"{"jsonrpc":"2.0","id":"#) } ?? true)
            }
        }
    }

    @Test("every error code is documented in docs/protocol.md")
    func everyCodeIsDocumented() throws {
        let protocolText = try String(contentsOf: Golden.repository.appendingPathComponent("docs/protocol.md"),
                                      encoding: .utf8)
        for code in ServiceError.Code.allCases {
            #expect(protocolText.contains("| \(code.rawValue) |"), "docs/protocol.md lacks \(code)")
        }
    }
}
