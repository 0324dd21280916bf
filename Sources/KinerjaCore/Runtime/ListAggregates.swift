/// The aggregates of a policy (`ListAggregate`) whose lists are read only through aggregates, found once per
/// program, each with a slot in the frame.
struct ListAggregates: Sendable {
    /// Every aggregate, by slot.
    let all: [ListAggregate]
    private let slots: [ListAggregate: Int]
    /// The record fields bound as they are: read by some expression other than through an aggregate, or lists with
    /// more tests than a tally keeps.
    let fieldsReadWhole: Set<Int>
    /// The table in a frame's `ItemMemo` of each record field, by slot (`ItemMemo.tables(for:tallied:)`), and how
    /// many there are.
    let memoTables: [Int?]
    let memoTableCount: Int

    init(_ policy: CheckedPolicy) {
        var found: [ListAggregate] = []
        var readWhole = Set<Int>()
        func visit(_ expression: CheckedExpression) {
            if let aggregate = ListAggregate(expression, schema: policy.record) {
                if !found.contains(aggregate) { found.append(aggregate) }
                return
            }
            if case .field(let field) = expression.kind { readWhole.insert(field) }
            expression.children.forEach(visit)
        }
        for indicator in policy.indicators {
            [indicator.applies, indicator.actual, indicator.target, indicator.capaian, indicator.cap]
                .compactMap { $0 }.forEach(visit)
        }
        policy.values.forEach { visit($0.expression) }
        policy.recommendations.forEach { visit($0.condition) }
        // A list with more tests than a tally keeps is read whole.
        for (field, aggregates) in Dictionary(grouping: found, by: \.field) {
            let tests = aggregates.filter { if case .matching = $0.kind { true } else { false } }
            if tests.count > ListTally.maximumTests { readWhole.insert(field) }
        }
        all = found.filter { !readWhole.contains($0.field) }
        fieldsReadWhole = readWhole
        slots = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) })
        memoTables = ItemMemo.tables(for: policy.record, tallied: Set(all.map(\.field)))
        memoTableCount = memoTables.count { $0 != nil }
    }

    /// The slot of the aggregate that `expression` computes, if its list is read only through aggregates.
    func slot(of expression: CheckedExpression, schema: RecordSchema) -> Int? {
        ListAggregate(expression, schema: schema).flatMap { slots[$0] }
    }

    /// Computes every aggregate from the lists bound in `frame.fields`: the general way of reading a record.
    func fill(_ frame: Frame) {
        for (slot, aggregate) in all.enumerated() {
            guard case .numbers(let numbers) = frame.fields[aggregate.field] else {
                frame.aggregates[slot] = AggregateSlot()
                continue
            }
            let value = Result { () throws(NumberError) in try aggregate.kind.value(of: numbers) }
            frame.aggregates[slot] = AggregateSlot(value: value, items: numbers.count)
        }
    }
}
