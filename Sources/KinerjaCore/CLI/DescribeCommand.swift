/// `kinerja describe`: a readable summary of a policy, as text for a terminal or Markdown for publishing.
enum DescribeCommand {
    static let options: [Arguments.Option] = [
        .value("format", choices: PolicyDescription.Format.allCases.map(\.rawValue)), .value("root"),
    ]

    static func run(_ arguments: [String], io: IO) throws(UsageError) -> ExitCode {
        if CLI.helpRequested(arguments, HelpText.describe, io: io) { return .success }
        let parsed = try Arguments.parse(arguments, options: options)
        guard parsed.positional.count == 1 else { throw UsageError("expected exactly one POLICY file") }
        let format = parsed.values["format"].flatMap(PolicyDescription.Format.init(rawValue:)) ?? .text
        var loader = PolicyLoader(root: parsed.values["root"], for: parsed.positional[0])
        let policy: CheckedPolicy
        do throws(ExitCode) { policy = try loader.policy(parsed.positional[0], io: io) } catch { return error }
        guard io.writeOutput(Array(PolicyDescription(policy: policy).render(format).utf8)) else { return .outputClosed }
        return .success
    }
}
