import Foundation
@testable import KinerjaCore

/// What every fuzz target shares: how a broken invariant is reported, where the repository's files are, and an
/// independent model of which lines of JSON Lines input are records.
///
/// A broken invariant must stop the process so that libFuzzer records the input: `fuzzFailure` prints the reason
/// and calls `fatalError`, which libFuzzer reports as a deadly signal.
enum Fuzz {
    /// The repository root: `KINERJA_REPO` when set (run.sh sets it), else the folder two levels above this file.
    static let repository: String = {
        if let root = ProcessInfo.processInfo.environment["KINERJA_REPO"], !root.isEmpty { return root }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// A file of the repository, read once; a missing file stops the harness (it is a setup error, not a finding).
    static func repositoryFile(_ path: String) -> [UInt8] {
        let full = repository + "/" + path
        guard let data = FileManager.default.contents(atPath: full) else {
            fatalError("fuzz harness: cannot read \(full); set KINERJA_REPO to the repository root")
        }
        return [UInt8](data)
    }

    static let nasional = SourceFile(path: "Rules/nasional.rules", bytes: repositoryFile("Rules/nasional.rules"))
    static let plaju = SourceFile(path: "Policies/plaju.policy", bytes: repositoryFile("Policies/plaju.policy"))

    /// A loader that knows only the fixed copies of `nasional` (rules) and `plaju` (policy).
    static let loader = ModuleLoader { kind, name in
        switch (kind, name) {
        case (.rules, "nasional"): return nasional
        case (.policy, "plaju"): return plaju
        default: return nil
        }
    }

    /// The checked Plaju policy, for the evaluation target.
    static let plajuPolicy: CheckedPolicy = {
        guard let policy = Checker.check(plaju, loader: loader).policy else {
            fatalError("fuzz harness: Policies/plaju.policy does not check")
        }
        return policy
    }()

    /// The 1-based numbers of the lines a JSON Lines reader must turn into records (with the default limits): a
    /// leading UTF-8 BOM is dropped, lines end at `\n`, and a line holding only spaces, tabs and `\r` is blank.
    static func jsonLinesRecordLines(_ bytes: [UInt8]) -> [Int] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var lines: [Int] = []
        var number = 1
        var blank = true
        var hasContent = false
        for byte in body {
            if byte == UInt8(ascii: "\n") {
                if !blank { lines.append(number) }
                number += 1
                blank = true
                hasContent = false
                continue
            }
            hasContent = true
            if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") { blank = false }
        }
        if hasContent && !blank { lines.append(number) }
        return lines
    }

    /// Runs `body` (which builds the target's shared state once) with LeakSanitizer looking away. The checked
    /// policies kept in globals hold their trees through enum payloads whose pointers carry tag bits, which
    /// LeakSanitizer does not recognise, so it would report them as leaked; memory left over by an input is still
    /// reported.
    static func prepare(_ body: () -> Void) {
        lsanDisable()
        body()
        lsanEnable()
    }

    /// Whether `bytes` are well-formed UTF-8.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }
}

/// Stops the process with `message` when `condition` is false, so that libFuzzer keeps the input.
func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
               file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fuzzFailure(message(), file: file, line: line) }
}

/// Prints why the input broke an invariant, then crashes.
func fuzzFailure(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    FileHandle.standardError.write(Data("\nFUZZ INVARIANT BROKEN: \(message)\n".utf8))
    fatalError(message, file: file, line: line)
}

@_silgen_name("__lsan_disable") private func lsanDisable()
@_silgen_name("__lsan_enable") private func lsanEnable()

/// The arguments of `LLVMFuzzerInitialize`.
public typealias FuzzArguments = UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>

/// Every record of `source`, checking that reading ends and stays ended.
func readAll(_ format: DataFormat, _ source: ByteSource, _ limits: DataLimits) -> [DataRecord] {
    var reader = RecordReader(format: format, source: source, limits: limits)
    var records: [DataRecord] = []
    while let record = reader.next() {
        records.append(record)
        fuzzCheck(records.count <= 1_000_000, "reader does not end")
    }
    fuzzCheck(reader.next() == nil, "reader gives a record after its end")
    return records
}

/// Records are numbered 1, 2, … and their lines never go backwards; error messages are valid text.
func checkNumbering(_ records: [DataRecord]) {
    var previousLine = 0
    for (index, record) in records.enumerated() {
        fuzzCheck(record.number == index + 1, "record \(index + 1) is numbered \(record.number)")
        fuzzCheck(record.line >= max(1, previousLine), "record \(record.number) on line \(record.line) after \(previousLine)")
        previousLine = record.line
        if case .failure(let error) = record.content {
            fuzzCheck(error.line >= 1 && (error.column ?? 1) >= 1, "error at \(error.line):\(error.column ?? 0)")
        }
    }
}
