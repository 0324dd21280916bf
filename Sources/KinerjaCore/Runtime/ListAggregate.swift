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
        switch self {
        case .count:
            return .number(Number(Int64(numbers.count)))
        case .sum:
            return .number(try Self.sum(numbers))
        case .mean:
            guard !numbers.isEmpty else { return .absent }
            return .number(try Self.sum(numbers).divided(by: Number(Int64(numbers.count))))
        case .matching(let test, let share):
            var matches: Int64 = 0
            for number in numbers where test.holds(for: number) { matches += 1 }
            return try Self.matching(matches, of: numbers.count, share: share)
        }
    }

    /// The count of matching items, or their share of `count` items (absent when there are none).
    static func matching(_ matches: Int64, of count: Int, share: Bool) throws(NumberError) -> Value {
        guard share else { return .number(Number(matches)) }
        guard count > 0 else { return .absent }
        return .number(try Number(numerator: matches, denominator: Int64(count)))
    }

    static func sum(_ numbers: [Number]) throws(NumberError) -> Number {
        var total = Number.zero
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

    func holds(for number: Number) -> Bool {
        op.holds(number.compare(limit))
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

/// The aggregate slots of one record's evaluation: each aggregate's value, or the error computing it gave, and
/// the count of items it was computed from.
struct AggregateSlot {
    var value: Result<Value, NumberError> = .success(.absent)
    var items = 0
}
