import Dispatch
import Foundation
import Synchronization
import TensorCore

/// Batches of PDEBench-style trajectories: random initial conditions (`InitialCondition`)
/// advanced by `FiniteVolumeSolver`, in parallel.
///
/// Sample b draws its initial condition from its own generator, `sampleGenerator(seed:index:)`,
/// which depends only on the seed and b. Workers take samples in any order, so the result is
/// bit-identical for every worker count.
public enum TrajectoryGenerator {
    /// N trajectories as float32 `[samples, saveTimes.count, cells]` (PDEBench's `tensor`
    /// layout, batch × time × space), values at the cell centres (i + ½)/cells.
    ///
    /// - Parameters:
    ///   - firstSample: index of the first sample, so that a data set can be generated in chunks
    ///     (sample b of a chunk is sample `firstSample + b` of the whole set).
    ///   - meanOffsets: add the reference generator's constant for modes not drawn (see
    ///     `InitialCondition`).
    ///   - workers: threads to use; nil uses every active processor.
    ///   - progress: called after each finished sample with the number finished so far;
    ///     calls are serialised and the count increases by one each time.
    public static func generate(pde: PDE, samples: Int, cells: Int, saveTimes: [Double], seed: UInt64,
                                firstSample: Int = 0, meanOffsets: Bool = false, workers: Int? = nil,
                                progress: (@Sendable (Int) -> Void)? = nil) throws(SimulationError) -> Tensor<Float> {
        let solver = try FiniteVolumeSolver(pde: pde, cells: cells)
        try SimulationError.validate(saveTimes: saveTimes)
        guard samples > 0 else { throw .invalidSampleCount(samples) }
        let frames = saveTimes.count
        let threads = Swift.max(1, Swift.min(workers ?? ProcessInfo.processInfo.activeProcessorCount, samples))
        let nextSample = Atomic<Int>(0)
        let finished = Mutex<Int>(0)

        return Tensor<Float>(shape: [samples, frames, cells]) { buffer in
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    let sample = nextSample.add(1, ordering: .relaxed).oldValue
                    guard sample < samples else { break }
                    let initial = initialCondition(for: pde, seed: seed, index: firstSample + sample, meanOffsets: meanOffsets)
                        .values(cells: cells)
                    solver.solve(initial: initial, saveTimes: saveTimes) { frame, values in
                        let target = output + (sample * frames + frame) * cells
                        for i in 0..<cells { target[i] = Float(values[i]) }
                    }
                    finished.withLock { count in
                        count += 1
                        progress?(count)
                    }
                }
            }
        }
    }

    /// The generator of sample `index` under `seed`: xoshiro seeded with a SplitMix64 hash of
    /// (seed, index), independent of every other sample's.
    public static func sampleGenerator(seed: UInt64, index: Int) -> RandomGenerator {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* (UInt64(truncatingIfNeeded: index) &+ 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return RandomGenerator(seed: z ^ (z >> 31))
    }

    /// The initial condition of sample `index` in `generate(pde:…seed:…)`.
    public static func initialCondition(for pde: PDE, seed: UInt64, index: Int, meanOffsets: Bool = false) -> InitialCondition {
        var generator = sampleGenerator(seed: seed, index: index)
        return InitialCondition.random(for: pde, meanOffsets: meanOffsets, using: &generator)
    }
}
