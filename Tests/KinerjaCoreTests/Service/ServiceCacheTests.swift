import Foundation
import Testing

@testable import KinerjaCore

/// Policies are compiled once and kept: a request does not read the file again, and `reload` keeps the last
/// good version of a policy that no longer checks.
@Suite("Service cache and reload")
struct ServiceCacheTests {
    typealias Fixture = ServiceFixture

    static let eval = #"{"policy":"mini","records":[{"nip":"1","nilai":50}]}"#
    static let underTarget100 = Fixture.result(
        #"{"results":[{"nip":"1","nilai_hasil":50,"rating":"below","recommendations":["pelatihan"]}],"errors":0}"#)
    static let onTarget50 = Fixture.result(
        #"{"results":[{"nip":"1","nilai_hasil":100,"rating":"meets","recommendations":[]}],"errors":0}"#)

    @Test("a second request does not read the policy again")
    func cached() throws {
        let fixture = try Fixture()
        #expect(fixture.call("eval", Self.eval) == Self.underTarget100)
        try fixture.remove("Policies/mini.policy")
        try fixture.remove("Rules/nasional.rules")
        #expect(fixture.call("eval", Self.eval) == Self.underTarget100)
        #expect(fixture.call("describe", #"{"policy":"mini","format":"text"}"#)?.contains("Kebijakan uji") == true)
    }

    @Test("reload keeps the last good version of a policy that breaks, and takes the fixed one")
    func reloadKeepsLastGoodVersion() throws {
        let fixture = try Fixture()
        #expect(fixture.call("reload") == Fixture.result(#"{"reloaded":[],"failed":[]}"#))
        #expect(fixture.call("eval", Self.eval) == Self.underTarget100)
        try fixture.write("Policies/mini.policy", Fixture.miniPolicy.replacingOccurrences(of: "weight 100", with: "weight x"))
        let file = "\(fixture.root)/Policies/mini.policy"
        #expect(fixture.call("reload") == Fixture.result(#"{"reloaded":[],"failed":[{"policy":"mini","error":{"#
            + #""code":-32001,"message":"policy 'mini' has errors","data":{"policy":"mini","file":"\#(file)","#
            + #""line":12,"column":10,"diagnostics":[{"code":"E0201","severity":"error","file":"\#(file)","#
            + #""range":{"start":{"line":12,"column":10},"end":{"line":12,"column":11}},"#
            + #""message":"unknown name 'x'","notes":[]}]}}}]}"#))
        #expect(fixture.call("eval", Self.eval) == Self.underTarget100)
        try fixture.write("Policies/mini.policy", Fixture.miniPolicy.replacingOccurrences(of: "100%", with: "50%"))
        #expect(fixture.call("reload") == Fixture.result(#"{"reloaded":["mini"],"failed":[]}"#))
        #expect(fixture.call("eval", Self.eval) == Self.onTarget50)
    }

    @Test("reload of a policy whose file is gone keeps it and says so")
    func reloadOfRemovedPolicy() throws {
        let fixture = try Fixture()
        #expect(fixture.call("eval", Self.eval) == Self.underTarget100)
        try fixture.remove("Policies/mini.policy")
        let file = "\(fixture.root)/Policies/mini.policy"
        #expect(fixture.call("reload") == Fixture.result(#"{"reloaded":[],"failed":[{"policy":"mini","error":{"#
            + #""code":-32002,"message":"no policy named 'mini' in Policies/","#
            + #""data":{"policy":"mini","file":"\#(file)"}}}]}"#))
        #expect(fixture.call("eval", Self.eval) == Self.underTarget100)
    }

    @Test("a policy that failed to load is tried again on the next request")
    func failuresAreNotCached() throws {
        let fixture = try Fixture()
        #expect(fixture.call("eval", #"{"policy":"baru","records":[]}"#)?.contains("-32002") == true)
        try fixture.write("Policies/baru.policy", Fixture.miniPolicy.replacingOccurrences(of: "policy mini", with: "policy baru"))
        #expect(fixture.call("eval", #"{"policy":"baru","records":[]}"#)
            == Fixture.result(#"{"results":[],"errors":0}"#))
    }
}
