@testable import KinerjaCore

/// Fuzz target `eval`: any bytes as JSON Lines records for the compiled Plaju policy (see `EvalFuzz`); besides,
/// one record per non-blank line.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: FuzzArguments) -> CInt {
    Fuzz.prepare { _ = (EvalFuzz.evaluator, EvalFuzz.writer) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let results = EvalFuzz.checkBothWays(bytes, format: .jsonl)
    let expectedLines = Fuzz.jsonLinesRecordLines(bytes)
    fuzzCheck(results.count == expectedLines.count, "\(results.count) records from \(expectedLines.count) non-blank lines")
    return 0
}
