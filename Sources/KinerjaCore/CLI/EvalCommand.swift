import Foundation

/// `kinerja eval` and `kinerja explain`: stream records through a compiled policy.
enum EvalCommand {
    static let options: [Arguments.Option] = [
        .value("data"), .value("input", choices: ["json", "jsonl", "csv"]),
        .value("format", choices: ["jsonl", "json", "csv", "table"]), .value("root"), .value("key"), .flag("summary"),
        .value("jobs"), .flag("explain"), .value("max-depth"), .value("max-record-bytes"), .value("max-records"),
        .value("max-list-items"), .value("max-steps"),
    ]

    static func run(_ arguments: [String], io: IO, explainKey: String?) throws(UsageError) -> ExitCode {
        if explainKey == nil, CLI.helpRequested(arguments, HelpText.eval, io: io) { return .success }
        let parsed = try Arguments.parse(arguments, options: options)
        guard parsed.positional.count == 1 else { throw UsageError("expected exactly one POLICY file") }
        guard let data = parsed.values["data"] else { throw UsageError("missing '--data FILE' (or '--data -' for standard input)") }
        let inputFormat: DataFormat
        if let input = parsed.values["input"], let chosen = DataFormat(rawValue: input) {
            inputFormat = chosen
        } else if data == "-" {
            inputFormat = .jsonl
        } else if let inferred = DataFormat.inferred(fromPath: data) {
            inputFormat = inferred
        } else {
            throw UsageError("cannot tell the format of '\(data)'; add '--input json|jsonl|csv'")
        }
        // Every option is checked before any file is read.
        let limits = try DataLimits.options(parsed, defaults: .default)
        let format = parsed.values["format"] ?? "jsonl"
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        if let text = parsed.values["jobs"] {
            guard let count = Int(text), count >= 1, count <= 256 else {
                throw UsageError("option '--jobs' needs a number from 1 to 256, not '\(text)'")
            }
            jobs = count
        }
        let explaining = parsed.flags.contains("explain")
        if explaining, format == "csv" || format == "table" {
            throw UsageError("'--explain' needs '--format jsonl' or '--format json'")
        }
        var loader = PolicyLoader(root: parsed.values["root"], for: parsed.positional[0])
        let policy: CheckedPolicy
        do throws(ExitCode) { policy = try loader.policy(parsed.positional[0], io: io) } catch { return error }
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
        var reader = RecordReader(format: inputFormat, source: ByteSource(fileDescriptor: descriptor), limits: limits)
        // The parallel path compiles a program per worker; the others share this one.
        func sequentialEvaluator() -> Evaluator {
            Evaluator(program: Program(policy), limits: limits)
        }
        if let explainKey {
            return explain(key: explainKey, reader: &reader, evaluator: sequentialEvaluator(), io: io)
        }
        let writer = ResultWriter(policy: policy, sources: loader.sources)
        if parsed.flags.contains("summary") || format == "table" || explaining {
            var summary: PredikatSummary?
            if parsed.flags.contains("summary") {
                guard let made = PredikatSummary(policy: policy) else {
                    throw UsageError("'--summary' needs an output named 'predikat' in the policy")
                }
                summary = made
            }
            return evaluateInSequence(reader: &reader, evaluator: sequentialEvaluator(), writer: writer, format: format,
                                      explain: explaining, summary: &summary, io: io)
        }
        let outputFormat = ResultOutput.Format(rawValue: format) ?? .jsonl
        let sources = loader.sources
        return evaluateInParallel(reader: &reader,
                                  evaluation: ParallelEvaluation(policy: policy, jobs: jobs, limits: limits),
                                  output: ResultOutput(format: outputFormat, writer: writer), io: io) {
            // An output of its own for each worker: nothing reference-counted is shared between cores.
            ResultOutput(format: outputFormat, writer: ResultWriter(policy: policy, sources: sources))
        }
    }

    static func runExplain(_ arguments: [String], io: IO) throws(UsageError) -> ExitCode {
        if CLI.helpRequested(arguments, HelpText.explain, io: io) { return .success }
        let parsed = try Arguments.parse(arguments, options: options)
        guard let key = parsed.values["key"] else { throw UsageError("missing '--key KEY'") }
        return try run(arguments, io: io, explainKey: key)
    }

    /// JSON and CSV output: batches evaluated on all cores, written in input order as they complete.
    private static func evaluateInParallel(
        reader: inout RecordReader, evaluation: ParallelEvaluation, output: ResultOutput, io: IO,
        makeOutput: @escaping @Sendable () -> ResultOutput
    ) -> ExitCode {
        var failures = 0
        var count = 0
        guard io.writeOutput(output.header()) else { return outputClosed(io) }
        let completed = evaluation.run(&reader, makeOutput: makeOutput) { batch in
            count += batch.records
            failures += batch.failures
            return io.writeOutput(batch.bytes)
        }
        guard completed, io.writeOutput(output.footer(count: count)) else { return outputClosed(io) }
        return finish(failures: failures, count: count, io: io)
    }

    /// A table, a summary or explanations: one record after another, since they need every row or each record's
    /// frame.
    private static func evaluateInSequence(reader: inout RecordReader, evaluator: Evaluator, writer: ResultWriter,
                                           format: String, explain: Bool, summary: inout PredikatSummary?,
                                           io: IO) -> ExitCode {
        let frame = evaluator.program.makeFrame()
        let renderer = ExplainRenderer(policy: evaluator.program.policy)
        let table = ResultTable(writer: writer)
        let output = ResultOutput(format: ResultOutput.Format(rawValue: format) ?? .jsonl, writer: writer)
        var rows = [table.headerWithUnits]
        var failures = 0
        var count = 0
        var pending = output.header()
        while let record = reader.next() {
            var result = evaluator.evaluate(record, in: frame, tracing: explain)
            if explain { result.explanation = renderer.render(result, frame: frame) }
            if case .failure = result.outcome { failures += 1 }
            count += 1
            summary?.add(result, frame: frame)
            if format == "table" {
                rows.append(table.row(result))
            } else {
                pending += output.render([result])
                if pending.count >= 1 << 16 {
                    guard io.writeOutput(pending) else { return outputClosed(io) }
                    pending.removeAll(keepingCapacity: true)
                }
            }
        }
        pending += format == "table" ? Array(ResultTable.aligned(rows).utf8) : output.footer(count: count)
        guard io.writeOutput(pending) else { return outputClosed(io) }
        if let summary { io.writeError(summary.render()) }
        return finish(failures: failures, count: count, io: io)
    }

    private static func finish(failures: Int, count: Int, io: IO) -> ExitCode {
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
