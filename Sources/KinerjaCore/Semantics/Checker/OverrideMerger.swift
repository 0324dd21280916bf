/// Applies an extending policy's declarations to its base: new names are added, `override` replaces a base
/// declaration (an indicator clause by clause), and anything else is an error.
enum OverrideMerger {
    /// Returns false when a declaration could not be merged (the diagnostics say why).
    static func apply(
        _ declarations: [Declaration], path: String, to merged: inout [SourcedDeclaration],
        messages: CheckerMessages, diagnostics: inout Diagnostics
    ) -> Bool {
        var ok = true
        for declaration in declarations {
            let name = declaration.name
            let existing = name.flatMap { name in
                merged.firstIndex { $0.declaration.name?.name == name.name && $0.declaration.sameKind(as: declaration) }
            }
            let sourced = SourcedDeclaration(declaration: declaration, path: path)
            switch (declaration.isOverride, existing) {
            case (true, nil):
                diagnostics.append(messages.overrideOfUnknown(name?.name ?? declaration.kindName, declaration.range))
                ok = false
            case (true, let index?):
                merged[index] = overriding(merged[index], with: sourced)
            case (false, _?):
                if let name {
                    diagnostics.append(messages.redeclaredWithoutOverride(name.name, name.range))
                }
                ok = false
            case (false, nil):
                merged.append(sourced)
            }
        }
        return ok
    }

    private static func overriding(_ base: SourcedDeclaration, with new: SourcedDeclaration) -> SourcedDeclaration {
        guard case .indicator(let old) = base.declaration.kind, case .indicator(var replacement) = new.declaration.kind
        else { return new }
        // Clauses the override does not mention keep their base form; they are re-checked in the new context.
        let given = Set(replacement.clauses.map(\.kind.keyword))
        let oldPaths = base.clausePaths ?? Array(repeating: base.path, count: old.clauses.count)
        let kept = zip(old.clauses, oldPaths).filter { !given.contains($0.0.kind.keyword) }
        let paths = kept.map(\.1) + Array(repeating: new.path, count: replacement.clauses.count)
        replacement.clauses = kept.map(\.0) + replacement.clauses
        if replacement.label == nil { replacement.label = old.label }
        var declaration = new.declaration
        declaration.kind = .indicator(replacement)
        return SourcedDeclaration(declaration: declaration, path: new.path, clausePaths: paths)
    }
}

extension Declaration {
    /// The declared name; nil for `record` and `output`, which have none.
    var name: Identifier? {
        switch kind {
        case .scale(let scale): scale.name
        case .bands(let bands): bands.name
        case .matrix(let matrix): matrix.name
        case .table(let table): table.name
        case .indicator(let indicator): indicator.name
        case .value(let value): value.name
        case .recommend(let recommend): recommend.name
        case .record, .output: nil
        }
    }

    var kindName: String {
        switch kind {
        case .scale: "scale"
        case .bands: "bands"
        case .matrix: "matrix"
        case .table: "table"
        case .record: "record"
        case .indicator: "indicator"
        case .value: "value"
        case .output: "output"
        case .recommend: "recommend"
        }
    }

    func sameKind(as other: Declaration) -> Bool { kindName == other.kindName }
}

extension IndicatorClause.Kind {
    /// The clause's keyword, which identifies it within an indicator.
    var keyword: String {
        switch self {
        case .description: "description"
        case .source: "source"
        case .applies: "applies"
        case .actual: "actual"
        case .target: "target"
        case .better: "better"
        case .capaian: "capaian"
        case .cap: "cap"
        case .weight: "weight"
        }
    }
}
