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
        self.jsonBinder = JSONFastBinder(schema: program.policy.record, maxListItems: limits.maxListItems)
        self.csvBinder = CSVFastBinder(schema: program.policy.record, maxListItems: limits.maxListItems)
        self.outputSlots = program.policy.outputs
        self.convertedOutputs = program.policy.outputs.compactMap { slot in
            let expression = program.policy.values[slot].expression
            guard let quantity = expression.type.quantity, quantity != .plain else { return nil }
            return (slot, quantity, expression.span)
        }
    }

    /// Evaluates every record of a batch, in order. A raw JSON line or CSV row is read straight into the frame
    /// when it is plain, and the general way otherwise; both give the same result.
    func evaluate(_ batch: RecordBatch, in frame: Frame, workspace: inout JSONParser.Workspace) -> [RecordResult] {
        let columns = batch.entries.contains { if case .csvRow = $0.content { true } else { false } }
            ? csvBinder.columns(of: batch.csvHeader) : nil
        return batch.bytes.withUnsafeBufferPointer { bytes in
            batch.entries.map { entry in
                let bound = switch entry.content {
                case .line(let range):
                    jsonBinder.bind(UnsafeBufferPointer(rebasing: bytes[range]), into: frame.fields)
                case .csvRow(let range):
                    columns.map { csvBinder.bind(bytes, range, delimiter: batch.csvDelimiter, columns: $0,
                                                 into: frame.fields) } ?? false
                case .read:
                    false
                }
                guard bound else {
                    return evaluate(batch.record(entry, workspace: &workspace, maxDepth: limits.maxDepth), in: frame)
                }
                let key: String? = if let index = binder.schema.keyIndex, case .text(let text) = frame.fields[index] {
                    text
                } else {
                    nil
                }
                return run(number: entry.number, line: entry.line, key: key, frame: frame, tracing: false)
            }
        }
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
        } catch {
            return RecordResult(number: record.number, line: record.line, key: key, outcome: .failure(error))
        }
        return run(number: record.number, line: record.line, key: key, frame: frame, tracing: tracing)
    }

    /// Runs the program on the fields already in the frame.
    private func run(number: Int, line: Int, key: String?, frame: Frame, tracing: Bool) -> RecordResult {
        do throws(EvaluationError) {
            let fired = try program.evaluate(frame, tracing: tracing, maxSteps: limits.maxSteps)
            for output in convertedOutputs {
                if case .number(let number) = frame.values[output.slot],
                   QuantityText.displayNumber(number, output.quantity) == nil {
                    throw EvaluationError(NumberError.overflow, at: output.span)
                }
            }
            let outputs = outputSlots.map { frame.values[$0] }
            return RecordResult(number: number, line: line, key: key,
                                outcome: .success(EvaluatedRecord(outputs: outputs, recommendations: fired)))
        } catch {
            return RecordResult(number: number, line: line, key: key, outcome: .failure(RecordError(error)))
        }
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
