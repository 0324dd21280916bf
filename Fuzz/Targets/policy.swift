@testable import KinerjaCore

/// Fuzz target `policy`: any bytes as a policy, rules or test file. Parses, checks (with fixed copies of
/// `nasional` and `plaju` as the only modules), compiles what checks, renders every diagnostic in the three
/// styles, and formats: the formatted text must format again to exactly itself.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: FuzzArguments) -> CInt {
    Fuzz.prepare { _ = (Fuzz.nasional, Fuzz.plaju, Fuzz.loader) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let source = SourceFile(path: "fuzz.policy", bytes: bytes)
    let sources: (String) -> SourceFile? = { path in
        switch path {
        case source.path: source
        case Fuzz.nasional.path: Fuzz.nasional
        case Fuzz.plaju.path: Fuzz.plaju
        default: nil
        }
    }

    let parsed = Parser.parse(source)
    _ = DiagnosticRenderer.render(parsed.diagnostics, style: .text, sources: sources)

    let checked = Checker.check(source, loader: Fuzz.loader)
    for style in [DiagnosticRenderer.Style.text, .json, .github] {
        _ = DiagnosticRenderer.render(checked.diagnostics, style: style, sources: sources)
    }
    if let policy = checked.policy {
        fuzzCheck(!checked.hasErrors, "a policy came out of a check with errors")
        let program = Program(policy)
        _ = program.makeFrame()
    }

    switch Formatter.format(source) {
    case .syntaxErrors:
        break
    case .formatted(let once):
        switch Formatter.format(SourceFile(path: "fuzz.policy", text: once)) {
        case .syntaxErrors(let diagnostics):
            fuzzFailure("formatted text does not parse: \(diagnostics.map(\.message))\n--- formatted:\n\(once)")
        case .formatted(let twice):
            fuzzCheck(once == twice, "formatting is not idempotent\n--- once:\n\(once)\n--- twice:\n\(twice)")
        }
    }
    return 0
}
