import CVectorMath
import TensorCore

/// The few operations a rollout plan is made of, on flat row-major `[batch, channels, length]`
/// buffers: 1×1 convolutions and spectral convolutions as gemms, GELU, and helpers. They compute
/// what the layers of the same names compute, up to the rounding of a different summation order.
enum PlanKernels {
    /// y_b = W x_b + bias for each sample b, W `[outputs, inputs]`; with `accumulate`, added
    /// to what y holds.
    static func pointwise(_ x: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                          into y: UnsafeMutablePointer<Float>, batch: Int, inputs: Int, outputs: Int, length: Int,
                          accumulate: Bool = false) {
        for sample in 0..<batch {
            let rows = y + sample * outputs * length
            for row in 0..<outputs {
                let value = bias?[row] ?? 0
                let target = rows + row * length
                if accumulate {
                    if value != 0 { for i in 0..<length { target[i] += value } }
                } else {
                    target.update(repeating: value, count: length)
                }
            }
            Float.gemm(transposeA: false, transposeB: false, m: outputs, n: length, k: inputs, alpha: 1,
                       a: weight, lda: inputs, b: x + sample * inputs * length, ldb: length, beta: 1, c: rows, ldc: length)
        }
    }

    /// y = irfft(W ⊙ rfft(x) on the lowest `modes` bins), W `[inputs, outputs, modes, 2]`, both
    /// transforms as gemms with `FourierBasis`'s matrices (`basis`); `spectrum` and `mixed` hold
    /// `batch·inputs·2M` and `batch·outputs·2M` values of scratch.
    static func spectral(_ x: UnsafePointer<Float>, weight: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                         batch: Int, inputs: Int, outputs: Int, length: Int, basis: FourierPair,
                         spectrum: UnsafeMutablePointer<Float>, mixed: UnsafeMutablePointer<Float>) {
        let width = 2 * basis.modes
        Float.gemm(transposeA: false, transposeB: false, m: batch * inputs, n: width, k: length, alpha: 1,
                   a: x, lda: length, b: basis.analysis, ldb: width, beta: 0, c: spectrum, ldc: width)
        Float.complexContract(spectrum, weight, into: mixed, batch: batch, inputs: inputs, outputs: outputs,
                              modes: basis.modes, xRow: width, yRow: width)
        Float.gemm(transposeA: false, transposeB: false, m: batch * outputs, n: length, k: width, alpha: 1,
                   a: mixed, lda: width, b: basis.synthesis, ldb: length, beta: 0, c: y, ldc: length)
    }

    /// out = GELU(in) (exact, through Φ), as `Tensor.gelu`; `in` and `out` must not overlap.
    static func gelu(_ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, count: Int) {
        vm_gelu_f32(input, output, count)
    }

    /// `rows` rows of `length` values copied into rows `stride` apart starting at `offset`
    /// (the interior of a zero-padded buffer).
    static func copyRows(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, rows: Int, length: Int,
                         stride: Int, offset: Int) {
        for row in 0..<rows {
            (target + row * stride + offset).update(from: source + row * length, count: length)
        }
    }
}

/// The analysis and synthesis matrices of `FourierBasis` for one grid length and mode count.
struct FourierPair {
    let modes: Int
    private let analysisMatrix: Tensor<Float>, synthesisMatrix: Tensor<Float>

    init(length: Int, modes: Int) {
        self.modes = modes
        analysisMatrix = FourierBasis.analysis(length: length, modes: modes).contiguous()
        synthesisMatrix = FourierBasis.synthesis(length: length, modes: modes).contiguous()
    }

    /// `[length, 2M]`, alive as long as this pair.
    var analysis: UnsafePointer<Float> { UnsafePointer(analysisMatrix.storage.base + analysisMatrix.offset) }
    /// `[2M, length]`.
    var synthesis: UnsafePointer<Float> { UnsafePointer(synthesisMatrix.storage.base + synthesisMatrix.offset) }
}
