import Foundation

/// Runs the built `kinerja` executable the way a user or a CI pipeline does, and collects what it printed.
struct KinerjaProcess {
    struct Outcome: Equatable {
        var status: Int32
        var output: String
        var error: String
    }

    /// The repository root, the working directory of every run.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The executable next to the test bundle (`.build/<configuration>/kinerja`).
    static let executable: URL = {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("kinerja"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kinerja"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kinerja"),
            repository.appendingPathComponent(".build/debug/kinerja"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// Runs `kinerja arguments…` with `input` on standard input and waits for it to end.
    static func run(_ arguments: [String], input: String = "", in directory: URL = repository) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        // Standard input and error go through files, so neither side can block on a full pipe.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kinerja-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputFile = scratch.appendingPathComponent("stdin")
        let errorFile = scratch.appendingPathComponent("stderr")
        try Data(input.utf8).write(to: inputFile)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let stdout = Pipe()
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = try Data(contentsOf: errorFile)
        return Outcome(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                       error: String(decoding: errorData, as: UTF8.self))
    }
}
