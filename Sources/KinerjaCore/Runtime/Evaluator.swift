/// Evaluates input records against a compiled program: binds each record's fields, runs the program, and
/// collects the outputs, so that every input record yields exactly one result or one error.
public struct Evaluator: Sendable {
    public let program: Program
    public let binder: RecordBinder
    private let jsonBinder: JSONFastBinder
    private let csvBinder: CSVFastBinder
    /// The value slots of the outputs, in order.
    private let outputSlots: [Int]
    /// The outputs written in percent points or a duration unit, whose converted value must fit too.
    private let convertedOutputs: [(slot: Int, quantity: Quantity, span: SourceSpan)]
    /// The limits on each record: nesting of raw lines, items per list, evaluation steps.
    public let limits: DataLimits

    public init(program: Program, limits: DataLimits = .default) {
        self.program = program
        self.limits = limits
        self.binder = RecordBinder(schema: program.policy.record, maxListItems: limits.maxListItems)
        self.jsonBinder = JSONFastBinder(schema: program.policy.record, aggregates: program.aggregates,
                                         maxListItems: limits.maxListItems)
        self.csvBinder = CSVFastBinder(schema: program.policy.record, aggregates: program.aggregates,
                                       maxListItems: limits.maxListItems)
        self.outputSlots = program.policy.outputs.unshared
        self.convertedOutputs = program.policy.outputs.compactMap { slot in
            let expression = program.policy.values[slot].expression
            guard let quantity = expression.type.quantity, quantity != .plain else { return nil }
            return (slot, quantity, expression.span)
        }
    }

    /// Evaluates every record of a batch, in order. A raw JSON line or CSV row is read straight into the frame
    /// when it is plain, and the general way otherwise; both give the same result.
    func evaluate(_ batch: RecordBatch, in frame: Frame, workspace: inout JSONParser.Workspace) -> [RecordResult] {
        var results: [RecordResult] = []
        results.reserveCapacity(batch.entries.count)
        evaluate(batch, in: frame, workspace: &workspace) { entry, outcome in
            switch outcome {
            case .inFrame(let key, let fired):
                results.append(result(number: entry.number, line: entry.line, key: key?.text, frame: frame,
                                      fired: fired))
            case .result(let result):
                results.append(result)
            }
        }
        return results
    }

    /// Evaluates every record of a batch like `evaluate(_:in:workspace:)` and renders each result with `output` into
    /// `rendered` as soon as it is known, a record that evaluates straight from the frame. Returns the count of
    /// error results.
    func evaluate(_ batch: RecordBatch, in frame: Frame, workspace: inout JSONParser.Workspace,
                  output: ResultOutput, to rendered: inout OutputBuffer) -> Int {
        var failures = 0
        evaluate(batch, in: frame, workspace: &workspace) { entry, outcome in
            switch outcome {
            case .inFrame(let key, let fired):
                output.appendSuccess(number: entry.number, line: entry.line, key: key,
                                     outputs: FrameOutputs(values: frame.values, slots: outputSlots),
                                     recommendations: fired,
                                     to: &rendered)
            case .result(let result):
                if case .failure = result.outcome { failures += 1 }
                output.append(result, to: &rendered)
            }
        }
        return failures
    }

    /// How one record of a batch ended: evaluated, with its values still in the frame, or as a result.
    private enum BatchOutcome {
        case inFrame(key: ResultKey?, recommendations: [Int])
        /// Boxed: a result is large and rare, and the outcome of every record is handed on by value.
        indirect case result(RecordResult)
    }

    private func evaluate(_ batch: RecordBatch, in frame: Frame, workspace: inout JSONParser.Workspace,
                          _ body: (RecordBatch.Entry, BatchOutcome) -> Void) {
        // Where the cells of CSV rows go (none for JSON Lines, whose batches have no header).
        let columns = csvBinder.columns(of: batch.csvHeader)
        batch.bytes.withUnsafeBufferPointer { bytes in
            var keyOrder = KeyOrder()
            for entry in batch.entries {
                var keyText: UnsafeBufferPointer<UInt8>?
                let bound = switch entry.content {
                case .line(let range):
                    // Under a tighter nesting limit than the fast path reads, the general path applies it.
                    limits.maxDepth >= JSONFastBinder.deepestLevel && bind(UnsafeBufferPointer(rebasing: bytes[range]),
                                                                         into: frame, order: &keyOrder, key: &keyText)
                case .csvRow(let range):
                    csvBinder.bind(bytes, range, delimiter: batch.csvDelimiter, columns: columns, into: frame)
                case .read:
                    false
                }
                guard bound else {
                    let record = batch.record(entry, workspace: &workspace, maxDepth: limits.maxDepth)
                    body(entry, .result(evaluate(record, in: frame)))
                    continue
                }
                let key: ResultKey? = if let keyText {
                    .plain(keyText)
                } else if let index = binder.schema.keyIndex, case .text(let text) = frame.fields[index] {
                    .text(text)
                } else {
                    nil
                }
                do throws(EvaluationError) {
                    body(entry, .inFrame(key: key, recommendations: try run(frame, tracing: false)))
                } catch {
                    body(entry, .result(RecordResult(number: entry.number, line: entry.line, key: key?.text,
                                                     outcome: .failure(RecordError(error)))))
                }
            }
        }
    }

    /// Binds a JSON line with the fast binder; `key` gets the bytes of a key that the policy only writes.
    private func bind(_ line: UnsafeBufferPointer<UInt8>, into frame: Frame, order: inout KeyOrder,
                      key: inout UnsafeBufferPointer<UInt8>?) -> Bool {
        var range: Range<Int>?
        guard jsonBinder.bind(line, into: frame, order: &order, key: &range) else { return false }
        key = range.map { UnsafeBufferPointer(rebasing: line[$0]) }
        return true
    }

    /// Evaluates one record in `frame` (which afterwards holds all values, for explanations).
    public func evaluate(_ record: DataRecord, in frame: Frame, tracing: Bool = false) -> RecordResult {
        let object: DataObject
        switch record.content {
        case .failure(let error):
            return RecordResult(number: record.number, line: record.line, key: nil, outcome: .failure(RecordError(error)))
        case .success(let value):
            object = value
        }
        let key = binder.key(of: object)
        do throws(RecordError) {
            try binder.bind(object, into: frame.fields)
            program.aggregates.fill(frame)
        } catch {
            return RecordResult(number: record.number, line: record.line, key: key, outcome: .failure(error))
        }
        do throws(EvaluationError) {
            let fired = try run(frame, tracing: tracing)
            return result(number: record.number, line: record.line, key: key, frame: frame, fired: fired)
        } catch {
            return RecordResult(number: record.number, line: record.line, key: key, outcome: .failure(RecordError(error)))
        }
    }

    /// Runs the program on the fields already in the frame; returns the recommendations that fired.
    private func run(_ frame: Frame, tracing: Bool) throws(EvaluationError) -> [Int] {
        let fired = try program.evaluate(frame, tracing: tracing, maxSteps: limits.maxSteps)
        // By index, so that no output's source span (a path) is copied for every record.
        for index in convertedOutputs.indices {
            let (slot, quantity) = (convertedOutputs[index].slot, convertedOutputs[index].quantity)
            if case .number(let number) = frame.values[slot], QuantityText.isShown(number, quantity) { continue }
            if let number = frame.values[slot].exactNumber, QuantityText.shown(number, quantity) == nil {
                throw EvaluationError(NumberError.overflow, at: convertedOutputs[index].span)
            }
        }
        return fired
    }

    /// The result of a record that evaluated, its outputs taken from the frame.
    private func result(number: Int, line: Int, key: String?, frame: Frame, fired: [Int]) -> RecordResult {
        let outputs = outputSlots.map { frame.values[$0] }
        return RecordResult(number: number, line: line, key: key,
                            outcome: .success(EvaluatedRecord(outputs: outputs, recommendations: fired)))
    }
}

/// The result for one input record, numbered as in the input.
public struct RecordResult: Sendable, Equatable {
    public var number: Int
    public var line: Int
    public var key: String?
    public var outcome: Result<EvaluatedRecord, RecordError>
    /// The explanation of the result, when one was asked for (`kinerja eval --explain`).
    public var explanation: String?
}

/// The outputs of one evaluated record, in the policy's output order, and the recommendations that fired.
public struct EvaluatedRecord: Sendable, Equatable {
    public var outputs: [Value]
    public var recommendations: [Int]
}
