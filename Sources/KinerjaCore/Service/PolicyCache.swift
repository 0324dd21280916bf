/// The policies of the root's `Policies/` folder, checked and compiled on first use and then kept by name, so
/// a request never re-reads or re-compiles a policy. `reload` re-reads them all; a policy that no longer checks
/// keeps its last good version in force.
struct PolicyCache {
    let workspace: Workspace
    /// The limits the compiled policies evaluate records under.
    let limits: DataLimits
    private var policies: [String: CompiledPolicy] = [:]

    init(root: String, limits: DataLimits) {
        workspace = Workspace(root: root)
        self.limits = limits
    }

    /// The compiled policy named `name`, loaded on first use.
    mutating func policy(named name: String) throws(ServiceError) -> CompiledPolicy {
        if let cached = policies[name] { return cached }
        let compiled = try load(name)
        policies[name] = compiled
        return compiled
    }

    /// What `reload` did: the policies now in force from their files, and those that kept their previous version.
    struct ReloadReport {
        var reloaded: [String] = []
        var failed: [(name: String, error: ServiceError)] = []
    }

    /// Re-reads and re-checks every policy in the cache, in name order.
    mutating func reload() -> ReloadReport {
        var report = ReloadReport()
        for name in policies.keys.sorted() {
            do throws(ServiceError) {
                policies[name] = try load(name)
                report.reloaded.append(name)
            } catch {
                report.failed.append((name, error))
            }
        }
        return report
    }

    private func load(_ name: String) throws(ServiceError) -> CompiledPolicy {
        guard Workspace.isPlainName(name) else {
            throw .invalidParams("'policy' must be the name of a policy in Policies/, such as 'plaju'",
                                 parameter: "policy")
        }
        let source: SourceFile?
        do throws(FileSystem.ReadError) { source = try workspace.source(of: .policy, named: name) } catch {
            throw .unreadable(error)
        }
        guard let source else {
            throw .policyNotFound(name, file: FileSystem.displayPath(workspace.path(of: .policy, named: name)))
        }
        return try CompiledPolicy.compile(source, name: name, root: workspace.root, limits: limits)
    }
}
