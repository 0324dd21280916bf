import Foundation
import Testing

@testable import KinerjaCore

/// Every method of the service, answered in-process, compared with the exact response line.
@Suite("Service methods")
struct ServiceMethodTests {
    typealias Fixture = ServiceFixture

    static let explanation95 = #"NIP 1 (rekaman 1) · mini — Kebijakan uji\n\nIndikator\n  kerja \"Capaian kerja\"\n"#
        + #"    aktual 95%, target 100% (makin tinggi makin baik)\n    capaian 95%, bobot 100 → 100%\n\nNilai\n"#
        + #"  hasil = 95%  (Nilai hasil)\n  nilai_hasil = 95%\n  rating = meets (Sesuai Ekspektasi)\n"#
        + #"    pita rating_hasil: 95% masuk '>= 90%'\n\nRekomendasi\n  pelatihan \"Pelatihan\": tidak\n"#
        + #"    syarat: rating = below\n"#

    @Test("eval: one result per record, in order, record errors in place")
    func evaluate() throws {
        let fixture = try Fixture()
        let response = fixture.call("eval", #"{"policy":"mini","records":[{"nip":"1","nilai":95},{"nip":"2"},7]}"#)
        #expect(response == Fixture.result(#"{"results":[{"nip":"1","nilai_hasil":95,"rating":"meets","#
            + #""recommendations":[]},{"nip":"2","record":2,"line":1,"error":{"code":"R001","field":"nilai","#
            + #""message":"required field 'nilai' is missing or empty"}},{"record":3,"line":1,"error":{"code":"D005","line":1,"#
            + #""message":"record is not an object: found number"}}],"errors":2}"#))
    }

    @Test("eval with explain adds one explanation per record")
    func evaluateWithExplanations() throws {
        let fixture = try Fixture()
        let response = fixture.call("eval", #"{"policy":"mini","records":[{"nip":"1","nilai":95}],"explain":true}"#)
        #expect(response == Fixture.result(#"{"results":[{"nip":"1","nilai_hasil":95,"rating":"meets","#
            + #""recommendations":[]}],"errors":0,"explanations":[""# + Self.explanation95 + #""]}"#))
    }

    @Test("eval of policy source text sent in the request")
    func evaluateSource() throws {
        let fixture = try Fixture()
        let source = #"policy inline\nrecord { nip text key\n n number }\noutput { dua = n * 2 }"#
        let response = fixture.call("eval", #"{"source":"\#(source)","records":[{"nip":"9","n":2.5}]}"#)
        #expect(response == Fixture.result(#"{"results":[{"nip":"9","dua":5}],"errors":0}"#))
    }

    @Test("eval of no records")
    func evaluateNothing() throws {
        let fixture = try Fixture()
        #expect(fixture.call("eval", #"{"policy":"mini","records":[]}"#)
            == Fixture.result(#"{"results":[],"errors":0}"#))
    }

    @Test("explain: the result and the explanation of one record")
    func explain() throws {
        let fixture = try Fixture()
        let response = fixture.call("explain", #"{"policy":"mini","record":{"nip":"1","nilai":95}}"#)
        #expect(response == Fixture.result(#"{"result":{"nip":"1","nilai_hasil":95,"rating":"meets","#
            + #""recommendations":[]},"text":""# + Self.explanation95 + #""}"#))
    }

    @Test("describe: Markdown by default, text on request, as the golden descriptions")
    func describe() throws {
        let fixture = try Fixture()
        let policy = try #require(Checker.check(SourceFile(path: "mini.policy", text: Fixture.miniPolicy),
                                                loader: Workspace(root: fixture.root).loader).policy)
        for format in PolicyDescription.Format.allCases {
            var expected: [UInt8] = []
            JSONText.appendString(PolicyDescription(policy: policy).render(format), to: &expected)
            let params = format == .markdown ? #"{"policy":"mini"}"# : #"{"policy":"mini","format":"text"}"#
            #expect(fixture.call("describe", params) == Fixture.result(
                #"{"format":"\#(format.rawValue)","text":"# + String(decoding: expected, as: UTF8.self) + "}"))
        }
    }

    @Test("check: diagnostics as data, with counts")
    func check() throws {
        let fixture = try Fixture()
        let source = #"policy x\nrecord { nip text key }\noutput { y = zz }"#
        let response = fixture.call("check", #"{"source":"\#(source)","path":"Policies/x.policy"}"#)
        #expect(response == Fixture.result(#"{"errors":1,"warnings":0,"diagnostics":[{"code":"E0201","#
            + #""severity":"error","file":"Policies/x.policy","range":{"start":{"line":3,"column":14},"#
            + #""end":{"line":3,"column":16}},"message":"unknown name 'zz'","notes":[]}]}"#))
        #expect(fixture.call("check", #"{"source":"rules r"}"#)
            == Fixture.result(#"{"errors":0,"warnings":0,"diagnostics":[]}"#))
    }

    @Test("list: policies and rules of the root, by name")
    func list() throws {
        let fixture = try Fixture()
        try fixture.write("Policies/rusak.policy", "policy")
        try fixture.write("Policies/catatan.txt", "bukan kebijakan")
        #expect(fixture.call("list") == Fixture.result(#"{"policies":[{"name":"mini","label":"Kebijakan uji","#
            + #""path":"Policies/mini.policy"},{"name":"rusak","label":null,"path":"Policies/rusak.policy"}],"#
            + #""rules":[{"name":"nasional","label":"Pengelolaan Kinerja Pegawai ASN","path":"Rules/nasional.rules"}]}"#))
    }

    @Test("version: name, version and methods")
    func version() throws {
        let fixture = try Fixture()
        #expect(fixture.call("version") == Fixture.result(#"{"name":"kinerja","version":"\#(CLI.version)","#
            + #""methods":["eval","explain","describe","check","list","reload","version"]}"#))
    }

    @Test("ids come back exactly as sent", arguments: ["0", "-7", "1.50", "1e3", #""abc""#, #""a\"b\u00e9""#, "null"])
    func idsAreKept(_ id: String) throws {
        let fixture = try Fixture()
        let expected = id == #""a\"b\u00e9""# ? #""a\"bé""# : id
        #expect(fixture.call(id: id, "eval", #"{"policy":"mini","records":[]}"#)
            == Fixture.result(#"{"results":[],"errors":0}"#, id: expected))
    }

    @Test("notifications are carried out and get no response; blank lines are ignored")
    func notifications() throws {
        let fixture = try Fixture()
        #expect(fixture.send(#"{"jsonrpc":"2.0","method":"version"}"#) == nil)
        #expect(fixture.send(#"{"jsonrpc":"2.0","method":"no_such_method"}"#) == nil)
        #expect(fixture.send(#"{"jsonrpc":"2.0","method":"eval","params":{"records":1}}"#) == nil)
        #expect(fixture.send("") == nil)
        #expect(fixture.send(" \t\r ") == nil)
        _ = fixture.call("eval", #"{"policy":"mini","records":[]}"#)
        try fixture.write("Policies/mini.policy", Fixture.miniPolicy.replacingOccurrences(of: "100%", with: "50%"))
        #expect(fixture.send(#"{"jsonrpc":"2.0","method":"reload"}"#) == nil)
        #expect(fixture.call("eval", #"{"policy":"mini","records":[{"nip":"1","nilai":50}]}"#)
            == Fixture.result(#"{"results":[{"nip":"1","nilai_hasil":100,"rating":"meets","#
                + #""recommendations":[]}],"errors":0}"#))
    }
}
