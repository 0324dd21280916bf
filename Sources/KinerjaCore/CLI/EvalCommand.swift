#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// `kinerja eval` and `kinerja explain`: stream records through a compiled policy.
enum EvalCommand {
    static let options: [Arguments.Option] = [
        .value("data"), .value("input", choices: ["json", "jsonl", "csv"]),
        .value("format", choices: ["jsonl", "json", "csv", "table"]), .value("root"), .value("key"), .flag("summary"),
    ]

    static func run(_ arguments: [String], io: IO, explainKey: String?) throws(UsageError) -> ExitCode {
        if explainKey == nil, CLI.helpRequested(arguments, HelpText.eval, io: io) { return .success }
        let parsed = try Arguments.parse(arguments, options: options)
        guard parsed.positional.count == 1 else { throw UsageError("expected exactly one POLICY file") }
        guard let data = parsed.values["data"] else { throw UsageError("missing '--data FILE' (or '--data -' for standard input)") }
        let format: DataFormat
        if let input = parsed.values["input"], let chosen = DataFormat(rawValue: input) {
            format = chosen
        } else if data == "-" {
            format = .jsonl
        } else if let inferred = DataFormat.inferred(fromPath: data) {
            format = inferred
        } else {
            throw UsageError("cannot tell the format of '\(data)'; add '--input json|jsonl|csv'")
        }
        var loader = PolicyLoader(root: parsed.values["root"] ?? ".")
        guard let checked = loader.check(parsed.positional[0], io: io) else { return .usage }
        let color = io.errorIsTerminal && io.environment["TERM"] != "dumb"
        let shown = checked.diagnostics.filter { $0.severity == .error }
        guard let policy = checked.policy else {
            io.writeError(loader.render(shown, style: .text, color: color))
            if checked.kind == .rules { io.writeError("kinerja: '\(parsed.positional[0])' is a rules library, not a policy\n") }
            return .failure
        }
        let descriptor: Int32
        if data == "-" {
            descriptor = io.inputDescriptor
        } else {
            guard !FileSystem.isDirectory(data) else {
                io.writeError("kinerja: cannot read '\(data)': is a directory\n")
                return .usage
            }
            descriptor = open(data, O_RDONLY)
            guard descriptor >= 0 else {
                io.writeError("kinerja: cannot read '\(data)': \(FileSystem.systemReason())\n")
                return .usage
            }
        }
        defer { if descriptor != io.inputDescriptor { close(descriptor) } }
        var reader = RecordReader(format: format, source: ByteSource(fileDescriptor: descriptor))
        let evaluator = Evaluator(program: Program(policy))
        if let key = explainKey ?? parsed.values["key"], explainKey != nil {
            return explain(key: key, reader: &reader, evaluator: evaluator, io: io)
        }
        var summary: PredikatSummary?
        if parsed.flags.contains("summary") {
            guard let made = PredikatSummary(policy: policy) else {
                throw UsageError("'--summary' needs an output named 'predikat' in the policy")
            }
            summary = made
        }
        var output = ResultOutput(format: ResultOutput.Format(rawValue: parsed.values["format"] ?? "jsonl") ?? .jsonl,
                                  writer: ResultWriter(policy: policy, sources: loader.sources))
        let code = evaluate(reader: &reader, evaluator: evaluator, output: &output, summary: &summary, io: io)
        if let summary, code != .outputClosed { io.writeError(summary.render()) }
        return code
    }

    static func runExplain(_ arguments: [String], io: IO) throws(UsageError) -> ExitCode {
        if CLI.helpRequested(arguments, HelpText.explain, io: io) { return .success }
        let parsed = try Arguments.parse(arguments, options: options)
        guard let key = parsed.values["key"] else { throw UsageError("missing '--key KEY'") }
        return try run(arguments, io: io, explainKey: key)
    }

    private static func evaluate(reader: inout RecordReader, evaluator: Evaluator, output: inout ResultOutput,
                                 summary: inout PredikatSummary?, io: IO) -> ExitCode {
        let frame = evaluator.program.makeFrame()
        var failures = 0
        var count = 0
        output.begin()
        while let record = reader.next() {
            let result = evaluator.evaluate(record, in: frame)
            if case .failure = result.outcome { failures += 1 }
            summary?.add(result, frame: frame)
            output.append(result)
            count += 1
            if let chunk = output.takeChunk(), !io.writeOutput(chunk) { return outputClosed(io) }
        }
        guard io.writeOutput(output.finish()) else { return outputClosed(io) }
        if failures > 0 {
            io.writeError("kinerja: \(failures) of \(count) records have errors\n")
            return .failure
        }
        return .success
    }

    private static func explain(key: String, reader: inout RecordReader, evaluator: Evaluator, io: IO) -> ExitCode {
        let frame = evaluator.program.makeFrame()
        let renderer = ExplainRenderer(policy: evaluator.program.policy)
        while let record = reader.next() {
            guard case .success(let object) = record.content, evaluator.binder.key(of: object) == key else { continue }
            let result = evaluator.evaluate(record, in: frame, tracing: true)
            guard io.writeOutput(Array(renderer.render(result, frame: frame).utf8)) else { return outputClosed(io) }
            if case .failure = result.outcome { return .failure }
            return .success
        }
        io.writeError("kinerja: no record with key '\(key)'\n")
        return .failure
    }

    private static func outputClosed(_ io: IO) -> ExitCode {
        io.writeError("kinerja: output closed; stopped\n")
        return .outputClosed
    }
}
