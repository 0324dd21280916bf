/// The methods about files rather than records: `describe`, `check`, `list`, `reload` and `version`.
extension Service {
    /// `describe`: `{"format":"markdown","text":"…"}`; `format` is `markdown` (default) or `text`.
    mutating func describe(_ params: DataValue?) throws(ServiceError) -> [UInt8] {
        let params = try RequestParameters(params, allowed: Self.policyParameters + ["format"])
        let formatName = try params.string("format") ?? PolicyDescription.Format.markdown.rawValue
        guard let format = PolicyDescription.Format(rawValue: formatName) else {
            throw .invalidParams("'format' must be 'markdown' or 'text', not '\(formatName)'", parameter: "format")
        }
        let compiled = try policy(params)
        var object = JSONObjectWriter()
        object.string("format", format.rawValue)
        object.string("text", PolicyDescription(policy: compiled.policy).render(format))
        return object.bytes
    }

    /// `check`: the diagnostics of source text, as `kinerja check --format json` writes them, with counts.
    func check(_ params: DataValue?) throws(ServiceError) -> [UInt8] {
        let params = try RequestParameters(params, allowed: ["source", "path"])
        let text = try params.required("source", RequestParameters.string)
        var loader = PolicyLoader(root: root)
        let diagnostics = loader.check(SourceFile(path: try params.string("path") ?? Self.requestPath, text: text))
            .diagnostics
        var list: [UInt8] = []
        loader.appendJSON(diagnostics, to: &list)
        var object = JSONObjectWriter()
        object.integer("errors", diagnostics.count { $0.severity == .error })
        object.integer("warnings", diagnostics.count { $0.severity == .warning })
        object.raw("diagnostics", list)
        return object.bytes
    }

    /// `list`: the policies and rule libraries of the root, by name, with their labels and paths.
    func list(_ params: DataValue?) throws(ServiceError) -> [UInt8] {
        _ = try RequestParameters(params, allowed: [])
        var object = JSONObjectWriter()
        object.raw("policies", modules(.policy))
        object.raw("rules", modules(.rules))
        return object.bytes
    }

    /// `[{"name":…,"label":…,"path":…}]` for the files a name can reach: `Policies/NAME.policy` or `Rules/NAME.rules`
    /// directly in their folder, resolving inside the root (a symbolic link out of it is left out, never read).
    private func modules(_ kind: FileKind) -> [UInt8] {
        let workspace = cache.workspace
        let folder = kind == .policy ? "Policies" : "Rules"
        let suffix = "." + kind.rawValue
        let files = FileSystem.entries(of: "\(root)/\(folder)").compactMap { entry -> (name: String, source: SourceFile)? in
            guard entry.hasSuffix(suffix) else { return nil }
            let name = String(entry.dropLast(suffix.count))
            guard let source = (try? workspace.source(of: kind, named: name)) ?? nil else { return nil }
            return (name, source)
        }
        var buffer: [UInt8] = []
        JSONObjectWriter.appendArray(files, to: &buffer) { file, buffer in
            let (name, source) = file
            let label = Parser.parse(source).file?.label?.value
            var entry = JSONObjectWriter()
            entry.string("name", name)
            entry.optionalString("label", label)
            entry.string("path", "\(folder)/\(name).\(kind.rawValue)")
            buffer.append(contentsOf: entry.bytes)
        }
        return buffer
    }

    /// `reload`: re-reads every policy compiled so far; `{"reloaded":[…],"failed":[{"policy":…,"error":{…}}]}`.
    mutating func reload(_ params: DataValue?) throws(ServiceError) -> [UInt8] {
        _ = try RequestParameters(params, allowed: [])
        let report = cache.reload()
        var failed: [UInt8] = []
        JSONObjectWriter.appendArray(report.failed, to: &failed) { failure, buffer in
            var entry = JSONObjectWriter()
            entry.string("policy", failure.name)
            entry.raw("error", failure.error.json)
            buffer.append(contentsOf: entry.bytes)
        }
        var object = JSONObjectWriter()
        object.strings("reloaded", report.reloaded)
        object.raw("failed", failed)
        return object.bytes
    }

    /// `version`: `{"name":"kinerja","version":…,"methods":[…]}`.
    func version(_ params: DataValue?) throws(ServiceError) -> [UInt8] {
        _ = try RequestParameters(params, allowed: [])
        var object = JSONObjectWriter()
        object.string("name", "kinerja")
        object.string("version", CLI.version)
        object.strings("methods", Self.methods)
        return object.bytes
    }
}
