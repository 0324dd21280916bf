/// The catalogue of diagnostics found by the checker, one constructor per kind, codes E02xx (names and
/// files), E03xx (types and units), E04xx (bands, matrices, tables), E05xx (indicators, records, outputs) and
/// W01xx (warnings). docs/errors.md lists them with examples.
struct CheckerMessages {
    let path: String

    private func error(_ code: String, _ message: String, _ range: SourceRange, hint: String? = nil,
                       notes: [DiagnosticNote] = []) -> Diagnostic {
        Diagnostic(code: DiagnosticCode(rawValue: code), severity: .error, message: message, path: path,
                   range: range, notes: notes, hint: hint)
    }

    private func warning(_ code: String, _ message: String, _ range: SourceRange, hint: String? = nil) -> Diagnostic {
        Diagnostic(code: DiagnosticCode(rawValue: code), severity: .warning, message: message, path: path,
                   range: range, hint: hint)
    }

    // MARK: - Names and files (E02xx)

    func unknownName(_ name: String, _ range: SourceRange, suggestion: String?) -> Diagnostic {
        error("E0201", "unknown name '\(name)'", range, hint: suggestion.map { "did you mean '\($0)'?" })
    }
    func duplicateDeclaration(_ name: String, _ range: SourceRange, first: SourceRange?) -> Diagnostic {
        error("E0202", "'\(name)' is declared more than once", range,
              notes: first.map { [DiagnosticNote("first declared here", at: $0)] } ?? [])
    }
    func unknownType(_ name: String, _ range: SourceRange, suggestion: String?) -> Diagnostic {
        error("E0203", "unknown type '\(name)'", range, hint: suggestion.map { "did you mean '\($0)'?" })
    }
    func unknownModule(_ kind: FileKind, _ name: String, _ range: SourceRange) -> Diagnostic {
        let file = kind == .rules ? "rules library '\(name)' (\(name).rules)" : "policy '\(name)' (\(name).policy)"
        return error("E0205", "cannot find \(file)", range)
    }
    static let circularCode = DiagnosticCode(rawValue: "E0206")

    func circularModules(_ chain: [String], _ range: SourceRange) -> Diagnostic {
        error("E0206", "circular 'uses' or 'extends': \(chain.joined(separator: " -> "))", range)
    }
    func moduleHasErrors(_ name: String, _ range: SourceRange) -> Diagnostic {
        error("E0207", "'\(name)' has errors; run 'kinerja check' on it", range)
    }
    func overrideOfUnknown(_ name: String, _ range: SourceRange) -> Diagnostic {
        error("E0208", "'override' of '\(name)', which the base policy does not declare", range)
    }
    func redeclaredWithoutOverride(_ name: String, _ range: SourceRange) -> Diagnostic {
        error("E0209", "'\(name)' is already declared in the base policy", range,
              hint: "write 'override' in front to change it")
    }
    func cycle(_ names: [String], _ range: SourceRange) -> Diagnostic {
        error("E0210", "'\(names[0])' depends on itself: \(names.joined(separator: " -> "))", range)
    }
    func recordProblem(_ message: String, _ range: SourceRange) -> Diagnostic {
        error("E0211", message, range)
    }
    func unknownFunction(_ name: String, _ range: SourceRange, suggestion: String?) -> Diagnostic {
        error("E0212", "unknown function '\(name)'", range, hint: suggestion.map { "did you mean '\($0)'?" })
    }
    func argumentCount(_ name: String, expected: String, found: Int, _ range: SourceRange) -> Diagnostic {
        error("E0213", "'\(name)' takes \(expected), found \(found)", range)
    }
    func notAValue(_ name: String, _ what: String, _ range: SourceRange) -> Diagnostic {
        error("E0214", "'\(name)' is \(what), not a value", range)
    }
    func missingRecord(_ range: SourceRange) -> Diagnostic {
        error("E0217", "the policy declares no record", range, hint: "add 'record { nip text key … }'")
    }

    // MARK: - Types and units (E03xx)

    func typeMismatch(expected: String, found: ValueType, _ range: SourceRange) -> Diagnostic {
        error("E0301", "expected \(expected), found \(found.name)", range)
    }
    func unitMismatch(_ operation: String, _ left: ValueType, _ right: ValueType, _ range: SourceRange) -> Diagnostic {
        error("E0302", "cannot \(operation) \(left.name) and \(right.name)", range,
              hint: "durations only combine with durations")
    }
    func invalidOperands(_ op: String, _ left: ValueType, _ right: ValueType, _ range: SourceRange) -> Diagnostic {
        error("E0303", "'\(op)' cannot combine \(left.name) and \(right.name)", range)
    }
    func notConstant(_ what: String, _ range: SourceRange, examples: String = "'90%', '10 min' or 'above'") -> Diagnostic {
        error("E0304", "\(what) must be a constant such as \(examples)", range)
    }
    func eachOutsideCondition(_ range: SourceRange) -> Diagnostic {
        error("E0305", "'each' is only defined inside the condition of count or share", range)
    }
    func misplacedWeight(_ range: SourceRange) -> Diagnostic {
        error("E0306", "a weight after ':' is only allowed in weighted_mean", range)
    }
    func misplacedIndicatorList(_ range: SourceRange) -> Diagnostic {
        error("E0307", "'capaian of indicators' can only be used inside weighted_mean or a list function such as "
              + "count, mean, min or max", range)
    }
    func unknownIndicatorPart(_ name: String, _ range: SourceRange) -> Diagnostic {
        error("E0308", "only 'capaian of indicators' is supported, not '\(name) of indicators'", range)
    }
    func invalidDate(_ text: String, _ range: SourceRange) -> Diagnostic {
        error("E0309", "'\(text)' is not a calendar date", range)
    }
    func invalidNumber(_ text: String, _ range: SourceRange) -> Diagnostic {
        error("E0311", "the number '\(text)' is too large or too precise", range)
    }
    func unknownMember(_ member: String, of scale: Scale, _ range: SourceRange, suggestion: String?) -> Diagnostic {
        error("E0312", "'\(member)' is not a member of scale '\(scale.qualifiedName)'", range,
              hint: suggestion.map { "did you mean '\($0)'?" }
                ?? "members: \(scale.members.map(\.name).joined(separator: ", "))")
    }

    // MARK: - Bands, matrices, tables (E04xx)

    func bandOutOfOrder(_ arm: String, after previous: String, _ range: SourceRange) -> Diagnostic {
        error("E0401", "threshold '\(arm)' is out of order after '\(previous)'", range,
              hint: "arms are tried from top to bottom; put '\(arm)' before '\(previous)'")
    }
    func bandGap(_ description: String, _ range: SourceRange) -> Diagnostic {
        error("E0402", "no arm covers \(description)", range, hint: "add an arm, or 'otherwise -> …' at the end")
    }
    func bandOverlap(_ arm: String, _ range: SourceRange) -> Diagnostic {
        error("E0403", "range '\(arm)' overlaps an earlier arm", range)
    }
    func bandParameter(_ type: ValueType, _ range: SourceRange) -> Diagnostic {
        error("E0404", "bands need a number, percent or duration parameter, found \(type.name)", range)
    }
    func matrixParameter(_ type: ValueType, _ range: SourceRange) -> Diagnostic {
        error("E0405", "a matrix needs scale parameters, found \(type.name)", range)
    }
    func missingMember(_ kind: String, _ member: String, _ range: SourceRange) -> Diagnostic {
        error("E0406", "the matrix has no \(kind) for '\(member)'", range)
    }
    func repeatedMember(_ kind: String, _ member: String, _ range: SourceRange) -> Diagnostic {
        error("E0407", "the matrix names \(kind) '\(member)' twice", range)
    }
    func cellCount(expected: Int, found: Int, _ range: SourceRange) -> Diagnostic {
        error("E0408", "the row has \(Self.count(found, "cell")), expected \(expected)", range)
    }
    func tableParameter(_ type: ValueType, _ range: SourceRange) -> Diagnostic {
        error("E0409", "table inputs must be scales or booleans, found \(type.name)", range)
    }
    func tableUncovered(_ combination: String, count: Int, _ range: SourceRange) -> Diagnostic {
        let more = count > 1 ? " and \(count - 1) more combination\(count > 2 ? "s" : "")" : ""
        return error("E0410", "no rule matches (\(combination))\(more)", range)
    }
    func tableOverlap(_ combination: String, rules: (Int, Int), _ range: SourceRange) -> Diagnostic {
        error("E0411", "rules \(rules.0) and \(rules.1) both match (\(combination))", range,
              hint: "each combination must match exactly one rule")
    }
    func patternCount(expected: Int, found: Int, _ range: SourceRange) -> Diagnostic {
        error("E0412", "the rule has \(Self.count(found, "pattern")), expected \(expected)", range)
    }
    func tooManyCombinations(_ count: Int, _ range: SourceRange) -> Diagnostic {
        error("E0413", "the table has \(count) combinations of inputs; at most 4096 are supported", range)
    }

    // MARK: - Indicators, records, outputs (E05xx)

    func missingClause(_ clause: String, _ indicator: String, _ range: SourceRange) -> Diagnostic {
        error("E0501", "indicator '\(indicator)' has no '\(clause)'", range)
    }
    func repeatedClause(_ clause: String, _ range: SourceRange) -> Diagnostic {
        error("E0502", "'\(clause)' is given more than once", range)
    }
    func invalidWeight(_ range: SourceRange) -> Diagnostic {
        error("E0503", "a weight must be a positive constant number", range)
    }
    func outputWithoutValue(_ name: String, _ range: SourceRange) -> Diagnostic {
        error("E0505", "output '\(name)' names no value", range, hint: "write '\(name) = expression'")
    }
    func invalidScoreRange(_ range: SourceRange) -> Diagnostic {
        error("E0506", "a score range must go from a lower to a higher number", range)
    }

    func keyInOutput(_ name: String, _ range: SourceRange) -> Diagnostic {
        error("E0507", "the key '\(name)' is written first in every result already", range,
              hint: "remove '\(name)' from the output")
    }
    func overrideWithoutBase(_ name: String, _ range: SourceRange) -> Diagnostic {
        error("E0218", "'override' of '\(name)' in a policy that extends none", range,
              hint: "add 'extends NAME' to the header, or remove 'override'")
    }

    /// "1 cell", "3 cells".
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    // MARK: - Warnings (W01xx)

    func weightsNotHundred(_ sum: Number, _ range: SourceRange) -> Diagnostic {
        warning("W0101", "indicator weights sum to \(sum), not 100", range,
                hint: "weights are re-normalised, but a sum of 100 is easier to read")
    }
    func indicatorsUnused(_ range: SourceRange) -> Diagnostic {
        warning("W0102", "indicators are declared but 'capaian of indicators' is never used", range)
    }
    func unreachableArm(_ arm: String, _ range: SourceRange) -> Diagnostic {
        warning("W0103", "arm '\(arm)' can never match: earlier arms cover all its values", range)
    }
    func percentVersusNumber(_ literal: String, _ range: SourceRange) -> Diagnostic {
        warning("W0104", "comparing a percent with the plain number '\(literal)'", range,
                hint: "did you mean '\(literal)%'?")
    }
    func unusedValue(_ name: String, _ range: SourceRange) -> Diagnostic {
        warning("W0105", "value '\(name)' is never used", range)
    }
    func partNotYetKnown(_ part: String, clause: String, _ range: SourceRange) -> Diagnostic {
        warning("W0106", "'\(part)' has no value yet in '\(clause)': it is always absent there", range,
                hint: "'target', 'capaian' and 'cap' run after 'actual'; 'capaian' and 'cap' after 'target'")
    }
}
