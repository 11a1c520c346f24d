import Dispatch

/// Splits large elementwise kernels over as many threads as BLAS uses, so that a run with N
/// BLAS threads uses N threads for its activations and optimiser steps too (and a one-thread
/// run stays on one thread).
public enum ElementwiseParallelism {
    /// Below this many elements a kernel runs on the calling thread.
    public static let minimumElementsPerThread = 1 << 15

    /// Calls `body(start, count)` over `0..<total` in contiguous chunks, concurrently.
    public static func forEachChunk(_ total: Int, _ body: @Sendable (Int, Int) -> Void) {
        let threads = Swift.min(BLASInfo.threadCount, total / minimumElementsPerThread)
        guard threads > 1 else {
            body(0, total)
            return
        }
        let chunk = (total + threads - 1) / threads
        DispatchQueue.concurrentPerform(iterations: threads) { index in
            let start = index * chunk
            body(start, Swift.min(chunk, total - start))
        }
    }
}
