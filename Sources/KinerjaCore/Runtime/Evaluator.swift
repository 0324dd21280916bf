/// Evaluates input records against a compiled program: binds each record's fields, runs the program, and
/// collects the outputs, so that every input record yields exactly one result or one error.
public struct Evaluator: Sendable {
    public let program: Program
    public let binder: RecordBinder

    public init(program: Program) {
        self.program = program
        self.binder = RecordBinder(schema: program.policy.record)
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
            try binder.bind(object, into: &frame.fields)
        } catch {
            return RecordResult(number: record.number, line: record.line, key: key, outcome: .failure(error))
        }
        do throws(EvaluationError) {
            let fired = try program.evaluate(frame, tracing: tracing)
            let outputs = program.policy.outputs.map { frame.values[$0] }
            return RecordResult(number: record.number, line: record.line, key: key,
                                outcome: .success(EvaluatedRecord(outputs: outputs, recommendations: fired)))
        } catch {
            return RecordResult(number: record.number, line: record.line, key: key,
                                outcome: .failure(RecordError(error)))
        }
    }
}

/// The result for one input record, numbered as in the input.
public struct RecordResult: Sendable, Equatable {
    public var number: Int
    public var line: Int
    public var key: String?
    public var outcome: Result<EvaluatedRecord, RecordError>
}

/// The outputs of one evaluated record, in the policy's output order, and the recommendations that fired.
public struct EvaluatedRecord: Sendable, Equatable {
    public var outputs: [Value]
    public var recommendations: [Int]
}
