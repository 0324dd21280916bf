import Foundation
import Testing

/// The `kinerja` executable, one test per command and exit-code class.
@Suite("kinerja command line", .serialized)
struct CLIEndToEndTests {
    typealias Outcome = KinerjaProcess.Outcome

    static let checkerFixtures = KinerjaProcess.repository.appendingPathComponent("Tests/KinerjaCoreTests/Fixtures/checker")

    @Test("--version and --help succeed; no command or an unknown one is a usage error (2)")
    func versionAndUsage() throws {
        #expect(try KinerjaProcess.run(["--version"]) == Outcome(status: 0, output: "kinerja 0.1.0\n", error: ""))
        let help = try KinerjaProcess.run(["--help"])
        #expect(help.status == 0 && help.output.hasPrefix("OVERVIEW: kinerja checks and evaluates"))
        #expect(try KinerjaProcess.run([]).status == 2)
        #expect(try KinerjaProcess.run(["evaluate"]) == Outcome(
            status: 2, output: "", error: "kinerja: unknown command 'evaluate'\nRun 'kinerja --help' for usage.\n"))
        #expect(try KinerjaProcess.run(["eval", "--nope"]).error.hasPrefix("kinerja: unknown option '--nope'"))
        for command in ["check", "eval", "explain", "test", "fmt"] {
            let commandHelp = try KinerjaProcess.run([command, "--help"])
            #expect(commandHelp.status == 0 && commandHelp.output.contains("USAGE: kinerja \(command)"))
        }
    }

    @Test("check: the shipped files are clean (0); errors give 1 in text, json and github formats")
    func check() throws {
        #expect(try KinerjaProcess.run(["check", "--strict"]) == Outcome(status: 0, output: "", error: ""))
        let text = try KinerjaProcess.run(["check", "Policies/cycle.policy"], in: Self.checkerFixtures)
        #expect(text == Outcome(status: 1, output: "", error: """
            Policies/cycle.policy:6:1: error[E0210]: 'x' depends on itself: x -> y -> z -> x
             6 | x = y + 1
               | ^

            """))
        let json = try KinerjaProcess.run(["check", "--format", "json", "Policies/cycle.policy"], in: Self.checkerFixtures)
        #expect(json == Outcome(status: 1, output: """
            [{"code":"E0210","severity":"error","file":"Policies/cycle.policy","range":{"start":{"line":6,"column":1},\
            "end":{"line":6,"column":2}},"message":"'x' depends on itself: x -> y -> z -> x","notes":[]}]

            """, error: ""))
        let github = try KinerjaProcess.run(["check", "--format=github", "Policies/cycle.policy"], in: Self.checkerFixtures)
        #expect(github.output == "::error file=Policies/cycle.policy,line=6,col=1,endLine=6,endColumn=2::E0210: "
            + "'x' depends on itself: x -> y -> z -> x\n")
    }

    @Test("check --strict turns warnings into errors")
    func strict() throws {
        let lenient = try KinerjaProcess.run(["check", "Policies/unused.policy"], in: Self.checkerFixtures)
        #expect(lenient.status == 0 && lenient.error.contains("warning[W0105]"))
        let strict = try KinerjaProcess.run(["check", "--strict", "Policies/unused.policy"], in: Self.checkerFixtures)
        #expect(strict.status == 1 && strict.error.contains("error[W0105]"))
    }

    @Test("check and eval of a missing file are usage errors (2)")
    func missingFiles() throws {
        #expect(try KinerjaProcess.run(["check", "Policies/none.policy"]) == Outcome(
            status: 2, output: "", error: "kinerja: cannot read 'Policies/none.policy': no such file or directory\n"))
        #expect(try KinerjaProcess.run(["eval", "Policies/plaju.policy", "--data", "none.jsonl"]) == Outcome(
            status: 2, output: "", error: "kinerja: cannot read 'none.jsonl': no such file or directory\n"))
    }

    @Test("eval: one line per record in input order; record errors give 1; stdin and CSV work")
    func eval() throws {
        let file = try KinerjaProcess.run(["eval", "Policies/plaju.policy", "--data", "Policies/samples/plaju.jsonl"])
        let lines = file.output.split(separator: "\n")
        #expect(file.status == 1)
        #expect(lines.count == 72)
        #expect(file.error == "kinerja: 2 of 72 records have errors\n")
        #expect(lines[27].contains(#""record":28,"line":28,"error":{"code":"R002","field":"ktp_hours[2]""#))
        let sample = try String(contentsOf: KinerjaProcess.repository.appendingPathComponent(
            "Policies/samples/plaju.jsonl"), encoding: .utf8)
        let piped = try KinerjaProcess.run(["eval", "Policies/plaju.policy", "--data", "-"], input: sample)
        #expect(piped == file)
        let csv = try KinerjaProcess.run(["eval", "Policies/pontianak.policy", "--data", "Policies/samples/pontianak.csv",
                                          "--format", "csv"])
        #expect(csv.status == 1 && csv.output.split(separator: "\r\n").count == 65)
        #expect(csv.error == "kinerja: 1 of 64 records have errors\n")
    }

    @Test("eval: --format json, table, --explain and --summary")
    func evalFormats() throws {
        let arguments = ["eval", "Policies/plaju.policy", "--data", "Policies/samples/plaju.jsonl"]
        let json = try KinerjaProcess.run(arguments + ["--format", "json"])
        #expect(json.status == 1 && json.output.hasPrefix("[\n{\"nip\":\"197008131998122005\"") && json.output.hasSuffix("}\n]\n"))
        let table = try KinerjaProcess.run(arguments + ["--format", "table", "--summary"])
        #expect(table.output.hasPrefix("nip                 hasil (%)  rating_hasil"))
        #expect(table.error.contains("Ringkasan predikat: 72 rekaman, 2 galat\npredikat            jumlah  persen\n"))
        let explained = try KinerjaProcess.run(arguments + ["--explain"])
        #expect(explained.output.split(separator: "\n").allSatisfy { $0.contains(#""explain":"NIP "#) })
        #expect(try KinerjaProcess.run(arguments + ["--explain", "--format", "csv"]).status == 2)
        #expect(try KinerjaProcess.run(arguments + ["--jobs", "0"]).status == 2)
        #expect(try KinerjaProcess.run(arguments + ["--jobs", "1"]).output
            == (try KinerjaProcess.run(arguments + ["--jobs", "2"])).output)
    }

    @Test("eval: limits on nesting and on the number of records give record errors, not a crash")
    func limits() throws {
        let deep = String(repeating: "[", count: 100_000)
        let input = #"{"nip":"1","supervisor":3,"peers":[[1]],"er_minutes":[],"ktp_hours":[]}"# + "\n"
            + #"{"nip":"2","supervisor":3,"peers":"# + deep + "\n"
            + #"{"nip":"3","supervisor":3,"peers":[],"er_minutes":[],"ktp_hours":[]}"# + "\n"
        let outcome = try KinerjaProcess.run(["eval", "Benchmarks/plaju-q.policy", "--data", "-", "--max-depth", "2",
                                              "--max-records", "2"], input: input)
        #expect(outcome.status == 1)
        #expect(outcome.output.split(separator: "\n").map { String($0.prefix(44)) } == [
            #"{"record":1,"line":1,"error":{"code":"D006","#,
            #"{"record":2,"line":2,"error":{"code":"D006","#,
            #"{"record":3,"line":3,"error":{"code":"D013","#,
        ])
        #expect(try KinerjaProcess.run(["eval", "Benchmarks/plaju-q.policy", "--data", "-", "--max-depth", "0"]).status == 2)
    }

    @Test("eval: limits on list items and evaluation steps give record errors; the other records are evaluated")
    func listAndStepLimits() throws {
        let input = #"{"nip":"1","supervisor":3,"er_minutes":[1,2,3,4,5],"ktp_hours":[]}"# + "\n"
            + #"{"nip":"2","supervisor":3,"er_minutes":[1,2],"ktp_hours":[0.5]}"# + "\n"
        for format in ["jsonl", "csv"] {
            let data = format == "jsonl" ? input : "nip,supervisor,er_minutes,ktp_hours\n1,3,1|2|3|4|5,\n2,3,1|2,0.5\n"
            let items = try KinerjaProcess.run(["eval", "Benchmarks/plaju-q.policy", "--data", "-", "--input", format,
                                                "--max-list-items", "3"], input: data)
            #expect(items.status == 1)
            #expect(items.output.split(separator: "\n").map(String.init) == [
                #"{"nip":"1","record":1,"line":\#(format == "csv" ? 2 : 1),"error":{"code":"R005","field":"er_minutes","#
                    + #""message":"'er_minutes' has 5 items, more than the limit of 3 (--max-list-items)"}}"#,
                #"{"nip":"2","hasil":108.6,"rating_hasil":"meets","perilaku":3,"rating_perilaku":"meets","#
                    + #""predikat":"Baik","training_recommended":false}"#,
            ])
        }
        let steps = try KinerjaProcess.run(["eval", "Benchmarks/plaju-q.policy", "--data", "-", "--max-steps", "4"],
                                           input: input)
        #expect(steps.status == 1)
        #expect(steps.output.split(separator: "\n").map(String.init) == [
            #"{"nip":"1","record":1,"line":1,"error":{"code":"R103","message":"evaluation needs more than 4 steps "#
                + #"(list items visited; --max-steps)","at":"Benchmarks/plaju-q.policy:29:11"}}"#,
            #"{"nip":"2","hasil":108.6,"rating_hasil":"meets","perilaku":3,"rating_perilaku":"meets","#
                + #""predikat":"Baik","training_recommended":false}"#,
        ])
    }

    @Test("explain: the trace of one civil servant")
    func explain() throws {
        let outcome = try KinerjaProcess.run(["explain", "Policies/plaju.policy", "--data", "Policies/samples/plaju.jsonl",
                                              "--key", "197008131998122005"])
        #expect(outcome.status == 0)
        #expect(outcome.output.hasPrefix("NIP 197008131998122005 (rekaman 1) · plaju — Kinerja ASN Kecamatan Plaju\n"))
        #expect(try KinerjaProcess.run(["explain", "Policies/plaju.policy", "--data", "Policies/samples/plaju.jsonl",
                                        "--key", "0"]) == Outcome(status: 1, output: "",
                                                                  error: "kinerja: no record with key '0'\n"))
    }

    @Test("test: the shipped tests pass (0); a failing expectation gives 1 with its place")
    func test() throws {
        let passing = try KinerjaProcess.run(["test"])
        #expect(passing == Outcome(status: 0, output: "54 passed, 0 failed\n", error: ""))
        let directory = try Self.temporaryCopy()
        let failing = directory.appendingPathComponent("Policies/plaju.test")
        let original = try String(contentsOf: failing, encoding: .utf8)
        try original.replacingOccurrences(of: "expect predikat = \"Sangat Baik\"", with: "expect predikat = \"Baik\"")
            .write(to: failing, atomically: true, encoding: .utf8)
        let outcome = try KinerjaProcess.run(["test", "Policies/plaju.test"], in: directory)
        #expect(outcome.status == 1)
        #expect(outcome.output.contains(#"FAIL ""#) && outcome.output.contains("expected predikat = \"Baik\", actual \"Sangat Baik\""))
        #expect(outcome.output.hasSuffix(" passed, 1 failed\n"))
    }

    @Test("fmt --check: shipped files are formatted (0); a file out of layout is listed (1) and fmt fixes it")
    func fmt() throws {
        #expect(try KinerjaProcess.run(["fmt", "--check"]) == Outcome(status: 0, output: "", error: ""))
        let directory = try Self.temporaryCopy()
        let policy = directory.appendingPathComponent("Policies/plaju.policy")
        let original = try String(contentsOf: policy, encoding: .utf8)
        try original.replacingOccurrences(of: "  target  90%", with: "target 90%").write(to: policy, atomically: true, encoding: .utf8)
        #expect(try KinerjaProcess.run(["fmt", "--check", "Policies"], in: directory)
            == Outcome(status: 1, output: "Policies/plaju.policy\n", error: ""))
        #expect(try KinerjaProcess.run(["fmt", "Policies"], in: directory).output == "formatted Policies/plaju.policy\n")
        #expect(try String(contentsOf: policy, encoding: .utf8) == original)
    }

    @Test("eval stops with 3 when its output is closed")
    func outputClosed() throws {
        let directory = try Self.temporaryCopy()
        let records = (1...20000).map { #"{"nip":"\#($0)","supervisor":4,"peers":[4],"er_minutes":[5],"ktp_hours":[]}"# }
        let data = directory.appendingPathComponent("records.jsonl")
        try records.joined(separator: "\n").write(to: data, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = KinerjaProcess.executable
        process.arguments = ["eval", "Benchmarks/plaju-q.policy", "--data", data.path]
        process.currentDirectoryURL = KinerjaProcess.repository
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        _ = stdout.fileHandleForReading.readData(ofLength: 100)
        try stdout.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message == "kinerja: output closed; stopped\n")
    }

    /// A scratch copy of Rules/ and Policies/ to change files in.
    static func temporaryCopy() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for folder in ["Rules", "Policies"] {
            try FileManager.default.copyItem(at: KinerjaProcess.repository.appendingPathComponent(folder),
                                             to: directory.appendingPathComponent(folder))
        }
        return directory
    }
}
