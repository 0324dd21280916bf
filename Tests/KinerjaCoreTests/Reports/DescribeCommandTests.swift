import Foundation
import Testing

@testable import KinerjaCore

/// `kinerja describe` in-process: the format option, and the exit codes of a policy that cannot be described.
@Suite("Describe command")
struct DescribeCommandTests {
    static let plaju = Golden.repository.appendingPathComponent("Policies/plaju.policy").path

    @Test("text by default, Markdown on request, as the golden files", arguments: ["txt", "md"])
    func formats(_ suffix: String) throws {
        let capture = CapturedIO()
        let format = suffix == "md" ? ["--format", "markdown"] : []
        #expect(CLI.run(arguments: ["describe", Self.plaju, "--root", Golden.repository.path] + format, io: capture.io)
            == .success)
        Golden.assertMatches(capture.text, matches: Golden.fixtures.appendingPathComponent("describe/plaju.\(suffix)"))
        #expect(capture.errorText == "")
    }

    @Test("a rules library is not a policy (1); no file is a usage error (2)")
    func failures() {
        let rules = CapturedIO()
        let path = Golden.repository.appendingPathComponent("Rules/nasional.rules").path
        #expect(CLI.run(arguments: ["describe", path, "--root", Golden.repository.path], io: rules.io) == .failure)
        #expect(rules.errorText == "kinerja: '\(path)' is a rules library, not a policy\n")
        let missing = CapturedIO()
        #expect(CLI.run(arguments: ["describe"], io: missing.io) == .usage)
        #expect(missing.errorText == "kinerja: expected exactly one POLICY file\nRun 'kinerja --help' for usage.\n")
    }
}
