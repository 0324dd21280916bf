/// A unit of time that durations are written and stored in; values are kept exactly, in seconds.
public enum DurationUnit: String, Sendable, CaseIterable, Hashable {
    case second = "s"
    case minute = "min"
    case hour = "h"
    case day = "day"

    /// How many seconds one unit holds.
    public var seconds: Int64 {
        switch self {
        case .second: 1
        case .minute: 60
        case .hour: 3600
        case .day: 86400
        }
    }

    /// The unit for a spelling, English or Indonesian (`min`, `menit`, `jam`, `hari`, …).
    public init?(spelling: String) {
        switch spelling {
        case "s", "detik": self = .second
        case "min", "menit": self = .minute
        case "h", "jam": self = .hour
        case "day", "days", "hari": self = .day
        default: return nil
        }
    }
}

/// What kind of quantity a number is: a plain number, a percent, or a duration in a display unit.
/// Plain numbers and percents are dimensionless and mix freely; durations only mix with durations.
public enum Quantity: Sendable, Hashable {
    case plain
    case percent
    case duration(DurationUnit)

    public var isDuration: Bool {
        if case .duration = self { return true }
        return false
    }

    /// How the quantity is written: the factor by which a stored value is divided for display
    /// (100 for percent points means stored 0.9 is written 90; a minute is 60 stored seconds).
    public var displayDivisor: Number {
        switch self {
        case .plain: .one
        case .percent: Number(numerator: 1, denominatorPowerOfTen: 2)
        case .duration(let unit): Number(unit.seconds)
        }
    }

    public var name: String {
        switch self {
        case .plain: "number"
        case .percent: "percent"
        case .duration(let unit): "duration(\(unit.rawValue))"
        }
    }
}

extension Number {
    /// `numerator / 10^k` for small k; used for unit factors known to fit.
    init(numerator: Int64, denominatorPowerOfTen k: Int) {
        var denominator: Int64 = 1
        for _ in 0..<k { denominator *= 10 }
        self = (try? Number(numerator: numerator, denominator: denominator)) ?? .zero
    }
}
