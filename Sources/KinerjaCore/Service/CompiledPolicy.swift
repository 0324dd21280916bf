/// A policy checked and compiled once, with what answering a request needs: the evaluator, the result writer
/// and a frame reused from record to record.
struct CompiledPolicy {
    let evaluator: Evaluator
    let writer: ResultWriter
    let frame: Frame

    var policy: CheckedPolicy { evaluator.program.policy }

    /// Compiles a checked policy; `sources` are its files, to place evaluation errors in them.
    init(_ policy: CheckedPolicy, sources: [String: SourceFile], limits: DataLimits) {
        evaluator = Evaluator(program: Program(policy), limits: limits)
        writer = ResultWriter(policy: policy, sources: sources)
        frame = evaluator.program.makeFrame()
    }

    /// Checks and compiles policy source text, reaching libraries and base policies in `root`; `name` is the
    /// policy's name when it was asked for by name.
    static func compile(_ source: SourceFile, name: String?, root: String,
                        limits: DataLimits) throws(ServiceError) -> CompiledPolicy {
        var loader = PolicyLoader(root: root)
        let checked = loader.check(source)
        if checked.kind == .rules { throw .notAPolicy(file: source.path) }
        guard let policy = checked.policy else {
            throw .policyHasErrors(name, file: source.path, checked.diagnostics, loader: loader)
        }
        return CompiledPolicy(policy, sources: loader.sources, limits: limits)
    }
}
