import Testing
@testable import KinerjaCore

@Suite("Arguments")
struct ArgumentsTests {
    let options: [Arguments.Option] = [.flag("strict"), .value("format", choices: ["text", "json"]), .value("data")]

    @Test("options in both spellings, flags, positionals, '-' and '--'")
    func parses() throws {
        let parsed = try Arguments.parse(["a.policy", "--format=json", "--data", "-", "--strict", "--", "--weird"],
                                         options: options)
        #expect(parsed.positional == ["a.policy", "--weird"])
        #expect(parsed.values == ["format": "json", "data": "-"])
        #expect(parsed.flags == ["strict"])
    }

    @Test("usage errors", arguments: [
        (["--nope"], "unknown option '--nope'"),
        (["-x"], "unknown option '-x'"),
        (["--format"], "option '--format' needs a value"),
        (["--format", "xml"], "option '--format' must be one of text, json, not 'xml'"),
        (["--strict=yes"], "option '--strict' takes no value"),
    ])
    func errors(_ arguments: [String], _ message: String) {
        #expect(throws: UsageError(message)) { try Arguments.parse(arguments, options: options) }
    }
}
