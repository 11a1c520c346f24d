import Foundation
import Synchronization

/// The real DFT restricted to the lowest `modes` frequencies, as matrices, so that a Fourier
/// layer's transforms become one gemm each (FNO keeps 12–16 of 65 bins: the gemm then costs
/// a fraction of the FFT and of the slice and zero-padding copies around it).
///
/// Analysis `F: [n, 2M]`, `F[j, 2k] = cos(2πjk/n)`, `F[j, 2k+1] = −sin(2πjk/n)`: `x F` holds
/// bins 0..<M of `rfft(x)` interleaved as (re, im).
/// Synthesis `G: [2M, n]`, `G[2k, j] = c_k cos(2πjk/n) / n`, `G[2k+1, j] = −c_k sin(2πjk/n) / n`
/// with c_k = 1 for the zero and Nyquist bins and 2 otherwise: `Y G` is `irfft` of the spectrum
/// Y padded with zero bins (the imaginary parts of the zero and Nyquist bins drop out, as in
/// FFTW's c2r). Matrices are made once per (precision, n, M) and shared.
public enum FourierBasis {
    /// Whether the gemm is the cheaper way to take `modes` bins of an `n`-point transform
    /// (it costs 4nM flops per row against the FFT's ~2.5 n log₂ n, at a far higher rate).
    public static func isPreferred(length: Int, modes: Int) -> Bool {
        modes >= 1 && 4 * modes <= length
    }

    public static func analysis<Scalar: TensorScalar>(length: Int, modes: Int) -> Tensor<Scalar> {
        cached(Key(scalar: ObjectIdentifier(Scalar.self), length: length, modes: modes, synthesis: false)) {
            Tensor(shape: [length, 2 * modes]) { matrix in
                for j in 0..<length {
                    for k in 0..<modes {
                        let angle = phase(j, k, length)
                        matrix[j * 2 * modes + 2 * k] = Scalar(Foundation.cos(angle))
                        matrix[j * 2 * modes + 2 * k + 1] = Scalar(-Foundation.sin(angle))
                    }
                }
            }
        }
    }

    public static func synthesis<Scalar: TensorScalar>(length: Int, modes: Int) -> Tensor<Scalar> {
        cached(Key(scalar: ObjectIdentifier(Scalar.self), length: length, modes: modes, synthesis: true)) {
            Tensor(shape: [2 * modes, length]) { matrix in
                for k in 0..<modes {
                    let weight = (k == 0 || 2 * k == length ? 1.0 : 2.0) / Double(length)
                    for j in 0..<length {
                        let angle = phase(j, k, length)
                        matrix[2 * k * length + j] = Scalar(weight * Foundation.cos(angle))
                        matrix[(2 * k + 1) * length + j] = Scalar(-weight * Foundation.sin(angle))
                    }
                }
            }
        }
    }

    /// 2π·(jk mod n)/n, reduced before scaling so that large products keep their accuracy.
    private static func phase(_ j: Int, _ k: Int, _ n: Int) -> Double {
        2 * Double.pi * Double((j * k) % n) / Double(n)
    }

    private struct Key: Hashable {
        var scalar: ObjectIdentifier
        var length: Int
        var modes: Int
        var synthesis: Bool
    }

    private static let matrices = Mutex<[Key: any Sendable]>([:])

    private static func cached<Scalar: TensorScalar>(_ key: Key, make: () -> Tensor<Scalar>) -> Tensor<Scalar> {
        if let found = matrices.withLock({ $0[key] }) as? Tensor<Scalar> { return found }
        precondition(key.modes <= key.length / 2 + 1, "\(key.modes) modes exceed the \(key.length / 2 + 1) frequencies of length \(key.length)")
        let made = make()
        matrices.withLock { $0[key] = made }
        return made
    }
}
