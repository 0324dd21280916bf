/// Copies in storage of their own, for what a worker thread's compiled program takes from the policy that all
/// workers share. Copying an array or a string out of it counts a reference in its storage: when two cores do that
/// for every record, they fight over one cache line, and that cost 5% of the time on plaju-q with 2 workers.
extension Array {
    var unshared: [Element] { map { $0 } }
}

extension Value {
    /// The value with its text and lists in storage of their own. A big number stays shared: constants never are
    /// one (literals fit `Number`), and it is never copied per record.
    var unshared: Value {
        switch self {
        case .text(let text): .text(text.unshared)
        case .list(let items): .list(items.map(\.unshared))
        case .numbers(let numbers): .numbers(numbers.unshared)
        default: self
        }
    }
}

extension String {
    var unshared: String { String(decoding: Array(utf8), as: UTF8.self) }
}

extension CheckedBandArm {
    var unshared: CheckedBandArm {
        CheckedBandArm(lower: lower, upper: upper, result: result.unshared, text: text.unshared)
    }
}
