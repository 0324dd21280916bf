/// Finds the source of a rules library or policy by name. The checker only ever asks by name, so what a
/// policy can reach is decided entirely by the loader (the CLI confines it to the configured folders).
public struct ModuleLoader: Sendable {
    public var load: @Sendable (FileKind, String) -> SourceFile?

    public init(load: @escaping @Sendable (FileKind, String) -> SourceFile?) {
        self.load = load
    }

    /// A loader that finds nothing: for checking a single file that uses no other.
    public static let none = ModuleLoader { _, _ in nil }
}

/// The outcome of checking one file: the checked policy (for a policy without errors) and all diagnostics.
public struct CheckResult: Sendable {
    public var kind: FileKind?
    public var name: String?
    public var policy: CheckedPolicy?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// A declaration together with the file it was written in.
struct SourcedDeclaration {
    var declaration: Declaration
    var path: String
    /// For an indicator merged by `override`: the file of each clause, in order (clauses kept from the base were
    /// written in the base's file).
    var clausePaths: [String]?
}

/// A parsed file with the declarations of its `extends` chain merged in.
struct MergedModule {
    var syntax: SyntaxFile
    var path: String
    var declarations: [SourcedDeclaration]
    var uses: [(name: String, range: SourceRange, path: String)]
    var metadata: PolicyMetadata
}
