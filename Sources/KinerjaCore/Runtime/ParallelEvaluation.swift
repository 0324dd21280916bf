import Dispatch

/// Evaluates a stream of records on several threads: the input is cut into batches, each batch is evaluated and
/// rendered by one worker with its own frame, and the batches are handed on strictly in input order. Memory is
/// bounded by the batches in flight, never by the size of the input.
public struct ParallelEvaluation: Sendable {
    public let policy: CheckedPolicy
    /// How many workers evaluate at once (normally the number of cores).
    public let jobs: Int
    public let batchRecords: Int
    /// The nesting limit for records, as the reader applies it.
    public let maxDepth: Int

    public init(policy: CheckedPolicy, jobs: Int, maxDepth: Int = DataLimits.default.maxDepth, batchRecords: Int = 2048) {
        self.policy = policy
        self.jobs = max(1, jobs)
        self.maxDepth = maxDepth
        self.batchRecords = max(1, batchRecords)
    }

    /// Reads every record, evaluates it, and calls `deliver` with each batch's results and rendering, in order.
    /// Every worker compiles its own program and makes its own renderer (with `makeRenderer`), so that the
    /// workers share no reference-counted objects in the hot loop. Stops early, returning false, when `deliver`
    /// returns false.
    public func run(
        _ reader: inout RecordReader,
        makeRenderer: @escaping @Sendable () -> @Sendable ([RecordResult]) -> [UInt8],
        deliver: ([RecordResult], [UInt8]) -> Bool
    ) -> Bool {
        let policy = self.policy
        let maxDepth = self.maxDepth
        let workers = (0..<jobs).map { _ in
            var evaluator = Evaluator(program: Program(policy))
            evaluator.maxDepth = maxDepth
            return Worker(evaluator: evaluator, render: makeRenderer())
        }
        let queue = DispatchQueue.global(qos: .userInitiated)
        var current = readGroup(&reader)
        while !current.isEmpty {
            // The workers evaluate this group while this thread reads the next one.
            let slots = BatchSlots(count: current.count)
            let group = DispatchGroup()
            let work = current
            for workerIndex in 0..<min(workers.count, work.count) {
                let worker = workers[workerIndex]
                queue.async(group: group) {
                    let frame = worker.evaluator.program.makeFrame()
                    var workspace = JSONParser.Workspace()
                    for index in stride(from: workerIndex, to: work.count, by: workers.count) {
                        let results = work[index].entries.map { entry in
                            worker.evaluator.evaluate(entry, of: work[index], in: frame, workspace: &workspace)
                        }
                        slots.store(index, results: results, rendered: worker.render(results))
                    }
                }
            }
            let next = readGroup(&reader)
            group.wait()
            for index in work.indices {
                let (results, rendered) = slots.take(index)
                guard deliver(results, rendered) else { return false }
            }
            current = next
        }
        return true
    }

    /// The next batches to evaluate together: two per worker.
    private func readGroup(_ reader: inout RecordReader) -> [RecordBatch] {
        var batches: [RecordBatch] = []
        while batches.count < jobs * 2, let batch = reader.nextBatch(maxRecords: batchRecords) {
            batches.append(batch)
        }
        return batches
    }

    private struct Worker: Sendable {
        let evaluator: Evaluator
        let render: @Sendable ([RecordResult]) -> [UInt8]
    }
}

/// Where the workers leave each batch's results: memory allocated once, every slot written by exactly one worker
/// before the group's `wait()` returns and read only after that, so no two threads touch the same slot.
private final class BatchSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<(results: [RecordResult], rendered: [UInt8])>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: ([], []))
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ index: Int, results: [RecordResult], rendered: [UInt8]) {
        slots[index] = (results, rendered)
    }

    func take(_ index: Int) -> ([RecordResult], [UInt8]) {
        slots[index]
    }
}
