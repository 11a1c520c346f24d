import CVectorMath
import TensorCore

/// The operations of a rollout plan beside the 1×1 convolutions (`TensorScalar.pointwiseConvolution`),
/// on flat row-major `[batch, channels, length]` buffers: spectral convolutions as gemms, GELU,
/// and a row copy. They compute what the layers of the same names compute, up to the rounding
/// of a different summation order.
enum PlanKernels {
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
