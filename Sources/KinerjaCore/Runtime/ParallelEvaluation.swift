import Dispatch
import Foundation

/// Evaluates a stream of records on several threads: the input is cut into batches, the workers take batches
/// as they become free, each evaluating and rendering a batch with its own frame, and the batches are handed on
/// strictly in input order. This thread reads ahead while the workers evaluate, up to a bounded number of
/// batches, so memory is bounded by the batches in flight, never by the size of the input.
public struct ParallelEvaluation: Sendable {
    public let policy: CheckedPolicy
    /// How many workers evaluate at once (normally the number of cores).
    public let jobs: Int
    public let batchRecords: Int
    /// The limits on each record, as the reader applies them.
    public let limits: DataLimits

    public init(policy: CheckedPolicy, jobs: Int, limits: DataLimits = .default, batchRecords: Int = 1024) {
        self.policy = policy
        self.jobs = max(1, jobs)
        self.limits = limits
        self.batchRecords = max(1, batchRecords)
    }

    /// What one batch gave: its records rendered as complete lines, how many records, how many of them errors.
    public struct Rendered: Sendable {
        public var bytes: [UInt8]
        public var records: Int
        public var failures: Int
    }

    /// Reads every record, evaluates it, and calls `deliver` with each batch's rendering, in order. Every worker
    /// compiles its own program and makes its own output (with `makeOutput`), so that the workers share no
    /// reference-counted objects in the hot loop. Stops early, returning false, when `deliver` returns false.
    public func run(
        _ reader: inout RecordReader,
        makeOutput: @escaping @Sendable () -> ResultOutput,
        deliver: (Rendered) -> Bool
    ) -> Bool {
        let pipeline = BatchPipeline()
        let workers = DispatchGroup()
        for _ in 0..<jobs {
            let worker = Worker(evaluator: Evaluator(program: Program(policy), limits: limits), output: makeOutput())
            DispatchQueue.global(qos: .userInitiated).async(group: workers) { worker.run(pipeline) }
        }
        defer {
            pipeline.close()
            workers.wait()
        }
        // Enough batches in flight that no worker waits for this thread, few enough to bound memory (a batch is
        // at most about 1 MiB, or one record).
        let maxInFlight = max(jobs + 2, min(jobs * 4, 32))
        var read = 0
        var delivered = 0
        /// Delivers the next batch in order and hands its storage back; false when `deliver` says stop.
        func handOn(_ done: consuming Rendered) -> Bool {
            guard deliver(done) else { return false }
            pipeline.recycle(done)
            delivered += 1
            return true
        }
        while true {
            while let done = pipeline.takeFinished(delivered, waiting: read - delivered >= maxInFlight) {
                guard handOn(done) else { return false }
            }
            guard let batch = reader.nextBatch(maxRecords: batchRecords, reusing: pipeline.spentBatch()) else { break }
            pipeline.submit(read, batch)
            read += 1
        }
        while delivered < read, let done = pipeline.takeFinished(delivered, waiting: true) {
            guard handOn(done) else { return false }
        }
        return true
    }

    /// Buffers larger than this (grown by a huge record) are let go after use rather than kept for the next batch.
    fileprivate static let maxSpareBytes = 4 << 20

    /// One worker's compiled program and output; its frame and rendering buffer live on its own thread.
    private struct Worker: Sendable {
        let evaluator: Evaluator
        let output: ResultOutput

        func run(_ pipeline: BatchPipeline) {
            let frame = evaluator.program.makeFrame()
            var workspace = JSONParser.Workspace()
            let initialCapacity = 1 << 18
            var rendered = OutputBuffer(capacity: initialCapacity)
            while let (index, batch, spare) = pipeline.nextBatch() {
                let failures = evaluator.evaluate(batch, in: frame, workspace: &workspace, output: output,
                                                  to: &rendered)
                // Moved along, never copied: a second reference would make emptying or growing them allocate.
                var bytes = consume spare
                bytes.removeAll(keepingCapacity: true)
                rendered.moveBytes(appendingTo: &bytes)
                if rendered.capacity > ParallelEvaluation.maxSpareBytes {
                    rendered = OutputBuffer(capacity: initialCapacity)
                }
                let records = batch.entries.count
                pipeline.finish(index, Rendered(bytes: bytes, records: records, failures: failures),
                                spent: consume batch)
            }
        }
    }
}

/// The batches between the reading thread and the workers: a queue of batches to evaluate and the finished
/// ones waiting to be delivered in order, all behind one lock. Spent batches and delivered renderings come back
/// here, to be filled again: the storage of a run stays the same few buffers, instead of memory allocated and
/// returned to the system for every batch.
private final class BatchPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    /// At most a few batches per worker, so taking the first one is cheap.
    private var queued: [(index: Int, batch: RecordBatch)] = []
    private var finished: [Int: ParallelEvaluation.Rendered] = [:]
    private var spentBatches: [RecordBatch] = []
    private var spareOutputs: [[UInt8]] = []
    private var isClosed = false

    /// Queues a batch for the next free worker.
    func submit(_ index: Int, _ batch: RecordBatch) {
        condition.lock()
        defer { condition.unlock() }
        queued.append((index, batch))
        condition.broadcast()
    }

    /// No more batches: the workers stop once the queue is empty.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        isClosed = true
        queued.removeAll()
        condition.broadcast()
    }

    /// The next batch to evaluate, with an array to render it into; nil when the pipeline is closed.
    func nextBatch() -> (index: Int, batch: RecordBatch, spare: [UInt8])? {
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty && !isClosed { condition.wait() }
        guard !queued.isEmpty else { return nil }
        let (index, batch) = queued.removeFirst()
        return (index, batch, spareOutputs.popLast() ?? [])
    }

    /// Files a batch's rendering for delivery, and keeps the batch to be filled again.
    func finish(_ index: Int, _ rendered: ParallelEvaluation.Rendered, spent: consuming RecordBatch) {
        condition.lock()
        defer { condition.unlock() }
        finished[index] = rendered
        if spent.capacity <= ParallelEvaluation.maxSpareBytes { spentBatches.append(spent) }
        condition.broadcast()
    }

    /// The batch numbered `index` once it is finished; nil if it is not finished yet and `waiting` is false.
    func takeFinished(_ index: Int, waiting: Bool) -> ParallelEvaluation.Rendered? {
        condition.lock()
        defer { condition.unlock() }
        while waiting && finished[index] == nil { condition.wait() }
        return finished.removeValue(forKey: index)
    }

    /// A spent batch to read the next records into, if there is one.
    func spentBatch() -> RecordBatch? {
        condition.lock()
        defer { condition.unlock() }
        return spentBatches.popLast()
    }

    /// Keeps a delivered rendering's storage for a worker to render into again (the worker empties it).
    func recycle(_ rendered: consuming ParallelEvaluation.Rendered) {
        guard rendered.bytes.capacity <= ParallelEvaluation.maxSpareBytes else { return }
        condition.lock()
        defer { condition.unlock() }
        spareOutputs.append(rendered.bytes)
    }
}
