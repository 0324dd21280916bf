import Foundation
import Testing

/// `kinerja serve` as a client uses it: the built binary (found as `KinerjaProcess` finds it), a session over
/// pipes, standard input closed at the end.
@Suite("kinerja serve, end to end")
struct ServeEndToEndTests {
    @Test("a session: results, errors, a malformed line, a notification, then exit 0 at end of input")
    func session() throws {
        let binary = KinerjaProcess.executable
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "the kinerja binary was not built")
        let root = try Self.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }

        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"eval","params":{"policy":"mini","records":[{"nip":"1","nilai":95},{"nip":"2"}]}}"#,
            #"{"jsonrpc":"2.0","id":"dua","method":"eval","params":{"policy":"tidak_ada","records":[]}}"#,
            #"{"jsonrpc":"2.0","method":"reload"}"#,
            #"{"jsonrpc":"2.0","id":3,"#,
            "",
            #"{"jsonrpc":"2.0","id":4,"method":"nope"}"#,
            #"{"jsonrpc":"2.0","id":5.0,"method":"explain","params":{"policy":"mini","record":{"nip":"7","nilai":120}}}"#,
        ]
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--root", root.path]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data((requests.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        let written = output.fileHandleForReading.readDataToEndOfFile()
        let complaints = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        let file = root.appendingPathComponent("Policies/tidak_ada.policy").path
        var expected: [String] = []
        expected.append(#"{"jsonrpc":"2.0","id":1,"result":{"results":[{"nip":"1","nilai_hasil":95,"rating":"meets","#
            + #""recommendations":[]},"#
            + #"{"nip":"2","record":2,"line":1,"error":{"code":"R001","field":"nilai","#
            + #""message":"required field 'nilai' is missing or empty"}}],"errors":1}}"#)
        expected.append(#"{"jsonrpc":"2.0","id":"dua","error":{"code":-32002,"#
            + #""message":"no policy named 'tidak_ada' in Policies/","data":{"policy":"tidak_ada","file":"\#(file)"}}}"#)
        expected.append(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"#
            + #""message":"invalid JSON: expected a member name in double quotes, found end of input","#
            + #""data":{"code":"D001","column":25}}}"#)
        expected.append(#"{"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"unknown method 'nope'","#
            + #""data":{"method":"nope"}}}"#)
        let explanation: String = #"NIP 7 (rekaman 1) · mini — Kebijakan uji\n\nIndikator\n  kerja \"Capaian kerja\"\n"#
            + #"    aktual 120%, target 100% (makin tinggi makin baik)\n    capaian 120%, bobot 100 → 100%\n\n"#
            + #"Nilai\n  hasil = 120%  (Nilai hasil)\n  nilai_hasil = 120%\n  rating = above (Di Atas Ekspektasi)\n"#
            + #"    pita rating_hasil: 120% masuk '>= 110%'\n\nRekomendasi\n  pelatihan \"Pelatihan\": tidak\n"#
            + #"    syarat: rating = below\n"#
        expected.append(#"{"jsonrpc":"2.0","id":5.0,"result":{"result":{"nip":"7","nilai_hasil":120,"#
            + #""rating":"above","recommendations":[]},"text":""# + explanation + #""}}"#)
        expected.append("")
        #expect(String(decoding: written, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init) == expected)
        #expect(String(decoding: complaints, as: UTF8.self) == "")
        #expect(process.terminationStatus == 0)
    }

    /// A temporary root with `Rules/nasional.rules` and `Policies/mini.policy`, removed by the caller.
    private static func makeRoot() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Rules"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Policies"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: KinerjaProcess.repository.appendingPathComponent("Rules/nasional.rules"),
                                         to: root.appendingPathComponent("Rules/nasional.rules"))
        try FileManager.default.copyItem(
            at: KinerjaProcess.repository.appendingPathComponent("Tests/KinerjaCoreTests/Fixtures/service/mini.policy"),
            to: root.appendingPathComponent("Policies/mini.policy"))
        return root
    }

    /// Runs `kinerja serve` with `arguments` on `input`, written from another thread while the output is read,
    /// so neither side can block on a full pipe. Returns the response lines, standard error and the exit status.
    private static func serve(_ arguments: [String], input: [UInt8]) throws -> (lines: [String], errors: String, status: Int32) {
        let process = Process()
        process.executableURL = KinerjaProcess.executable
        process.arguments = ["serve"] + arguments
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-serve-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let writing = DispatchGroup()
        let requests = stdin.fileHandleForWriting
        let data = Data(input)
        DispatchQueue.global().async(group: writing) {
            requests.write(data)
            try? requests.close()
        }
        let written = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        writing.wait()
        var lines = String(decoding: written, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        #expect(lines.last == "", "the output does not end with a line break")
        lines.removeLast()
        return (lines, String(decoding: try Data(contentsOf: errorFile), as: UTF8.self), process.terminationStatus)
    }

    /// `id outcome` of a response line: `7 result`, `null -32700`; the id as written, the outcome as the error code.
    private static func outline(_ line: String) -> String {
        let prefix = #"{"jsonrpc":"2.0","id":"#
        guard line.hasPrefix(prefix), let end = line.range(of: #","result":"#) ?? line.range(of: #","error":{"code":"#),
              (try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil else {
            return "not a response: \(line.prefix(120))"
        }
        let id = line[line.index(line.startIndex, offsetBy: prefix.count)..<end.lowerBound]
        if line[end].hasPrefix(#","result":"#) { return "\(id) result" }
        return "\(id) " + line[end.upperBound...].prefix { $0 == "-" || $0.isNumber }
    }

    @Test("2,000 mixed requests, malformed ones included: exactly one response per id, in order, none for notifications")
    func mixedRequests() throws {
        try #require(FileManager.default.isExecutableFile(atPath: KinerjaProcess.executable.path),
                     "the kinerja binary was not built")
        let root = try Self.makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let limit = 1 << 16
        var input: [UInt8] = []
        var expected: [String] = []
        func send(_ line: String, _ outcome: String?) {
            send(Array(line.utf8), outcome)
        }
        func send(_ line: [UInt8], _ outcome: String?) {
            input += line + Array((input.count % 3 == 0 ? "\r\n" : "\n").utf8)
            if let outcome { expected.append(outcome) }
        }
        func request(_ id: String?, _ method: String, _ params: String? = nil) -> String {
            #"{"jsonrpc":"2.0""# + (id.map { #","id":\#($0)"# } ?? "") + #","method":"\#(method)""#
                + (params.map { #","params":\#($0)"# } ?? "") + "}"
        }
        for number in 1...2000 {
            let id = String(number)
            switch number % 20 {
            case 0...6:
                send(request(id, "eval", #"{"policy":"mini","records":[{"nip":"\#(number)","nilai":\#(number % 150)}]}"#),
                     "\(id) result")
            case 7:
                let records = (0..<50).map { #"{"nip":"\#($0)","nilai":\#($0 * 3)}"# }.joined(separator: ",")
                send(request(id, "eval", #"{"policy":"mini","records":[\#(records),{"nip":"x"},7]}"#), "\(id) result")
            case 8:
                send(request(#""e-\#(number)""#, "explain", #"{"policy":"mini","record":{"nip":"1","nilai":99}}"#),
                     #""e-\#(number)" result"#)
            case 9:
                send(request(nil, number % 40 == 9 ? "reload" : "eval", #"{"policy":"mini","records":[]}"#), nil)
            case 10:
                send(String(request(id, "eval", #"{"policy":"mini","records":[]}"#).dropLast(number % 7 + 1)), "null -32700")
            case 11:
                send(request(id, "evaluate", "{}"), "\(id) -32601")
            case 12:
                send(Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"eval","params":{"policy":"mi"#.utf8) + [0xFF, 0xC3]
                        + Array(#"ni","records":[]}}"#.utf8), "null -32700")
            case 13:
                let depth = 65 + number % 300
                send(#"{"jsonrpc":"2.0","id":\#(id),"method":"eval","params":{"policy":"mini","records":"#
                        + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}}", "null -32700")
            case 14:
                send(request(id, "eval", #"{"policy":"tidak_ada","records":[]}"#), "\(id) -32002")
            case 15:
                send(request(id, number % 40 == 15 ? "describe" : "eval", "{}"), "\(id) -32602")
            case 16:
                send(number % 40 == 16 ? "" : "   ", nil)
            case 17:
                send(request(id, "check", #"{"source":"policy x\nrecord { nip text key }\noutput { a = b }"}"#),
                     "\(id) result")
            case 18:
                send(request(id, "eval", #"{"policy":"../Policies/mini","records":[]}"#), "\(id) -32602")
            default:
                switch number % 100 {
                case 19:
                    send(#"{"jsonrpc":"2.0","id":{},"method":"version"}"#, "null -32600")
                case 39:
                    send("[" + request(id, "version") + "]", "null -32600")
                case 59:  // one byte over the limit: skipped without being read as a request
                    let head = #"{"jsonrpc":"2.0","id":\#(id),"method":"check","params":{"source":""#
                    send(head + String(repeating: "x", count: limit + 1 - head.count - 3) + #""}}"#, "null -32004")
                case 79:  // exactly at the limit: answered
                    let head = #"{"jsonrpc":"2.0","id":\#(id),"method":"version""#
                    send(head + String(repeating: " ", count: limit - head.count - 1) + "}", "\(id) result")
                default:
                    send(request(#""\#(id)""#, number % 2 == 0 ? "list" : "version"), #""\#(id)" result"#)
                }
            }
        }
        let started = Date()
        let outcome = try Self.serve(["--root", root.path, "--max-request-bytes", String(limit)], input: input)
        #expect(outcome.status == 0)
        #expect(outcome.errors == "")
        #expect(outcome.lines.count == expected.count)
        let answered = outcome.lines.map(Self.outline)
        #expect(answered == expected)
        if let first = zip(answered, expected).first(where: { $0.0 != $0.1 }) {
            Issue.record("first difference: got \(first.0), expected \(first.1)")
        }
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test("serve never reads a policy outside --root: '../', absolute paths and links out of it")
    func confinedToRoot() throws {
        try #require(FileManager.default.isExecutableFile(atPath: KinerjaProcess.executable.path),
                     "the kinerja binary was not built")
        let root = try Self.makeRoot()
        let outside = root.deletingLastPathComponent().appendingPathComponent("\(root.lastPathComponent)-luar")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("Policies/mini.policy"),
                                         to: outside.appendingPathComponent("luar.policy"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("Policies/luar.policy").path,
                                                   withDestinationPath: outside.appendingPathComponent("luar.policy").path)
        let escapes = ["../\(outside.lastPathComponent)/luar", outside.appendingPathComponent("luar").path, "../Rules/nasional"]
        var lines = escapes.enumerated().map { index, name in
            #"{"jsonrpc":"2.0","id":\#(index + 1),"method":"eval","params":{"policy":"\#(name)","records":[]}}"#
        }
        lines.append(#"{"jsonrpc":"2.0","id":4,"method":"eval","params":{"policy":"luar","records":[]}}"#)
        lines.append(#"{"jsonrpc":"2.0","id":5,"method":"list"}"#)
        let outcome = try Self.serve(["--root", root.path], input: Array((lines.joined(separator: "\n") + "\n").utf8))
        let notAName = #""error":{"code":-32602,"message":"'policy' must be the name of a policy in Policies/, such as "#
            + #"'plaju'","data":{"param":"policy"}}}"#
        let file = root.appendingPathComponent("Policies/luar.policy").path
        #expect(outcome.lines == [
            #"{"jsonrpc":"2.0","id":1,"# + notAName,
            #"{"jsonrpc":"2.0","id":2,"# + notAName,
            #"{"jsonrpc":"2.0","id":3,"# + notAName,
            #"{"jsonrpc":"2.0","id":4,"error":{"code":-32002,"message":"no policy named 'luar' in Policies/","#
                + #""data":{"policy":"luar","file":"\#(file)"}}}"#,
            #"{"jsonrpc":"2.0","id":5,"result":{"policies":[{"name":"mini","label":"Kebijakan uji","#
                + #""path":"Policies/mini.policy"}],"rules":[{"name":"nasional","label":"Pengelolaan Kinerja Pegawai ASN","#
                + #""path":"Rules/nasional.rules"}]}}"#,
        ])
        #expect(outcome.status == 0)
        #expect(outcome.errors == "")
    }
}
