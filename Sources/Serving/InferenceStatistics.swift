import Foundation
import Synchronization

/// Cumulative per-model-version inference statistics, as Triton reports them in
/// `v2/models/<m>/stats`, gRPC `ModelStatistics` and the Prometheus metrics: request outcomes,
/// time spent queued and computing, and one entry per executed batch size.
public final class InferenceStatistics: Sendable {
    /// A count and its cumulative duration in nanoseconds.
    public struct Duration: Sendable, Equatable {
        public var count: UInt64 = 0
        public var nanoseconds: UInt64 = 0

        mutating func add(_ ns: UInt64, count n: UInt64 = 1) { (count, nanoseconds) = (count + n, nanoseconds &+ ns) }
    }

    /// Statistics of one batch size: executions and their compute durations.
    public struct BatchEntry: Sendable, Equatable {
        public var computeInput = Duration(), computeInfer = Duration(), computeOutput = Duration()
    }

    public struct Model: Sendable, Equatable {
        public var name: String
        public var version: String
        /// Milliseconds since the epoch of the last request, 0 if none.
        public var lastInference: UInt64 = 0
        /// Successful inferences, counting each batch element.
        public var inferenceCount: UInt64 = 0
        /// Model executions (a dynamically batched execution serves several requests).
        public var executionCount: UInt64 = 0
        public var success = Duration(), fail = Duration(), queue = Duration()
        public var computeInput = Duration(), computeInfer = Duration(), computeOutput = Duration()
        public var batches = [Int: BatchEntry]()
    }

    private struct Key: Hashable { var name, version: String }
    private let models = Mutex<[Key: Model]>([:])
    /// Requests admitted and not yet answered, over all models.
    private let pendingCount = Atomic<Int>(0)

    public init() {}

    /// A request's outcome: its whole duration, and for a success the batch elements it carried.
    func recordRequest(name: String, version: String, succeeded: Bool, batchSize: Int, nanoseconds: UInt64) {
        update(name, version) { model in
            model.lastInference = UInt64(Date().timeIntervalSince1970 * 1000)
            if succeeded {
                model.success.add(nanoseconds)
                model.inferenceCount += UInt64(batchSize)
            } else {
                model.fail.add(nanoseconds)
            }
        }
    }

    /// Time a request waited before its execution started.
    func recordQueue(name: String, version: String, nanoseconds: UInt64) {
        update(name, version) { $0.queue.add(nanoseconds) }
    }

    /// One execution of `requests` requests merged into a batch of `batchSize` elements; the
    /// compute durations count once per request, as Triton's do.
    func recordExecution(name: String, version: String, batchSize: Int, requests: Int, input: UInt64, infer: UInt64, output: UInt64) {
        update(name, version) { model in
            model.executionCount += 1
            let n = UInt64(requests)
            model.computeInput.add(input * n, count: n)
            model.computeInfer.add(infer * n, count: n)
            model.computeOutput.add(output * n, count: n)
            var entry = model.batches[batchSize] ?? BatchEntry()
            entry.computeInput.add(input)
            entry.computeInfer.add(infer)
            entry.computeOutput.add(output)
            model.batches[batchSize] = entry
        }
    }

    /// Statistics of every model version seen, or those of `name` (and `version`), sorted.
    public func snapshot(name: String? = nil, version: String? = nil) -> [Model] {
        models.withLock { $0.values.filter { (name == nil || $0.name == name) && (version == nil || $0.version == version) } }
            .sorted { ($0.name, $0.version) < ($1.name, $1.version) }
    }

    /// Makes sure `name`/`version` is listed (with zeros) once it is loaded.
    func register(name: String, version: String) { update(name, version) { _ in } }

    /// Counts a request in; false when `limit` requests are already pending.
    func admit(limit: Int) -> Bool {
        while true {
            let current = pendingCount.load(ordering: .relaxed)
            guard current < limit else { return false }
            if pendingCount.compareExchange(expected: current, desired: current + 1, ordering: .relaxed).exchanged { return true }
        }
    }

    func release() { pendingCount.subtract(1, ordering: .relaxed) }

    /// Requests admitted and not yet answered.
    public var pending: Int { pendingCount.load(ordering: .relaxed) }

    private func update(_ name: String, _ version: String, _ change: (inout Model) -> Void) {
        models.withLock { models in
            let key = Key(name: name, version: version)
            var model = models[key] ?? Model(name: name, version: version)
            change(&model)
            models[key] = model
        }
    }
}
