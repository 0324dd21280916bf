/// A list function the policy applies to a record's list of numbers that needs one pass over the items and no
/// memory of them: `count(f)`, `sum(f)`, `mean(f)`, `count_where(f, each OP c)` and `share(f, each OP c)` with a
/// constant `c`.
///
/// A list field that the policy reads only through such functions never needs to exist as a list: the fast
/// binders compute its aggregates while they read the record (`ListTally`), and the general path computes them
/// from the bound list (`ListAggregates.fill`). Either way the function call only reads a slot.
struct ListAggregate: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case count
        case sum
        case mean
        /// How many items pass the test, or (`share`) the part of the list that does; absent for an empty list.
        case matching(ItemTest, share: Bool)
    }

    /// The field slot of the list.
    let field: Int
    let kind: Kind

    /// The aggregate of a call of a list function on a record field, if the call is one.
    init?(_ expression: CheckedExpression, schema: RecordSchema) {
        guard case .builtin(let builtin, let arguments) = expression.kind, case .field(let field) = arguments[0].kind,
              case .list(let element) = schema.fields[field].type, element.isNumeric else { return nil }
        switch builtin {
        case .count where arguments.count == 1: kind = .count
        case .sum: kind = .sum
        case .mean: kind = .mean
        case .countWhere, .share:
            guard let test = ItemTest(arguments[1]) else { return nil }
            kind = .matching(test, share: builtin == .share)
        default: return nil
        }
        self.field = field
    }
}

extension ListAggregate.Kind {
    /// The value of the function for `numbers`; how the list functions compute it in every case.
    func value(of numbers: [Number]) throws(NumberError) -> Value {
        try ListFunction.aggregate(self).value(of: numbers)
    }

    /// `value(of:)` on numbers of either kind.
    fileprivate func value<T: ExactArithmetic>(ofEither numbers: [T]) throws(NumberError) -> Value {
        switch self {
        case .count:
            return try value(count: numbers.count, sum: T.lifted(.zero), matches: 0)
        case .sum, .mean:
            return try value(count: numbers.count, sum: Self.sum(numbers), matches: 0)
        case .matching(let test, _):
            var matches: Int64 = 0
            for number in numbers where test.holds(for: number) { matches += 1 }
            return try value(count: numbers.count, sum: T.lifted(.zero), matches: matches)
        }
    }

    /// The value of the function from a list's totals: its count of items, their sum (read by `sum` and `mean`) and
    /// how many pass the test (read by `matching`). The fast binders, which keep these totals as they read a list,
    /// and the list functions both end here.
    func value<T: ExactArithmetic>(count: Int, sum: T, matches: Int64) throws(NumberError) -> Value {
        switch self {
        case .count:
            return .number(Number(Int64(count)))
        case .sum:
            return sum.value
        case .mean:
            guard count > 0 else { return .absent }
            return try sum.divided(by: .lifted(Number(Int64(count)))).value
        case .matching(_, let share):
            return try Self.matching(matches, of: count, share: share)
        }
    }

    /// The count of matching items, or their share of `count` items (absent when there are none); also for
    /// `count` and `share` with any condition.
    static func matching(_ matches: Int64, of count: Int, share: Bool) throws(NumberError) -> Value {
        guard share else { return .number(Number(matches)) }
        guard count > 0 else { return .absent }
        return .number(try Number(numerator: matches, denominator: Int64(count)))
    }

    private static func sum<T: ExactArithmetic>(_ numbers: [T]) throws(NumberError) -> T {
        var total = T.lifted(.zero)
        for number in numbers { total = try total.adding(number) }
        return total
    }

    /// Whether reading the aggregate visits the list's items, so that it counts as evaluation steps.
    var visitsItems: Bool {
        if case .count = self { return false }
        return true
    }
}

/// `each OP limit` (or `limit OP each`) with a constant number `limit`: the condition of `count_where` and
/// `share` that is decided by comparing numbers, without running an expression per item.
struct ItemTest: Sendable, Hashable {
    let op: ComparisonOperator
    let limit: Number

    func holds<T: ExactArithmetic>(for number: T) -> Bool {
        op.holds(number.compare(.lifted(limit)))
    }
}

extension ItemTest {
    init?(_ condition: CheckedExpression) {
        guard case .comparison(let op, let left, let right) = condition.kind else { return nil }
        switch (left.kind, right.kind) {
        case (.each, .constant(.number(let limit))): (self.op, self.limit) = (op, limit)
        case (.constant(.number(let limit)), .each): (self.op, self.limit) = (op.mirrored, limit)
        default: return nil
        }
    }
}

/// A function of a list of numbers: computed on `Number`s, and again on exact numbers when that overflows or the list
/// holds a big number (and so takes the form `.list`).
enum ListFunction: Sendable {
    case aggregate(ListAggregate.Kind)
    case minimum
    case maximum
    case median
    case percentile(Number)

    /// The function of `list`; absent when it is not a list of numbers.
    func value(of list: Value) throws(NumberError) -> Value {
        switch list {
        case .numbers(let numbers): try value(of: numbers)
        case .list(let items): try value(ofEither: items.compactMap(\.exactNumber))
        default: .absent
        }
    }

    func value(of numbers: [Number]) throws(NumberError) -> Value {
        do throws(NumberError) { return try value(ofEither: numbers) } catch .overflow {
            return try value(ofEither: numbers.map(ExactNumber.small))
        }
    }

    private func value<T: ExactArithmetic>(ofEither numbers: [T]) throws(NumberError) -> Value {
        switch self {
        case .aggregate(let kind): try kind.value(ofEither: numbers)
        case .minimum: numbers.min()?.value ?? .absent
        case .maximum: numbers.max()?.value ?? .absent
        case .median: try ListStatistics.median(numbers)?.value ?? .absent
        case .percentile(let rank): try ListStatistics.percentile(numbers, rank)?.value ?? .absent
        }
    }
}

/// Exact statistics over lists of numbers.
enum ListStatistics {
    /// The middle value, or the mean of the two middle values; nil for an empty list.
    static func median<T: ExactArithmetic>(_ values: [T]) throws(NumberError) -> T? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return try sorted[middle - 1].adding(sorted[middle]).divided(by: .lifted(Number(2)))
    }

    /// The nearest-rank percentile: the smallest value with at least `rank` of the values at or below it.
    static func percentile<T: ExactArithmetic>(_ values: [T], _ rank: Number) throws(NumberError) -> T? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = try rank.multiplied(by: Number(Int64(sorted.count))).ceiling()
        let index = Swift.max(1, Swift.min(sorted.count, Int(position.numerator)))
        return sorted[index - 1]
    }
}

/// The aggregate slots of one record's evaluation: each aggregate's value, or the error computing it gave, and
/// the count of items it was computed from.
struct AggregateSlot {
    var value: Result<Value, NumberError> = .success(.absent)
    var items = 0
}
