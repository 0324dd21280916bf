/// What a number field of a record requires of its data and how the value is stored: whole, not negative, within
/// a score's range, percent points to a share, a duration to seconds. Shared by both ways of reading records.
enum NumberRule: Sendable {
    case plain
    case integer
    case count
    case score(lower: Number, upper: Number)
    case percent
    case duration(seconds: Int64)

    /// Why a number does not fit its field.
    enum Violation: Error {
        case notWhole
        case negative
        case outOfRange(Number, Number)
        case tooLarge
    }

    init(_ type: FieldType) {
        switch type {
        case .integer: self = .integer
        case .count: self = .count
        case .score(let lower, let upper): self = .score(lower: lower, upper: upper)
        case .percent: self = .percent
        case .duration(let unit): self = .duration(seconds: unit.seconds)
        case .number, .text, .boolean, .date, .scale, .list: self = .plain
        }
    }

    /// The stored form of a number read for this field, or why it does not fit.
    func apply(_ number: Number) -> Result<Number, Violation> {
        switch self {
        case .plain:
            return .success(number)
        case .integer, .count:
            guard number.isInteger else { return .failure(.notWhole) }
            if case .count = self, number < .zero { return .failure(.negative) }
            return .success(number)
        case .score(let lower, let upper):
            return number >= lower && number <= upper ? .success(number) : .failure(.outOfRange(lower, upper))
        case .percent:
            return (try? number.multiplied(byPowerOfTen: -2)).map(Result.success) ?? .failure(.tooLarge)
        case .duration(let seconds):
            return (try? number.multiplied(by: Number(seconds))).map(Result.success) ?? .failure(.tooLarge)
        }
    }
}
