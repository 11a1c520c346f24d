import COpenBLAS
import CVectorMath
import RealModule

/// The element types a `Tensor` can hold: `Float` for training and serving, `Double` for
/// gradient checks and classical solvers.
///
/// Each conforming type routes matrix products to its cblas routine and FFTs to its FFTW
/// precision, so generic tensor code runs on the field's own libraries.
public protocol TensorScalar: BinaryFloatingPoint, Real, Codable, Sendable, CustomStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// The safetensors dtype tag (`F32`, `F64`).
    static var safetensorsDType: String { get }

    /// `C = alpha * op(A) * op(B) + beta * C`, row-major, through cblas.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

    /// Batched real-to-complex DFT over the trailing `dimensions` (row-major), unnormalised.
    /// `input` holds `batch * prod(dimensions)` reals; `output` holds `batch * prod(dimensions
    /// with the last one replaced by last/2+1)` complex numbers, interleaved (re, im).
    static func realForwardFFT(dimensions: [Int], batch: Int, input: UnsafePointer<Self>,
                               output: UnsafeMutablePointer<Self>)

    /// The inverse of `realForwardFFT`, unnormalised (FFTW's c2r). `input` is overwritten.
    static func realInverseFFT(dimensions: [Int], batch: Int, input: UnsafeMutablePointer<Self>,
                               output: UnsafeMutablePointer<Self>)

    /// `y[b,o,m] = Σ_i x[b,i,m]·w[i,o,m]` over interleaved complex values (see `Tensor.complexContract`);
    /// rows of x and y lie `xRow` and `yRow` scalars apart.
    static func complexContract(_ x: UnsafePointer<Self>, _ w: UnsafePointer<Self>, into y: UnsafeMutablePointer<Self>,
                                batch: Int, inputs: Int, outputs: Int, modes: Int, xRow: Int, yRow: Int)

    /// Direct 1-D convolution of a padded, contiguous `[batch, inputs, length]` (see `Tensor.conv1d`).
    static func directConv1d(_ x: UnsafePointer<Self>, _ w: UnsafePointer<Self>, into y: UnsafeMutablePointer<Self>,
                             batch: Int, inputs: Int, length: Int, outputs: Int, groups: Int, kernel: Int,
                             stride: Int, outputLength: Int)
}

extension Float: TensorScalar {
    public static var safetensorsDType: String { "F32" }

    public static func complexContract(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                                       batch: Int, inputs: Int, outputs: Int, modes: Int, xRow: Int, yRow: Int) {
        vm_complex_contract_f32(x, w, y, batch, inputs, outputs, modes, xRow, yRow)
    }

    public static func directConv1d(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>,
                                    batch: Int, inputs: Int, length: Int, outputs: Int, groups: Int, kernel: Int,
                                    stride: Int, outputLength: Int) {
        vm_conv1d_f32(x, w, y, batch, inputs, length, outputs, groups, kernel, stride, outputLength)
    }

    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    public static func realForwardFFT(dimensions: [Int], batch: Int, input: UnsafePointer<Float>,
                                      output: UnsafeMutablePointer<Float>) {
        FFTPlanCache.shared.executeSingle(forward: true, dimensions: dimensions, batch: batch,
                                          input: UnsafeMutableRawPointer(mutating: input),
                                          output: UnsafeMutableRawPointer(output))
    }

    public static func realInverseFFT(dimensions: [Int], batch: Int, input: UnsafeMutablePointer<Float>,
                                      output: UnsafeMutablePointer<Float>) {
        FFTPlanCache.shared.executeSingle(forward: false, dimensions: dimensions, batch: batch,
                                          input: UnsafeMutableRawPointer(input),
                                          output: UnsafeMutableRawPointer(output))
    }
}

extension Double: TensorScalar {
    public static var safetensorsDType: String { "F64" }

    public static func complexContract(_ x: UnsafePointer<Double>, _ w: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>,
                                       batch: Int, inputs: Int, outputs: Int, modes: Int, xRow: Int, yRow: Int) {
        vm_complex_contract_f64(x, w, y, batch, inputs, outputs, modes, xRow, yRow)
    }

    public static func directConv1d(_ x: UnsafePointer<Double>, _ w: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>,
                                    batch: Int, inputs: Int, length: Int, outputs: Int, groups: Int, kernel: Int,
                                    stride: Int, outputLength: Int) {
        vm_conv1d_f64(x, w, y, batch, inputs, length, outputs, groups, kernel, stride, outputLength)
    }

    @inlinable
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    public static func realForwardFFT(dimensions: [Int], batch: Int, input: UnsafePointer<Double>,
                                      output: UnsafeMutablePointer<Double>) {
        FFTPlanCache.shared.executeDouble(forward: true, dimensions: dimensions, batch: batch,
                                          input: UnsafeMutableRawPointer(mutating: input),
                                          output: UnsafeMutableRawPointer(output))
    }

    public static func realInverseFFT(dimensions: [Int], batch: Int, input: UnsafeMutablePointer<Double>,
                                      output: UnsafeMutablePointer<Double>) {
        FFTPlanCache.shared.executeDouble(forward: false, dimensions: dimensions, batch: batch,
                                          input: UnsafeMutableRawPointer(input),
                                          output: UnsafeMutableRawPointer(output))
    }
}
