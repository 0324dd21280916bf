/// Runs the cases of a policy test file against a checked policy: evaluates each case's record and compares
/// every expectation, in the units results are written in.
public struct PolicyTestRunner {
    public let policy: CheckedPolicy
    private let evaluator: Evaluator

    public init(policy: CheckedPolicy) {
        self.policy = policy
        self.evaluator = Evaluator(program: Program(policy))
    }

    /// The failures of one case (empty when it passes).
    public func run(_ testCase: TestCaseSyntax, number: Int, path: String) -> [PolicyTestFailure] {
        let frame = evaluator.program.makeFrame()
        let content: Result<DataObject, DataError>
        if case .object = testCase.record.kind, case .object(let object) = Self.dataValue(testCase.record) {
            content = .success(object)
        } else {
            return [failure(testCase, testCase.record.range, path, "the record must be a JSON object")]
        }
        let result = evaluator.evaluate(DataRecord(number: number, line: 1, content: content), in: frame)
        var failures: [PolicyTestFailure] = []
        for expectation in testCase.expectations {
            if let message = check(expectation, result, frame) {
                failures.append(failure(testCase, expectation.range, path, message))
            }
        }
        return failures
    }

    private func failure(_ testCase: TestCaseSyntax, _ range: SourceRange, _ path: String,
                         _ message: String) -> PolicyTestFailure {
        PolicyTestFailure(path: path, range: range, caseName: testCase.name.value, message: message)
    }

    /// Nil when the expectation holds, otherwise what was expected and what came out.
    private func check(_ expectation: Expectation, _ result: RecordResult, _ frame: Frame) -> String? {
        switch (expectation.kind, result.outcome) {
        case (.error(let fragment), .failure(let error)):
            let text = "\(error.field ?? "") \(error.message)"
            return text.contains(fragment.value) ? nil
                : "expected an error mentioning \"\(fragment.value)\", got: \(error.message)"
        case (.error(let fragment), .success):
            return "expected an error mentioning \"\(fragment.value)\", but the record was evaluated"
        case (_, .failure(let error)):
            return "the record was rejected: \(error.field.map { "'\($0)': " } ?? "")\(error.message)"
        case (.recommends(let name, let expected), .success(let record)):
            guard let index = policy.recommendations.firstIndex(where: { $0.name == name.name }) else {
                return "the policy has no recommendation '\(name.name)'"
            }
            let fired = record.recommendations.contains(index)
            guard fired != expected else { return nil }
            return expected ? "expected recommendation '\(name.name)', it did not fire"
                : "expected no recommendation '\(name.name)', it fired"
        case (.equals(let name, let literal), .success):
            guard let index = policy.values.firstIndex(where: { $0.name == name.name }) else {
                return "the policy has no value '\(name.name)'"
            }
            let type = policy.values[index].expression.type
            let actual = frame.values[index]
            guard let expected = Self.value(of: literal, as: type) else {
                return "'\(name.name)' is \(type.name); the expected value does not fit that type"
            }
            guard expected != actual else { return nil }
            return "expected \(name.name) = \(QuantityText.text(expected, type)), actual \(QuantityText.text(actual, type))"
        }
    }

    /// The runtime value an expected literal stands for, given the type of the value it is compared with.
    static func value(of literal: ExpectedLiteral, as type: ValueType) -> Value? {
        switch (literal.kind, type) {
        case (.absent, _): return .absent
        case (.string(let text), _): return .text(text)
        case (.boolean(let flag), _): return .boolean(flag)
        case (.member(let name), .scale(let scale)): return scale.index(of: name.name).map(Value.member)
        case (.number(let number, let isNegative), .number(let quantity)):
            guard var value = (try? Number.parse(Substring(number.text))) ?? nil else { return nil }
            if isNegative, let negated = try? value.negated() { value = negated }
            let factor: Number
            switch number.unit {
            case nil: factor = quantity.displayDivisor
            case .percent: factor = Quantity.percent.displayDivisor
            case .duration(let unit):
                guard let durationUnit = DurationUnit(spelling: unit.name) else { return nil }
                factor = Number(durationUnit.seconds)
            }
            return (try? value.multiplied(by: factor)).map(Value.number)
        default: return nil
        }
    }

    /// A test file's JSON literal as a data value, as if it had been read from a JSON file.
    static func dataValue(_ literal: JSONLiteral) -> DataValue {
        switch literal.kind {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let text): .number(text)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(dataValue))
        case .object(let members):
            .object(DataObject(members: members.map { DataMember(key: $0.key.value, value: dataValue($0.value)) }))
        }
    }
}

/// One expectation that did not hold, with the place it was written.
public struct PolicyTestFailure: Sendable, Equatable {
    public var path: String
    public var range: SourceRange
    public var caseName: String
    public var message: String
}
