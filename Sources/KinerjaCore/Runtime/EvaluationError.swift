/// A problem while evaluating one record, such as a division by zero; the record gets an error result and
/// the batch goes on.
public struct EvaluationError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case divisionByZero
        case overflow
    }

    public var kind: Kind
    /// The expression that failed.
    public var span: SourceSpan

    public var message: String {
        switch kind {
        case .divisionByZero: "division by zero"
        case .overflow: "number too large for exact arithmetic"
        }
    }

    init(_ error: NumberError, at span: SourceSpan) {
        self.kind = error == .divisionByZero ? .divisionByZero : .overflow
        self.span = span
    }
}
