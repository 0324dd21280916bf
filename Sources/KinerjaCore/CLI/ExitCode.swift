/// The exit codes of every command, documented in README.md.
public enum ExitCode: Int32, Sendable {
    /// Success.
    case success = 0
    /// The input was read but something failed: policy errors, failed tests, records with errors.
    case failure = 1
    /// A usage error or an unreadable file.
    case usage = 2
    /// The output could not be written (for example a closed pipe).
    case outputClosed = 3
}
