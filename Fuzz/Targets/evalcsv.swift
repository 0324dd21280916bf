@testable import KinerjaCore

/// Fuzz target `evalcsv`: any bytes as a CSV file of records for the compiled Plaju policy (see `EvalFuzz`).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: FuzzArguments) -> CInt {
    Fuzz.prepare { _ = (EvalFuzz.evaluator, EvalFuzz.writer) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    EvalFuzz.checkBothWays(Array(UnsafeBufferPointer(start: data, count: size)), format: .csv)
    return 0
}
