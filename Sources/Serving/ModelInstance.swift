import Dispatch
import Foundation
import Synchronization

/// One loaded model version and its scheduler. Requests wait in a queue and run one execution
/// at a time on the instance's own thread, off Swift's cooperative pool. With dynamic batching
/// (`dynamic_batching` in config.json), requests that share a batching key and arrive within
/// `max_queue_delay_microseconds` of the oldest waiting one run as one batch of at most
/// `max_batch_size` elements, as in Triton's dynamic batcher. A request that is still waiting
/// at its deadline is answered with a timeout; an execution that has started runs to its end.
public final class ModelInstance: Sendable {
    public let name: String
    public let version: Int
    public let config: ModelConfig
    public let model: any ServableModel
    let statistics: InferenceStatistics

    /// Largest batch (in elements) one execution may merge; 1 without dynamic batching.
    private let maximumBatch: Int
    private let maximumDelayNanoseconds: UInt64
    private let queue: DispatchQueue
    private let state = Mutex(State())

    private struct Waiting {
        var id: UInt64
        var inputs: [String: InferenceTensor]
        var batchSize: Int
        var key: String?
        var enqueued: UInt64
        var continuation: CheckedContinuation<Result<[InferenceTensor], ServingError>, Never>
    }

    private struct State {
        var waiting = [Waiting]()
        var nextID: UInt64 = 0
        var drainScheduled = false
        /// Set at shutdown: no batching window is waited out any more.
        var flushing = false
    }

    public init(name: String, version: Int, config: ModelConfig, model: any ServableModel, statistics: InferenceStatistics) {
        (self.name, self.version, self.config, self.model, self.statistics) = (name, version, config, model, statistics)
        let batching = config.dynamicBatching != nil && config.maxBatchSize > 1
        maximumBatch = batching ? config.maxBatchSize : 1
        maximumDelayNanoseconds = UInt64(max(0, config.dynamicBatching?.maxQueueDelayMicroseconds ?? 0)) * 1000
        queue = DispatchQueue(label: "surrogate.model.\(name).\(version)")
        statistics.register(name: name, version: "\(version)")
    }

    /// Runs `inputs` (checked against the configuration; `batchSize` elements) in turn or in a
    /// batch, waiting at most until `deadline` (uptime nanoseconds) to start. With `onCaller`, a
    /// request that finds the instance idle runs on the calling thread (for a request alone in
    /// the server: two thread hand-offs fewer); otherwise on the instance's queue, where
    /// concurrent requests batch.
    public func run(_ inputs: [String: InferenceTensor], batchSize: Int, deadline: UInt64?,
                    onCaller: Bool = false) async -> Result<[InferenceTensor], ServingError> {
        await withCheckedContinuation { continuation in
            let now = DispatchTime.now().uptimeNanoseconds
            let key = maximumBatch > 1 && batchSize < maximumBatch ? model.batchingKey(inputs) : nil
            let (id, delay, idle) = state.withLock { state -> (UInt64, UInt64?, Bool) in
                state.nextID += 1
                state.waiting.append(Waiting(id: state.nextID, inputs: inputs, batchSize: batchSize, key: key, enqueued: now,
                                             continuation: continuation))
                if !state.drainScheduled {
                    state.drainScheduled = true
                    return (state.nextID, key == nil || state.flushing ? 0 : maximumDelayNanoseconds, true)
                }
                let queued = state.waiting.reduce(0) { $0 + ($1.key == key && key != nil ? $1.batchSize : 0) }
                return (state.nextID, queued >= maximumBatch ? 0 : nil, false)
            }
            if idle && delay == 0 && onCaller {
                queue.sync { drain() }  // an idle serial queue runs a `sync` block on the calling thread
            } else if let delay {
                scheduleDrain(after: delay)
            }
            if let deadline {
                DispatchQueue.global().asyncAfter(deadline: DispatchTime(uptimeNanoseconds: deadline)) { self.expire(id) }
            }
        }
    }

    private func scheduleDrain(after nanoseconds: UInt64) {
        if nanoseconds == 0 {
            queue.async { self.drain() }
        } else {
            queue.asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { self.drain() }
        }
    }

    /// Runs every waiting request now, and every later one at once: at shutdown no more
    /// requests are coming to batch with, so a batching window would only delay the exit.
    public func flush() {
        let waiting = state.withLock { state -> Bool in
            state.flushing = true
            return !state.waiting.isEmpty
        }
        if waiting { queue.async { self.drain() } }
    }

    /// Answers a request that is still waiting at its deadline.
    private func expire(_ id: UInt64) {
        let expired = state.withLock { state -> Waiting? in
            guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiting.remove(at: index)
        }
        guard let expired else { return }
        let waited = Double(DispatchTime.now().uptimeNanoseconds - expired.enqueued) / 1e6
        statistics.recordQueue(name: name, version: "\(version)", nanoseconds: DispatchTime.now().uptimeNanoseconds - expired.enqueued)
        expired.continuation.resume(returning: .failure(.init(.unavailable,
            "request to model '\(name)' timed out after waiting \(String(format: "%.1f", waited)) ms in the queue")))
    }

    /// Takes the oldest request and, with dynamic batching, the later ones that batch with it,
    /// runs them, and schedules the next drain while requests remain.
    private func drain() {
        // `now` is read under the lock: every waiting request was enqueued before it.
        let (batch, now) = state.withLock { state -> ([Waiting], UInt64) in
            let now = DispatchTime.now().uptimeNanoseconds
            guard let first = state.waiting.first else {
                state.drainScheduled = false
                return ([], now)
            }
            var taken = [first], size = first.batchSize, kept = [Waiting]()
            for request in state.waiting.dropFirst() {
                if let key = first.key, request.key == key, size + request.batchSize <= maximumBatch {
                    taken.append(request)
                    size += request.batchSize
                } else {
                    kept.append(request)
                }
            }
            state.waiting = kept
            if let oldest = kept.first {
                let due = oldest.key == nil || state.flushing ? now : oldest.enqueued + maximumDelayNanoseconds
                let delay = due > now ? due - now : 0
                queue.asyncAfter(deadline: .now() + .nanoseconds(Int(delay))) { self.drain() }
            } else {
                state.drainScheduled = false
            }
            return (taken, now)
        }
        guard !batch.isEmpty else { return }
        for request in batch {
            statistics.recordQueue(name: name, version: "\(version)", nanoseconds: now - request.enqueued)
        }
        execute(batch)
    }

    /// One execution of `batch` (inputs stacked along the batch axis, outputs split back). When
    /// a merged batch fails, each request runs alone, so one bad request fails only itself.
    private func execute(_ batch: [Waiting]) {
        let start = DispatchTime.now().uptimeNanoseconds
        let inputs = batch.count == 1 ? batch[0].inputs
            : batch[0].inputs.mapValues { first in InferenceTensor.concatenated(batch.map { $0.inputs[first.name]! }) }
        let merged = DispatchTime.now().uptimeNanoseconds
        let result = Result { () throws(ServingError) in try model.infer(inputs, config: config) }
        let inferred = DispatchTime.now().uptimeNanoseconds
        switch result {
        case .failure where batch.count > 1:
            for request in batch { execute([request]) }
            return
        case .failure(let error):
            batch[0].continuation.resume(returning: .failure(error))
        case .success(let outputs):
            var offset = 0
            for request in batch {
                let rows = offset..<(offset + request.batchSize)
                offset += request.batchSize
                let own = batch.count == 1 ? outputs : outputs.map { $0.batchSlice(rows) }
                request.continuation.resume(returning: .success(own))
            }
        }
        let end = DispatchTime.now().uptimeNanoseconds
        statistics.recordExecution(name: name, version: "\(version)", batchSize: batch.reduce(0) { $0 + $1.batchSize },
                                   requests: batch.count, input: merged - start, infer: inferred - merged, output: end - inferred)
    }
}
