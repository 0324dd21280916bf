/// A problem while evaluating one record, such as a division by zero; the record gets an error result and
/// the batch goes on.
public struct EvaluationError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case divisionByZero
        case overflow
        /// The record needs more evaluation steps than the limit allows.
        case stepLimit(Int)
    }

    public var kind: Kind
    /// The expression that failed.
    public var span: SourceSpan

    public var message: String {
        switch kind {
        case .divisionByZero: "division by zero"
        case .overflow: "number too large for exact arithmetic"
        case .stepLimit(let limit): "evaluation needs more than \(limit) steps (list items visited; --max-steps)"
        }
    }

    init(_ kind: Kind, at span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    init(_ error: NumberError, at span: SourceSpan) {
        self.kind = error == .divisionByZero ? .divisionByZero : .overflow
        self.span = span
    }
}
