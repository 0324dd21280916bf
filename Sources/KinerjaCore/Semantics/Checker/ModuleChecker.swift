/// Checks the merged declarations of one rules library or policy. Values and indicators are checked on
/// demand, so declarations may come in any order; the order in which checking finishes is the evaluation plan.
struct ModuleChecker {
    let module: MergedModule
    let libraries: [String: LibraryContent]
    let sources: [String: SourceFile]
    var diagnostics = Diagnostics()
    /// The file of the declaration being checked; diagnostics point into it.
    var path: String

    var scales: [String: Scale] = [:]
    var functions: [String: FunctionReference] = [:]
    var bands: [CheckedBands] = []
    var matrices: [CheckedMatrix] = []
    var tables: [CheckedTable] = []
    var record = RecordSchema(fields: [], keyIndex: nil)

    var indicatorSyntax: [(declaration: IndicatorDeclaration, path: String, clausePaths: [String], range: SourceRange)] = []
    var indicatorIndex: [String: Int] = [:]
    var indicatorState: [CheckState] = []
    var checkedIndicators: [CheckedIndicator?] = []

    var valueSyntax: [(name: Identifier, label: StringLiteral?, expression: Expression, path: String)] = []
    var valueIndex: [String: Int] = [:]
    var valueState: [CheckState] = []
    var checkedValues: [CheckedValue?] = []
    var usedValues: Set<Int> = []
    var indicatorsUsed = false
    /// The types of `actual` and `target` of the indicator being checked, each once its clause is checked.
    var currentIndicatorPartTypes: [IndicatorPart: ValueType] = [:]
    /// The clause of the indicator being checked (`applies`, `actual`, ...).
    var currentIndicatorClause = ""

    var plan: [EvaluationStep] = []
    var checkingStack: [String] = []
    var declarationRanges: [String: SourceRange] = [:]

    enum CheckState {
        case unchecked
        case checking
        case done
    }

    init(module: MergedModule, libraries: [String: LibraryContent], sources: [String: SourceFile]) {
        self.module = module
        self.libraries = libraries
        self.sources = sources
        self.path = module.path
    }

    var messages: CheckerMessages { CheckerMessages(path: path) }

    /// The source text of an expression, as written, for explanations.
    func sourceText(_ expression: Expression) -> String {
        sources[path]?.text(of: expression.range) ?? expression.shortText
    }

    // MARK: - Entry

    /// Checks everything; returns the policy when the module is a policy (errors are in `diagnostics`).
    mutating func run() -> CheckedPolicy? {
        collectNames()
        for item in module.declarations {
            path = item.path
            switch item.declaration.kind {
            case .scale, .value, .output, .indicator, .recommend: break
            case .bands(let declaration): checkBands(declaration)
            case .matrix(let declaration): checkMatrix(declaration)
            case .table(let declaration): checkTable(declaration)
            case .record(let declaration): checkRecord(declaration)
            }
        }
        // The parser rejects policy-only declarations in rules files.
        guard module.syntax.kind == .policy else { return nil }
        if !module.declarations.contains(where: { if case .record = $0.declaration.kind { true } else { false } }) {
            path = module.path
            diagnostics.append(messages.missingRecord(module.syntax.name.range))
        }
        for index in indicatorSyntax.indices { checkIndicator(index) }
        for index in valueSyntax.indices { _ = checkValue(index) }
        let outputs = checkOutputs()
        let recommendations = checkRecommendations()
        warnAboutUse()
        return CheckedPolicy(
            name: module.syntax.name.name, label: module.syntax.label?.value, metadata: module.metadata,
            record: record, indicators: checkedIndicators.compactMap { $0 },
            values: checkedValues.compactMap { $0 }, plan: plan, outputs: outputs,
            recommendations: recommendations, bands: bands, matrices: matrices, tables: tables)
    }

    /// The scales and functions of a checked rules library.
    func exportedLibrary(name: String) -> LibraryContent {
        var content = LibraryContent()
        content.scales = scales
        for (functionName, reference) in functions where !functionName.contains(".") {
            content.signatures[functionName] = reference.signature
            switch reference.signature.kind {
            case .bands: content.bands[functionName] = bands[reference.index]
            case .matrix: content.matrices[functionName] = matrices[reference.index]
            case .table: content.tables[functionName] = tables[reference.index]
            }
        }
        return content
    }

    // MARK: - Names

    private mutating func collectNames() {
        for item in module.declarations {
            path = item.path
            let declaration = item.declaration
            if let name = declaration.name {
                let key = declaration.namespaceKey(name.name)
                if let first = declarationRanges[key] {
                    diagnostics.append(messages.duplicateDeclaration(name.name, name.range, first: first))
                    continue
                }
                declarationRanges[key] = name.range
            }
            switch declaration.kind {
            case .scale(let scale): declareScale(scale)
            case .indicator(let indicator):
                indicatorIndex[indicator.name.name] = indicatorSyntax.count
                let clausePaths = item.clausePaths ?? Array(repeating: item.path, count: indicator.clauses.count)
                indicatorSyntax.append((indicator, item.path, clausePaths, declaration.range))
                indicatorState.append(.unchecked)
                checkedIndicators.append(nil)
            case .value(let value):
                declareValue(value.name, value.label, value.expression, path: item.path)
            case .output(let output):
                for entry in output.entries {
                    guard let expression = entry.expression else { continue }
                    if let first = declarationRanges["value " + entry.name.name] {
                        diagnostics.append(messages.duplicateDeclaration(entry.name.name, entry.name.range,
                                                                         first: first))
                        continue
                    }
                    declarationRanges["value " + entry.name.name] = entry.name.range
                    declareValue(entry.name, entry.label, expression, path: item.path)
                }
            case .bands, .matrix, .table, .record, .recommend: break
            }
        }
    }

    private mutating func declareValue(_ name: Identifier, _ label: StringLiteral?, _ expression: Expression,
                                       path: String) {
        valueIndex[name.name] = valueSyntax.count
        valueSyntax.append((name, label, expression, path))
        valueState.append(.unchecked)
        checkedValues.append(nil)
    }

    private mutating func declareScale(_ declaration: ScaleDeclaration) {
        var members: [ScaleMember] = []
        var seen: [String: SourceRange] = [:]
        for member in declaration.members {
            if let first = seen[member.name.name] {
                diagnostics.append(messages.duplicateDeclaration(member.name.name, member.name.range, first: first))
                continue
            }
            seen[member.name.name] = member.name.range
            members.append(ScaleMember(name: member.name.name, label: member.label?.value))
        }
        let qualified = module.syntax.kind == .rules
            ? "\(module.syntax.name.name).\(declaration.name.name)" : declaration.name.name
        scales[declaration.name.name] = Scale(qualifiedName: qualified, label: declaration.label?.value,
                                              members: members)
    }

    // MARK: - Record

    private mutating func checkRecord(_ declaration: RecordDeclaration) {
        var fields: [RecordField] = []
        var seen: [String: SourceRange] = [:]
        var keyIndex: Int?
        for field in declaration.fields {
            if let first = seen[field.name.name] {
                diagnostics.append(messages.duplicateDeclaration(field.name.name, field.name.range, first: first))
                continue
            }
            seen[field.name.name] = field.name.range
            guard let type = resolveType(field.type) else { continue }
            if field.isKey {
                if keyIndex != nil {
                    diagnostics.append(messages.recordProblem("only one field can be the key", field.range))
                } else if type != .text {
                    diagnostics.append(messages.recordProblem("the key field must be text", field.range))
                } else if field.isOptional {
                    diagnostics.append(messages.recordProblem("the key field cannot be optional", field.range))
                } else {
                    keyIndex = fields.count
                }
            }
            fields.append(RecordField(name: field.name.name, label: field.label?.value, type: type,
                                      isOptional: field.isOptional))
        }
        record = RecordSchema(fields: fields, keyIndex: keyIndex)
    }

    /// Resolves a written type; reports and returns nil when it names nothing.
    mutating func resolveType(_ type: TypeExpression) -> FieldType? {
        switch type.kind {
        case .text: return .text
        case .number: return .number
        case .integer: return .integer
        case .count: return .count
        case .boolean: return .boolean
        case .date: return .date
        case .percent: return .percent
        case .score(let lower, let upper):
            guard let low = numberValue(lower), let high = numberValue(upper) else { return nil }
            guard low < high else {
                diagnostics.append(messages.invalidScoreRange(type.range))
                return nil
            }
            return .score(lower: low, upper: high)
        case .duration(let unit):
            // The parser accepts only the unit names DurationUnit knows.
            return DurationUnit(spelling: unit.name).map { .duration($0) }
        case .list(let element):
            return resolveType(element).map { .list($0) }
        case .named(let name):
            guard let scale = lookUpScale(name.name) else {
                let candidates = Array(scales.keys) + libraries.flatMap { library in
                    library.value.scales.keys.map { "\(library.key).\($0)" }
                }
                diagnostics.append(messages.unknownType(name.name, name.range,
                                                        suggestion: Spelling.closest(to: name.name, in: candidates)))
                return nil
            }
            return .scale(scale)
        }
    }

    func lookUpScale(_ name: String) -> Scale? {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2 { return libraries[parts[0]]?.scales[parts[1]] }
        return scales[name]
    }

    /// The exact value of a number literal without unit (score ranges, percentile arguments).
    mutating func numberValue(_ literal: NumberLiteral) -> Number? {
        guard let value = try? Number.parse(Substring(literal.text)) else {
            diagnostics.append(messages.invalidNumber(literal.text, literal.range))
            return nil
        }
        return value
    }
}

extension Declaration {
    /// Names of values, functions and scales must be unique within their own kind of name.
    func namespaceKey(_ name: String) -> String {
        switch kind {
        case .scale: "scale " + name
        case .bands, .matrix, .table: "function " + name
        case .indicator: "indicator " + name
        case .value: "value " + name
        case .recommend: "recommend " + name
        case .record, .output: kindName
        }
    }
}
