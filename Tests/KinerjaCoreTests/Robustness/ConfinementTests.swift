import Foundation
import Testing

@testable import KinerjaCore

/// A policy cannot read files, the environment or the network; `uses`, `extends`, the policy of a test file and
/// the service's `policy` resolve only to files inside the root (no `../`, no absolute paths, no symbolic link
/// out of it); `serve` never reads a file outside `--root`.
///
/// Each test builds a temporary folder with `root/` (Rules/nasional.rules, Policies/) and, beside it, `outside/`
/// with a valid rules library and policy that must stay out of reach.
final class ConfinedRoot {
    let base: String
    var root: String { base + "/root" }
    var outside: String { base + "/outside" }

    static let outsideRules = "rules luar \"Di luar akar\"\n\nscale tingkat { rendah, tinggi }\n"
    static let outsidePolicy = """
        policy luar "Kebijakan di luar akar"
          uses nasional

        record {
          nip text key
        }

        output {
          nilai = 1
        }

        """

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-confine-\(UUID().uuidString)").path
        for folder in ["root/Rules", "root/Policies", "outside/Rules", "outside/Policies"] {
            try FileManager.default.createDirectory(atPath: base + "/" + folder, withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: Golden.repository.appendingPathComponent("Rules/nasional.rules").path,
                                         toPath: root + "/Rules/nasional.rules")
        try write("root/Policies/mini.policy", ServiceFixture.miniPolicy)
        try write("outside/Rules/luar.rules", Self.outsideRules)
        try write("outside/Policies/luar.policy", Self.outsidePolicy)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: base)
    }

    func write(_ relativePath: String, _ text: String) throws {
        try text.write(toFile: base + "/" + relativePath, atomically: true, encoding: .utf8)
    }

    /// A symbolic link at `relativePath` (under the base folder) to `target`, written as given.
    func link(_ relativePath: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: base + "/" + relativePath, withDestinationPath: target)
    }

    /// The diagnostics of checking `text` in the root, as `CODE line:column message`.
    func check(_ text: String) -> [String] {
        var loader = PolicyLoader(root: root)
        let source = SourceFile(path: "Policies/p.policy", text: text)
        return loader.check(source).diagnostics.map { diagnostic in
            let at = source.location(of: diagnostic.range.start)
            return "\(diagnostic.code.rawValue) \(at.line):\(at.column) \(diagnostic.message)"
        }
    }

    /// Runs `kinerja test` on a test file `Policies/NAME.test` with one case for the policy `NAME`.
    func runTests(of name: String) throws -> (status: ExitCode, captured: CapturedIO) {
        try write("root/Policies/\(name).test",
                  "tests \(name)\n\ncase \"satu\" {\n  record { \"nip\": \"1\" }\n  expect nilai = 1\n}\n")
        let captured = CapturedIO()
        let status = CLI.run(arguments: ["test", "--root", root, root + "/Policies/\(name).test"], io: captured.io)
        return (status, captured)
    }

    /// A service answering for the root.
    func service() -> ServiceClient { ServiceClient(Service(root: root)) }
}

/// Sends request lines to a `Service` and returns the responses as text.
final class ServiceClient {
    var service: Service

    init(_ service: Service) {
        self.service = service
    }

    func call(_ method: String, _ params: String? = nil) -> String? {
        let line = #"{"jsonrpc":"2.0","id":1,"method":"\#(method)""# + (params.map { #","params":\#($0)"# } ?? "") + "}"
        return service.handle(Array(line.utf8)[...]).map { String(decoding: $0, as: UTF8.self) }
    }
}

@Suite("Confinement: names resolve inside the root only")
struct ConfinementTests {
    typealias Fixture = ServiceFixture

    static func policy(uses clause: String) -> String {
        "policy p \"Uji\"\n  \(clause)\n\nrecord {\n  nip text key\n}\n\noutput {\n  nilai = 1\n}\n"
    }

    // MARK: - The language has no way to write a path

    @Test("a quoted or slashed path after 'uses' or 'extends' is a syntax error, never a file name")
    func pathsAreNotNames() throws {
        let fixture = try ConfinedRoot()
        #expect(fixture.check(Self.policy(uses: #"uses "../outside/Rules/luar""#))
            == ["E0131 2:8 expected a name after 'uses'"])
        #expect(fixture.check(Self.policy(uses: "uses ../outside/Rules/luar"))
            == ["E0131 2:8 expected a name after 'uses'"])
        #expect(fixture.check(Self.policy(uses: "uses /etc/passwd")) == ["E0131 2:8 expected a name after 'uses'"])
        #expect(fixture.check(Self.policy(uses: #"uses "\#(fixture.outside)/Rules/luar""#))
            == ["E0131 2:8 expected a name after 'uses'"])
        #expect(fixture.check(Self.policy(uses: "uses nasional, ../x")) == ["E0131 2:18 expected a name after ','"])
        #expect(fixture.check(Self.policy(uses: "extends ../outside/Policies/luar"))
            == ["E0131 2:11 expected a name after 'extends'"])
        #expect(fixture.check(Self.policy(uses: #"extends "/tmp/luar""#))
            == ["E0131 2:11 expected a name after 'extends'"])
        // `a/b` and `a.b` stop the name at the first character that cannot be in one.
        #expect(fixture.check(Self.policy(uses: "uses Rules/nasional")).first?.hasPrefix("E0114 2:13 ") == true)
        #expect(fixture.check(Self.policy(uses: "uses nasional.rules")).first?.hasPrefix("E0114 2:16 ") == true)
    }

    @Test("the loader refuses a name with path characters even when the file it would name exists")
    func loaderTakesPlainNamesOnly() throws {
        let fixture = try ConfinedRoot()
        let workspace = Workspace(root: fixture.root)
        let escapes = ["../../outside/Rules/luar", "../Rules/nasional", "\(fixture.outside)/Rules/luar", "/etc/passwd",
                       "..", ".", "", "nasional\u{0}", "nasional/", "./nasional"]
        // `root/Rules/../../outside/Rules/luar.rules` exists: only the name check keeps it out.
        #expect(FileSystem.exists(workspace.path(of: .rules, named: escapes[0])))
        for name in escapes {
            #expect(workspace.loader.load(.rules, name) == nil, "\(name)")
            #expect(workspace.loader.load(.policy, name) == nil, "\(name)")
            #expect(workspace.file(of: .rules, named: name) == nil, "\(name)")
        }
        #expect(workspace.loader.load(.rules, "nasional")?.path == "\(fixture.root)/Rules/nasional.rules")
    }

    // MARK: - Symbolic links

    @Test("a library linked from Rules/ to a file outside the root cannot be used")
    func rulesLinkedOutside() throws {
        let fixture = try ConfinedRoot()
        try fixture.link("root/Rules/luar.rules", to: fixture.outside + "/Rules/luar.rules")
        try fixture.link("root/Rules/relatif.rules", to: "../../outside/Rules/luar.rules")
        #expect(fixture.check(Self.policy(uses: "uses luar")) == ["E0205 2:8 cannot find rules library 'luar' (luar.rules)"])
        #expect(fixture.check(Self.policy(uses: "uses relatif"))
            == ["E0205 2:8 cannot find rules library 'relatif' (relatif.rules)"])
        #expect(Workspace(root: fixture.root).file(of: .rules, named: "luar") == nil)
    }

    @Test("a base policy linked from Policies/ to a file outside the root cannot be extended")
    func policyLinkedOutside() throws {
        let fixture = try ConfinedRoot()
        try fixture.link("root/Policies/luar.policy", to: fixture.outside + "/Policies/luar.policy")
        #expect(fixture.check("policy p \"Uji\"\n  extends luar\n") == ["E0205 2:11 cannot find policy 'luar' (luar.policy)"])
    }

    @Test("a Rules/ folder that is itself a link out of the root reaches nothing")
    func rulesFolderLinkedOutside() throws {
        let fixture = try ConfinedRoot()
        try FileManager.default.removeItem(atPath: fixture.root + "/Rules")
        try fixture.link("root/Rules", to: fixture.outside + "/Rules")
        #expect(fixture.check(Self.policy(uses: "uses luar")) == ["E0205 2:8 cannot find rules library 'luar' (luar.rules)"])
    }

    @Test("a link that stays inside the root is followed")
    func linkInsideRoot() throws {
        let fixture = try ConfinedRoot()
        try fixture.write("root/Policies/nasional_salinan.rules", "rules alias\n\nscale tingkat { rendah, tinggi }\n")
        try fixture.link("root/Rules/alias.rules", to: "../Policies/nasional_salinan.rules")
        #expect(fixture.check(Self.policy(uses: "uses alias")) == [])
    }

    @Test("the policy of a test file linked out of the root is not found")
    func testFilePolicyLinkedOutside() throws {
        let fixture = try ConfinedRoot()
        try fixture.link("root/Policies/luar.policy", to: fixture.outside + "/Policies/luar.policy")
        let (status, captured) = try fixture.runTests(of: "luar")
        #expect(status == .failure)
        #expect(captured.errorText.contains("error[E0205]: cannot find policy 'luar' (luar.policy)"), "\(captured.errorText)")
        #expect(captured.text == "0 passed, 1 failed\n")
    }

    @Test("a FIFO under a name is refused at once, not waited on: uses, a test file's policy, serve")
    func fifosAreRefused() throws {
        let fixture = try ConfinedRoot()
        for path in ["root/Rules/pipa.rules", "root/Policies/pipa.policy"] {
            #expect(mkfifo(fixture.base + "/" + path, 0o600) == 0)
        }
        #expect(fixture.check(Self.policy(uses: "uses pipa")).first?.hasPrefix("E0205 ") == true)
        let (status, captured) = try fixture.runTests(of: "pipa")
        #expect(status == .failure)
        #expect(captured.errorText.contains("is not a regular file"), "\(captured.errorText)")
        #expect(captured.errorText.contains("error[E0205]: cannot find policy 'pipa' (pipa.policy)"))
        let answer = fixture.service().call("describe", #"{"policy":"pipa"}"#) ?? ""
        #expect(answer.contains("is not a regular file"), "\(answer)")
    }

    @Test("a folder walk through a link to a folder above ends, listing every file once")
    func linkLoopsEnd() throws {
        let fixture = try ConfinedRoot()
        try fixture.link("root/Policies/a", to: ".")
        try fixture.link("root/Policies/b", to: "..")
        try fixture.link("root/Policies/c", to: "../Policies")
        #expect(FileSystem.files(under: fixture.root + "/Policies", extensions: ["policy", "rules"])
            == ["\(fixture.root)/Policies/b/Rules/nasional.rules", "\(fixture.root)/Policies/mini.policy"])
    }

    // MARK: - No builtin reads anything

    @Test("the builtins are pure functions of their arguments")
    func builtinsArePure() {
        #expect(Builtin.allCases.map(\.rawValue) == [
            "round", "min", "max", "clamp", "abs", "count", "count_where", "sum", "mean", "median", "percentile",
            "min_of_list", "max_of_list", "share", "name", "label",
        ])
    }

    @Test("calls that look like reading the environment, a file or the network are unknown functions")
    func noInputBuiltins() throws {
        let fixture = try ConfinedRoot()
        for (call, name) in [(#"env("HOME")"#, "env"), (#"getenv("PATH")"#, "getenv"), (#"file("/etc/passwd")"#, "file"),
                             (#"read("../outside/Rules/luar.rules")"#, "read"), (#"include("x")"#, "include"),
                             (#"http("http://example.org")"#, "http"), (#"fetch("https://example.org")"#, "fetch")] {
            let text = "policy p \"Uji\"\n\nrecord {\n  nip text key\n}\n\noutput {\n  nilai = \(call)\n}\n"
            #expect(fixture.check(text) == ["E0212 8:11 unknown function '\(name)'"], "\(call)")
        }
    }

    // MARK: - The service

    static let notAName = #"{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"#
        + #""message":"'policy' must be the name of a policy in Policies/, such as 'plaju'","data":{"param":"policy"}}}"#

    @Test("serve: a policy named with '..', a slash or an absolute path is invalid params, whatever exists there")
    func servePathsAreNotNames() throws {
        let fixture = try ConfinedRoot()
        let client = fixture.service()
        for name in ["../outside/Policies/luar", "../../outside/Policies/luar", "\(fixture.outside)/Policies/luar",
                     "/etc/passwd", "..", "mini.policy", "./mini", "sub/mini", "mini/", "", "mini\\u0000"] {
            #expect(client.call("eval", #"{"policy":"\#(name)","records":[]}"#) == Self.notAName, "\(name)")
            #expect(client.call("describe", #"{"policy":"\#(name)"}"#) == Self.notAName, "\(name)")
            #expect(client.call("explain", #"{"policy":"\#(name)","record":{}}"#) == Self.notAName, "\(name)")
        }
    }

    @Test("serve: a policy file linked out of --root is not found, and nothing outside is read")
    func servePolicyLinkedOutside() throws {
        let fixture = try ConfinedRoot()
        try fixture.link("root/Policies/luar.policy", to: fixture.outside + "/Policies/luar.policy")
        try fixture.link("root/Policies/relatif.policy", to: "../../outside/Policies/luar.policy")
        let client = fixture.service()
        for name in ["luar", "relatif"] {
            #expect(client.call("eval", #"{"policy":"\#(name)","records":[{"nip":"1"}]}"#)
                == Fixture.error(-32002, "no policy named '\(name)' in Policies/",
                                 data: #"{"policy":"\#(name)","file":"\#(fixture.root)/Policies/\#(name).policy"}"#))
        }
    }

    @Test("serve: a Policies/ folder linked out of --root is not searched")
    func servePoliciesFolderLinkedOutside() throws {
        let fixture = try ConfinedRoot()
        try FileManager.default.removeItem(atPath: fixture.root + "/Policies")
        try fixture.link("root/Policies", to: fixture.outside + "/Policies")
        let client = fixture.service()
        #expect(client.call("eval", #"{"policy":"luar","records":[]}"#)
            == Fixture.error(-32002, "no policy named 'luar' in Policies/",
                             data: #"{"policy":"luar","file":"\#(fixture.root)/Policies/luar.policy"}"#))
        #expect(client.call("list") == Fixture.result(#"{"policies":[],"rules":[{"name":"nasional","#
            + #""label":"Pengelolaan Kinerja Pegawai ASN","path":"Rules/nasional.rules"}]}"#))
    }

    @Test("serve: source text that uses or extends a file linked out of --root gets E0205")
    func serveSourceLinkedOutside() throws {
        let fixture = try ConfinedRoot()
        try fixture.link("root/Rules/luar.rules", to: fixture.outside + "/Rules/luar.rules")
        try fixture.link("root/Policies/luar.policy", to: fixture.outside + "/Policies/luar.policy")
        let client = fixture.service()
        let uses = #"policy p \"Uji\"\n  uses luar\n\nrecord {\n  nip text key\n}\n\noutput {\n  nilai = 1\n}\n"#
        #expect(client.call("check", #"{"source":"\#(uses)"}"#) == Fixture.result(#"{"errors":1,"warnings":0,"#
            + #""diagnostics":[{"code":"E0205","severity":"error","file":"<request>","#
            + #""range":{"start":{"line":2,"column":8},"end":{"line":2,"column":12}},"#
            + #""message":"cannot find rules library 'luar' (luar.rules)","notes":[]}]}"#))
        let extends = #"policy p \"Uji\"\n  extends luar\n"#
        let response = try #require(client.call("eval", #"{"source":"\#(extends)","records":[]}"#))
        #expect(response.hasPrefix(#"{"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"'<request>' has errors""#),
                "\(response)")
        #expect(response.contains(#""message":"cannot find policy 'luar' (luar.policy)""#), "\(response)")
    }

    @Test("serve: the path sent with source text only names it; no file is read from it")
    func servePathIsOnlyALabel() throws {
        let fixture = try ConfinedRoot()
        let client = fixture.service()
        let text = #"policy p \"Uji\"\n\nrecord {\n  nip text key\n}\n\noutput {\n  nilai = salah\n}\n"#
        for path in ["\(fixture.outside)/Policies/luar.policy", "../outside/Policies/luar.policy", "/etc/passwd"] {
            #expect(client.call("check", #"{"source":"\#(text)","path":"\#(path)"}"#) == Fixture.result(
                #"{"errors":1,"warnings":0,"diagnostics":[{"code":"E0201","severity":"error","file":"\#(path)","#
                    + #""range":{"start":{"line":8,"column":11},"end":{"line":8,"column":16}},"#
                    + #""message":"unknown name 'salah'","notes":[]}]}"#))
        }
    }

    @Test("serve: list leaves out files linked out of --root (their headers are never read) and ends on link loops")
    func serveListStaysInside() throws {
        let fixture = try ConfinedRoot()
        try fixture.link("root/Rules/luar.rules", to: fixture.outside + "/Rules/luar.rules")
        try fixture.link("root/Policies/luar.policy", to: fixture.outside + "/Policies/luar.policy")
        try fixture.link("root/Policies/a", to: ".")
        try fixture.link("root/Policies/b", to: ".")
        try fixture.link("root/Policies/c", to: "..")
        try fixture.link("root/Policies/sama.policy", to: "mini.policy")
        try FileManager.default.createDirectory(atPath: fixture.root + "/Policies/folder.policy", withIntermediateDirectories: true)
        #expect(fixture.service().call("list") == Fixture.result(#"{"policies":["#
            + #"{"name":"mini","label":"Kebijakan uji","path":"Policies/mini.policy"},"#
            + #"{"name":"sama","label":"Kebijakan uji","path":"Policies/sama.policy"}],"#
            + #""rules":[{"name":"nasional","label":"Pengelolaan Kinerja Pegawai ASN","path":"Rules/nasional.rules"}]}"#))
    }

    @Test("serve: reload of a policy whose file became a link out of --root keeps the last good version")
    func serveReloadLinkedOutside() throws {
        let fixture = try ConfinedRoot()
        let client = fixture.service()
        let eval = #"{"policy":"mini","records":[{"nip":"1","nilai":50}]}"#
        let before = client.call("eval", eval)
        #expect(before?.contains(#""nilai_hasil":50"#) == true)
        try FileManager.default.removeItem(atPath: fixture.root + "/Policies/mini.policy")
        try fixture.write("outside/Policies/mini.policy", ServiceFixture.miniPolicy.replacingOccurrences(of: "100%", with: "50%"))
        try fixture.link("root/Policies/mini.policy", to: fixture.outside + "/Policies/mini.policy")
        #expect(client.call("reload") == Fixture.result(#"{"reloaded":[],"failed":[{"policy":"mini","error":{"#
            + #""code":-32002,"message":"no policy named 'mini' in Policies/","#
            + #""data":{"policy":"mini","file":"\#(fixture.root)/Policies/mini.policy"}}}]}"#))
        #expect(client.call("eval", eval) == before)
    }
}
