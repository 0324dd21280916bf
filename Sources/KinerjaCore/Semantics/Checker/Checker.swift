/// Checks rules and policy files: resolves names, `uses` and `extends`, infers types and units, analyses bands,
/// matrices and tables, and builds the `CheckedPolicy` the runtime evaluates. Problems are collected as
/// diagnostics, never thrown, so one run reports all of them.
public enum Checker {
    /// Checks one file. For a policy without errors the result holds the checked policy.
    public static func check(_ source: SourceFile, loader: ModuleLoader) -> CheckResult {
        var session = CheckSession(loader: loader)
        return session.check(source, chain: [])
    }
}

/// State shared while one file and the files it reaches are checked: the loader and the libraries already
/// checked, so a library used twice is checked once.
struct CheckSession {
    let loader: ModuleLoader
    var libraries: [String: LibraryContent] = [:]
    var libraryFailures: Set<String> = []
    /// Every file read so far, by path, so checked policies can quote their own conditions.
    var sources: [String: SourceFile] = [:]

    init(loader: ModuleLoader) {
        self.loader = loader
    }

    mutating func check(_ source: SourceFile, chain: [String]) -> CheckResult {
        checkModule(source, chain: chain).result
    }

    /// Checks a file and also hands back its merged declarations, so that a policy extending it need not parse and
    /// merge it again.
    mutating func checkModule(_ source: SourceFile, chain: [String]) -> (result: CheckResult, module: MergedModule?) {
        sources[source.path] = source
        let parsed = Parser.parse(source)
        guard let file = parsed.file else {
            return (CheckResult(kind: nil, name: nil, policy: nil, diagnostics: parsed.diagnostics), nil)
        }
        var diagnostics = Diagnostics()
        diagnostics.append(contentsOf: parsed.diagnostics)
        if parsed.diagnostics.contains(where: { $0.severity == .error }) {
            return (CheckResult(kind: file.kind, name: file.name.name, policy: nil, diagnostics: diagnostics.sorted), nil)
        }
        let messages = CheckerMessages(path: source.path)
        guard let module = merge(file, path: source.path, chain: chain, messages: messages, into: &diagnostics) else {
            return (CheckResult(kind: file.kind, name: file.name.name, policy: nil, diagnostics: diagnostics.sorted), nil)
        }
        var imported: [String: LibraryContent] = [:]
        for use in module.uses where imported[use.name] == nil {
            let useMessages = CheckerMessages(path: use.path)
            if let library = library(use.name, range: use.range, chain: chain + [file.name.name],
                                     messages: useMessages, into: &diagnostics) {
                imported[use.name] = library
            }
        }
        // Without its libraries every use of their names would be reported again: stop at the first cause.
        if imported.count < Set(module.uses.map(\.name)).count {
            return (CheckResult(kind: file.kind, name: file.name.name, policy: nil, diagnostics: diagnostics.sorted),
                    module)
        }
        var checker = ModuleChecker(module: module, libraries: imported, sources: sources)
        let policy = checker.run()
        diagnostics.append(contentsOf: checker.diagnostics.items)
        let usable = diagnostics.hasErrors ? nil : policy
        return (CheckResult(kind: file.kind, name: file.name.name, policy: usable, diagnostics: diagnostics.sorted),
                module)
    }

    /// Loads, checks and caches a rules library; reports at `range` when it is missing or broken.
    mutating func library(
        _ name: String, range: SourceRange, chain: [String], messages: CheckerMessages,
        into diagnostics: inout Diagnostics
    ) -> LibraryContent? {
        if let cached = libraries[name] { return cached }
        if chain.contains(name) {
            diagnostics.append(messages.circularModules(chain + [name], range))
            return nil
        }
        if libraryFailures.contains(name) {
            diagnostics.append(messages.moduleHasErrors(name, range))
            return nil
        }
        guard let source = loader.load(.rules, name) else {
            diagnostics.append(messages.unknownModule(.rules, name, range))
            return nil
        }
        let parsed = Parser.parse(source)
        guard let file = parsed.file, !parsed.diagnostics.contains(where: { $0.severity == .error }),
              file.kind == .rules else {
            libraryFailures.insert(name)
            diagnostics.append(messages.moduleHasErrors(name, range))
            return nil
        }
        var libraryDiagnostics = Diagnostics()
        guard let module = merge(file, path: source.path, chain: chain, messages: CheckerMessages(path: source.path),
                                 into: &libraryDiagnostics) else {
            libraryFailures.insert(name)
            diagnostics.append(messages.moduleHasErrors(name, range))
            return nil
        }
        var imported: [String: LibraryContent] = [:]
        for use in module.uses where imported[use.name] == nil {
            if let nested = library(use.name, range: use.range, chain: chain + [name],
                                    messages: CheckerMessages(path: use.path), into: &libraryDiagnostics) {
                imported[use.name] = nested
            }
        }
        var checker = ModuleChecker(module: module, libraries: imported, sources: sources)
        _ = checker.run()
        libraryDiagnostics.append(contentsOf: checker.diagnostics.items)
        if libraryDiagnostics.hasErrors {
            libraryFailures.insert(name)
            diagnostics.append(Self.failure(of: name, libraryDiagnostics.items, at: range, messages: messages))
            return nil
        }
        let content = checker.exportedLibrary(name: name)
        libraries[name] = content
        return content
    }

    /// The diagnostic for using a file that has errors. A cycle is the using file's problem too, so it is
    /// reported where the using file starts it, not only as "has errors".
    static func failure(of name: String, _ found: [Diagnostic], at range: SourceRange,
                        messages: CheckerMessages) -> Diagnostic {
        guard var cycle = found.first(where: { $0.code == CheckerMessages.circularCode }) else {
            return messages.moduleHasErrors(name, range)
        }
        cycle.path = messages.path
        cycle.range = range
        return cycle
    }

    /// Merges a file with the chain of policies it extends; returns nil when the chain cannot be built.
    mutating func merge(
        _ file: SyntaxFile, path: String, chain: [String], messages: CheckerMessages,
        into diagnostics: inout Diagnostics
    ) -> MergedModule? {
        var metadata = PolicyMetadata()
        var uses: [(name: String, range: SourceRange, path: String)] = []
        var base: MergedModule?
        var ok = true
        for clause in file.metadata {
            switch clause.kind {
            case .source(let text): metadata.sources.append(text.value)
            case .owner(let text): metadata.owner = text.value
            case .version(let text): metadata.version = text.value
            case .description(let text): metadata.description = text.value
            case .effective(let from, let to):
                metadata.effectiveFrom = from.text
                metadata.effectiveTo = to.text
                for date in [from, to] where CalendarDate.days(from: date.text) == nil {
                    diagnostics.append(messages.invalidDate(date.text, date.range))
                }
            case .uses(let names):
                for name in names {
                    metadata.uses.append(name.name)
                    uses.append((name.name, name.range, path))
                }
            case .period(let name):
                metadata.period = name.name  // the parser accepts only month, quarter, semester and year
            case .extends(let name):
                metadata.extends = name.name  // the parser accepts 'extends' in policies only
                base = extendedBase(name, chain: chain + [file.name.name], messages: messages, into: &diagnostics)
                if base == nil { ok = false }
            }
        }
        guard ok else { return nil }
        var declarations = base?.declarations ?? []
        if let base {
            uses = base.uses + uses
            if metadata.sources.isEmpty { metadata.sources = base.metadata.sources }
            metadata.period = metadata.period ?? base.metadata.period
            metadata.uses = base.metadata.uses + metadata.uses
            if !OverrideMerger.apply(file.declarations, path: path, to: &declarations, messages: messages,
                                     diagnostics: &diagnostics) {
                return nil
            }
        } else {
            for declaration in file.declarations where declaration.isOverride {
                diagnostics.append(messages.overrideWithoutBase(declaration.name?.name ?? declaration.kindName,
                                                                declaration.range))
            }
            declarations = file.declarations.filter { !$0.isOverride }
                .map { SourcedDeclaration(declaration: $0, path: path) }
        }
        return MergedModule(syntax: file, path: path, declarations: declarations, uses: uses, metadata: metadata)
    }

    private mutating func extendedBase(
        _ name: Identifier, chain: [String], messages: CheckerMessages, into diagnostics: inout Diagnostics
    ) -> MergedModule? {
        if chain.contains(name.name) {
            diagnostics.append(messages.circularModules(chain + [name.name], name.range))
            return nil
        }
        guard let source = loader.load(.policy, name.name) else {
            diagnostics.append(messages.unknownModule(.policy, name.name, name.range))
            return nil
        }
        let base = checkModule(source, chain: chain)
        guard !base.result.hasErrors, let module = base.module, module.syntax.kind == .policy else {
            diagnostics.append(Self.failure(of: name.name, base.result.diagnostics, at: name.range, messages: messages))
            return nil
        }
        return module
    }
}
