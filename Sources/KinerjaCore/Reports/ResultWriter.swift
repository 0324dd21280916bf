/// Writes record results as JSON objects: the key field first, then the outputs in policy order, then the
/// recommendations that fired (when the policy has any). Errors become `{"record": n, "line": n, "error": …}`.
/// Numbers are written in the unit of their type; the same input always gives the same bytes.
public struct ResultWriter: Sendable {
    let policy: CheckedPolicy
    private let keyName: String?
    /// `"name":` of the key field, as bytes.
    private let keyNameBytes: [UInt8]
    /// Bytes the hot loop only copies, made once: each output's `,"name":` and the names of scale members as
    /// JSON strings, one after the other.
    private let fixedBytes: [UInt8]
    private let outputKeys: [Range<Int>]
    private let outputTypes: [ValueType]
    /// Each output's unit, for numbers; and its scale's member names in `memberNames` (none when its values are not
    /// members), written by position.
    private let outputQuantities: [Quantity]
    private let outputMembers: [Range<Int>]
    private let memberNames: [Range<Int>]
    /// The policy's sources, to give evaluation errors their place as `path:line:col`.
    private let sources: [String: SourceFile]

    public init(policy: CheckedPolicy, sources: [String: SourceFile] = [:]) {
        self.policy = policy
        self.sources = sources
        keyName = policy.record.keyIndex.map { policy.record.fields[$0].name }
        var keyNameBytes: [UInt8] = []
        if let keyName {
            JSONText.appendString(keyName, to: &keyNameBytes)
            keyNameBytes.append(UInt8(ascii: ":"))
        }
        self.keyNameBytes = keyNameBytes
        var fixedBytes: [UInt8] = []
        outputKeys = policy.outputs.map { policy.values[$0].name }.map { name in
            let start = fixedBytes.count
            fixedBytes.append(UInt8(ascii: ","))
            JSONText.appendString(name, to: &fixedBytes)
            fixedBytes.append(UInt8(ascii: ":"))
            return start..<fixedBytes.count
        }
        outputTypes = policy.outputs.map { policy.values[$0].expression.type }
        outputQuantities = outputTypes.map { $0.quantity ?? .plain }
        var memberNames: [Range<Int>] = []
        outputMembers = outputTypes.map { type in
            let start = memberNames.count
            guard case .scale(let scale) = type else { return start..<start }
            for member in scale.members {
                let nameStart = fixedBytes.count
                JSONText.appendString(member.name, to: &fixedBytes)
                memberNames.append(nameStart..<fixedBytes.count)
            }
            return start..<memberNames.count
        }
        self.memberNames = memberNames
        self.fixedBytes = fixedBytes
    }

    /// Appends one result as a single-line JSON object (without the newline).
    public func appendJSON(_ result: RecordResult, to buffer: inout some ByteSink & ~Copyable) {
        switch result.outcome {
        case .success(let record):
            appendJSON(key: result.key.map(ResultKey.text), outputs: record.outputs,
                       recommendations: record.recommendations,
                       explanation: result.explanation, to: &buffer)
        case .failure(let error):
            buffer.append(UInt8(ascii: "{"))
            var first = true
            func key(_ name: String) {
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                JSONText.appendString(name, to: &buffer)
                buffer.append(UInt8(ascii: ":"))
            }
            if let keyName, let value = result.key {
                key(keyName)
                JSONText.appendString(value, to: &buffer)
            }
            key("record")
            Self.appendInteger(result.number, to: &buffer)
            key("line")
            Self.appendInteger(result.line, to: &buffer)
            key("error")
            appendError(error, to: &buffer)
            if let explanation = result.explanation {
                key("explain")
                JSONText.appendString(explanation, to: &buffer)
            }
            buffer.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a successful result as a single-line JSON object: the key, the outputs (in policy order, read
    /// from wherever they are, such as straight from a frame) and the recommendations that fired.
    /// Inlined where each record is written: a call copied the whole writer for each.
    @inline(__always)
    func appendJSON(key: ResultKey?, outputs: some RandomAccessCollection<Value>, recommendations: [Int],
                    explanation: String? = nil, to buffer: inout some ByteSink & ~Copyable) {
        buffer.append(UInt8(ascii: "{"))
        var first = true
        if keyName != nil, let key {
            keyNameBytes.withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
            key.appendJSON(to: &buffer)
            first = false
        }
        fixedBytes.withUnsafeBufferPointer { fixed in
            // Each value is matched where it lies (by position, not copied out by iterating).
            for (index, position) in zip(outputKeys.indices, outputs.indices) {
                // Each key starts with the comma that separates it from what comes before.
                let key = outputKeys[index]
                let start = first ? key.lowerBound + 1 : key.lowerBound
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: fixed[start..<key.upperBound]))
                first = false
                switch outputs[position] {
                case .number(let number):
                    Self.appendNumber(number, outputQuantities[index], to: &buffer)
                case .member(let position) where position < outputMembers[index].count:
                    let name = memberNames[outputMembers[index].lowerBound + position]
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: fixed[name]))
                // Text and flags here too: through `appendValue` they would cost a copy of the value and of its type.
                case .text(let text):
                    JSONText.appendString(text, to: &buffer)
                case .boolean(let flag):
                    buffer.append(flag ? "true" : "false")
                default:
                    Self.appendValue(outputs[position], outputTypes[index], to: &buffer)
                }
            }
        }
        if !policy.recommendations.isEmpty {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            buffer.append(#""recommendations":["#)
            for (position, index) in recommendations.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                JSONText.appendString(policy.recommendations[index].name, to: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        }
        if let explanation {
            if !first { buffer.append(UInt8(ascii: ",")) }
            buffer.append(#""explain":"#)
            JSONText.appendString(explanation, to: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// Where an evaluation error happened, as `path:line:col`, when the policy's source is known.
    public func location(of error: RecordError) -> String? {
        guard let span = error.span, let source = sources[span.path] else { return nil }
        let at = source.location(of: span.range.start)
        return "\(span.path):\(at.line):\(at.column)"
    }

    func appendError(_ error: RecordError, to buffer: inout some ByteSink & ~Copyable) {
        buffer.append(#"{"code":"#)
        JSONText.appendString(error.code, to: &buffer)
        if let field = error.field {
            buffer.append(#","field":"#)
            JSONText.appendString(field, to: &buffer)
        }
        if let line = error.line {
            buffer.append(#","line":"#)
            Self.appendInteger(line, to: &buffer)
        }
        if let column = error.column {
            buffer.append(#","column":"#)
            Self.appendInteger(column, to: &buffer)
        }
        buffer.append(#","message":"#)
        JSONText.appendString(error.message, to: &buffer)
        if let at = location(of: error) {
            buffer.append(#","at":"#)
            JSONText.appendString(at, to: &buffer)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// A whole number in decimal digits.
    private static func appendInteger(_ value: Int, to buffer: inout some ByteSink & ~Copyable) {
        Number(Int64(value)).appendDecimalText(to: &buffer)
    }

    /// A number as JSON, in `quantity`.
    private static func appendNumber(_ number: Number, _ quantity: Quantity,
                                     to buffer: inout some ByteSink & ~Copyable) {
        guard let shown = QuantityText.displayNumber(number, quantity) else {
            appendNumber(.small(number), quantity, to: &buffer)
            return
        }
        shown.appendDecimalText(to: &buffer)
    }

    /// A number of either size as JSON, in `quantity`.
    private static func appendNumber(_ number: ExactNumber, _ quantity: Quantity,
                                     to buffer: inout some ByteSink & ~Copyable) {
        // Evaluation has made a result whose outputs do not fit their unit an error, so `null` is unreachable.
        guard let shown = QuantityText.shown(number, quantity) else {
            buffer.append("null")
            return
        }
        shown.appendDecimalText(to: &buffer)
    }

    /// A value as JSON, in the unit of its type.
    static func appendValue(_ value: Value, _ type: ValueType, to buffer: inout some ByteSink & ~Copyable) {
        switch value {
        case .absent:
            buffer.append("null")
        case .boolean(let flag):
            buffer.append(flag ? "true" : "false")
        case .number(let number):
            appendNumber(number, type.quantity ?? .plain, to: &buffer)
        case .bigNumber(let number):
            appendNumber(.big(number), type.quantity ?? .plain, to: &buffer)
        case .text(let text):
            JSONText.appendString(text, to: &buffer)
        case .date(let days):
            JSONText.appendString(CalendarDate.text(fromDays: days), to: &buffer)
        case .member(let index):
            if case .scale(let scale) = type, index < scale.members.count {
                JSONText.appendString(scale.members[index].name, to: &buffer)
            } else {
                buffer.append("null")
            }
        case .list(let items):
            let element: ValueType = if case .list(let inner) = type { inner } else { .invalid }
            buffer.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                appendValue(item, element, to: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .numbers(let numbers):
            appendValue(.list(numbers.map(Value.number)), type, to: &buffer)
        }
    }
}
