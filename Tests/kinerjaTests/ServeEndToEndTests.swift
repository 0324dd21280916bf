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
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Rules"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Policies"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: KinerjaProcess.repository.appendingPathComponent("Rules/nasional.rules"),
                                         to: root.appendingPathComponent("Rules/nasional.rules"))
        try FileManager.default.copyItem(
            at: KinerjaProcess.repository.appendingPathComponent("Tests/KinerjaCoreTests/Fixtures/service/mini.policy"),
            to: root.appendingPathComponent("Policies/mini.policy"))

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
}
