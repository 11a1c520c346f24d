import ArgumentParser
import Foundation
import TensorCore

/// `surrogate info`: which libraries and kernels this process runs on, with a matmul self-check.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info",
                                                    abstract: "Show the numerical libraries in use and check them.")

    func run() throws {
        print("BLAS:    \(BLASInfo.configuration)")
        print("kernel:  \(BLASInfo.coreName) (OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "unset")), \(BLASInfo.threadCount) threads")
        print("FFT:     \(BLASInfo.fftwVersion)")
        let error = GEMMCheck.maximumError()
        print("sgemm self-check: max relative error \(String(format: "%.2e", error)) against a double-precision loop")
        guard error < 1e-4 else { throw ValidationError("sgemm self-check failed: error \(error)") }
        let peak = GEMMCheck.peakGFLOPS(size: 1024, repeats: 5)
        print("sgemm n=1024: \(String(format: "%.1f", peak)) GFLOP/s (best of 5, \(BLASInfo.threadCount) threads)")
    }
}

/// sgemm correctness and speed on this machine.
enum GEMMCheck {
    /// Largest relative error of `Tensor.matmul` in Float against a Double triple loop.
    static func maximumError() -> Double {
        var generator = RandomGenerator(seed: 1)
        var worst = 0.0
        for (m, k, n) in [(67, 129, 33), (256, 256, 256)] {
            let a = Tensor<Float>.randomNormal([m, k], using: &generator)
            let b = Tensor<Float>.randomNormal([k, n], using: &generator)
            let c = Tensor.matmul(a, b)
            for i in stride(from: 0, to: m, by: 7) {
                for j in stride(from: 0, to: n, by: 5) {
                    var exact = 0.0, magnitude = 0.0
                    for p in 0..<k {
                        exact += Double(a[i, p]) * Double(b[p, j])
                        magnitude += Swift.abs(Double(a[i, p]) * Double(b[p, j]))
                    }
                    worst = Swift.max(worst, Swift.abs(Double(c[i, j]) - exact) / magnitude)
                }
            }
        }
        return worst
    }

    /// Best-of-`repeats` sgemm throughput for square matrices.
    static func peakGFLOPS(size: Int, repeats: Int) -> Double {
        var generator = RandomGenerator(seed: 2)
        let a = Tensor<Float>.randomNormal([size, size], using: &generator)
        let b = Tensor<Float>.randomNormal([size, size], using: &generator)
        _ = Tensor.matmul(a, b)
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = Tensor.matmul(a, b)
            best = Swift.min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return 2 * Double(size * size * size) / best / 1e9
    }
}
