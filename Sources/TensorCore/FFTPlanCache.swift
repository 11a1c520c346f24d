import CFFTW3
import Synchronization

/// FFTW plans, made once per (precision, direction, dimensions, batch) and reused.
///
/// Planning is not thread-safe in FFTW, so it happens under a lock; executing a plan on new
/// arrays (`fftw_execute_dft_r2c`) is thread-safe. Plans are made with `FFTW_UNALIGNED` so that
/// they apply to any tensor buffer, and with `FFTW_MEASURE` on scratch arrays.
public final class FFTPlanCache: Sendable {
    public static let shared = FFTPlanCache()

    private struct Key: Hashable {
        var double: Bool
        var forward: Bool
        var dimensions: [Int]
        var batch: Int
    }

    private struct Plan: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private let plans = Mutex<[Key: Plan]>([:])

    /// Number of plans made so far for transforms over `dimensions` (a cache that works makes
    /// one per precision, direction and batch size).
    public func planCount(dimensions: [Int]) -> Int {
        plans.withLock { table in table.keys.filter { $0.dimensions == dimensions }.count }
    }

    private func plan(for key: Key) -> OpaquePointer {
        plans.withLock { table in
            if let found = table[key] { return found.pointer }
            let made = Self.makePlan(key)
            table[key] = Plan(pointer: made)
            return made
        }
    }

    private static func makePlan(_ key: Key) -> OpaquePointer {
        let realCount = key.dimensions.reduce(1, *)
        let complexCount = realCount / key.dimensions.last! * (key.dimensions.last! / 2 + 1)
        let n = key.dimensions.map { Int32($0) }
        let flags = UInt32(FFTW_MEASURE) | UInt32(FFTW_UNALIGNED)
        let rank = Int32(n.count)
        let batch = Int32(key.batch)
        if key.double {
            let real = fftw_alloc_real(realCount * key.batch)!
            let complex = fftw_alloc_complex(complexCount * key.batch)!
            defer { fftw_free(real); fftw_free(complex) }
            let plan = key.forward
                ? fftw_plan_many_dft_r2c(rank, n, batch, real, nil, 1, Int32(realCount), complex, nil, 1,
                                         Int32(complexCount), flags)
                : fftw_plan_many_dft_c2r(rank, n, batch, complex, nil, 1, Int32(complexCount), real, nil, 1,
                                         Int32(realCount), flags)
            return plan!
        } else {
            let real = fftwf_alloc_real(realCount * key.batch)!
            let complex = fftwf_alloc_complex(complexCount * key.batch)!
            defer { fftwf_free(real); fftwf_free(complex) }
            let plan = key.forward
                ? fftwf_plan_many_dft_r2c(rank, n, batch, real, nil, 1, Int32(realCount), complex, nil, 1,
                                          Int32(complexCount), flags)
                : fftwf_plan_many_dft_c2r(rank, n, batch, complex, nil, 1, Int32(complexCount), real, nil, 1,
                                          Int32(realCount), flags)
            return plan!
        }
    }

    func executeSingle(forward: Bool, dimensions: [Int], batch: Int,
                       input: UnsafeMutableRawPointer, output: UnsafeMutableRawPointer) {
        let plan = plan(for: Key(double: false, forward: forward, dimensions: dimensions, batch: batch))
        if forward {
            fftwf_execute_dft_r2c(plan, input.assumingMemoryBound(to: Float.self),
                                  output.assumingMemoryBound(to: fftwf_complex.self))
        } else {
            fftwf_execute_dft_c2r(plan, input.assumingMemoryBound(to: fftwf_complex.self),
                                  output.assumingMemoryBound(to: Float.self))
        }
    }

    func executeDouble(forward: Bool, dimensions: [Int], batch: Int,
                       input: UnsafeMutableRawPointer, output: UnsafeMutableRawPointer) {
        let plan = plan(for: Key(double: true, forward: forward, dimensions: dimensions, batch: batch))
        if forward {
            fftw_execute_dft_r2c(plan, input.assumingMemoryBound(to: Double.self),
                                 output.assumingMemoryBound(to: fftw_complex.self))
        } else {
            fftw_execute_dft_c2r(plan, input.assumingMemoryBound(to: fftw_complex.self),
                                 output.assumingMemoryBound(to: Double.self))
        }
    }
}
