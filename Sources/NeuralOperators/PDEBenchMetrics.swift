import Foundation
import TensorCore

/// PDEBench's error metrics (METHODS.md §2.3), averaged over **samples** (not batches), then
/// over channels and time, with the input frames excluded.
///
/// For prediction p and truth y of sample b, channel c, time t, and e = p − y over the N_x
/// spatial points:
///
///     RMSE   = mean_b √(mean_x e²)
///     nRMSE  = mean_b √(mean_x e²) / √(mean_x y²)
///     cRMSE  = √(mean_b (Σ_x p − Σ_x y)²) / N_x                  (error of the conserved mean)
///     bRMSE  = mean_b √(mean over boundary cells of e²)           (1-D: first and last cell)
///     max    = max_{b,c,t,x} |e|
///     fRMSE  = mean over the band of √(mean_b |ê(k)|²) · L / N_x  (bands k ∈ [0,4), [4,12), ≥ 12;
///                                                                radial ⌊|k|⌋ in 2-D)
public struct PDEBenchMetrics: Sendable, Equatable, CustomStringConvertible {
    public var rmse: Double
    public var nRMSE: Double
    public var cRMSE: Double
    public var bRMSE: Double
    public var maxError: Double
    public var fRMSELow: Double
    public var fRMSEMid: Double
    public var fRMSEHigh: Double

    /// Metrics of `prediction` against `truth`, both `[B, T, C, x…]` (1 or 2 spatial axes),
    /// skipping the first `inputFrames` frames; `domainLength` is L in the fRMSE scaling.
    public init<Scalar: TensorScalar>(prediction: Tensor<Scalar>, truth: Tensor<Scalar>, inputFrames: Int = 0,
                                      domainLength: Double = 1) {
        precondition(prediction.shape == truth.shape, "metrics: prediction \(prediction.shape) vs truth \(truth.shape)")
        precondition(truth.rank == 4 || truth.rank == 5, "metrics expect [B, T, C, x…] with 1 or 2 spatial axes, got \(truth.shape)")
        precondition(inputFrames < truth.shape[1], "all \(truth.shape[1]) frames are input frames")
        let frames = inputFrames..<truth.shape[1]
        func double(_ t: Tensor<Scalar>) -> Tensor<Double> {
            let kept = t.sliced(axis: 1, frames)
            return Tensor(shape: kept.shape, scalars: kept.scalars.map { Double($0) })
        }
        let (p, y) = (double(prediction), double(truth))
        let e = p - y
        let spatialAxes = Array(3..<truth.rank)
        let points = Double(spatialAxes.reduce(1) { $0 * truth.shape[$1] })

        // Per (b, t, c) quantities, then averaged.
        let errorNorm = e.squared().mean(axes: spatialAxes).sqrt()                     // [B, T, C]
        let truthNorm = y.squared().mean(axes: spatialAxes).sqrt()
        rmse = errorNorm.mean()
        nRMSE = (errorNorm / truthNorm).mean()
        let massError = p.sum(axes: spatialAxes) - y.sum(axes: spatialAxes)         // [B, T, C]
        cRMSE = massError.squared().mean(axes: [0]).sqrt().mean() / points
        bRMSE = Self.boundaryError(e, spatialRank: spatialAxes.count).mean()
        maxError = e.maxAbs()
        (fRMSELow, fRMSEMid, fRMSEHigh) = Self.spectralBands(e, spatialRank: spatialAxes.count, scale: domainLength / points)
    }

    /// √(mean of e² over the boundary cells), per (b, t, c).
    private static func boundaryError(_ e: Tensor<Double>, spatialRank: Int) -> Tensor<Double> {
        let n = e.shape[3]
        if spatialRank == 1 {
            let ends = Tensor.concatenate([e.sliced(axis: 3, 0..<1), e.sliced(axis: 3, (n - 1)..<n)], axis: 3)
            return ends.squared().mean(axes: [3]).sqrt()
        }
        let m = e.shape[4]
        let squares = e.squared()
        let total = squares.sum(axes: [3, 4])
        let interior = n > 2 && m > 2 ? squares.sliced(axis: 3, 1..<(n - 1)).sliced(axis: 4, 1..<(m - 1)).sum(axes: [3, 4])
                                      : Tensor<Double>.zeros(total.shape)
        let boundaryCells = Double(n * m - Swift.max(n - 2, 0) * Swift.max(m - 2, 0))
        return ((total - interior) / boundaryCells).sqrt()
    }

    /// Band averages of √(mean_b |ê(k)|²)·scale, averaged over time and channels.
    private static func spectralBands(_ e: Tensor<Double>, spatialRank: Int, scale: Double) -> (Double, Double, Double) {
        let spectrum = e.rfft(dimensions: spatialRank)                               // [B, T, C, (kx,) k, 2]
        let power = spectrum.squared().sum(axes: [spectrum.rank - 1]).mean(axes: [0])  // [T, C, (kx,) k]
        let amplitude = power.sqrt() * scale
        let rows = amplitude.shape[0] * amplitude.shape[1]
        let flat = amplitude.reshaped([rows, -1]).scalars
        let perRow = flat.count / rows
        // Wavenumber magnitude of each spectral bin.
        var wavenumbers = [Double]()
        if spatialRank == 1 {
            wavenumbers = (0..<perRow).map(Double.init)
        } else {
            let (n, half) = (e.shape[3], amplitude.shape[3])
            for i in 0..<n {
                let kx = Double(i <= n / 2 ? i : i - n)
                for j in 0..<half { wavenumbers.append(((kx * kx + Double(j * j)).squareRoot()).rounded(.down)) }
            }
        }
        func band(_ range: Range<Double>) -> Double {
            let bins = wavenumbers.indices.filter { range.contains(wavenumbers[$0]) }
            guard !bins.isEmpty else { return 0 }
            var total = 0.0
            for row in 0..<rows { for bin in bins { total += flat[row * perRow + bin] } }
            return total / Double(rows * bins.count)
        }
        return (band(0..<4), band(4..<12), band(12..<Double.infinity))
    }

    public var description: String {
        func f(_ x: Double) -> String { String(format: "%.4e", x) }
        return "RMSE \(f(rmse)), nRMSE \(f(nRMSE)), cRMSE \(f(cRMSE)), bRMSE \(f(bRMSE)), max \(f(maxError)), "
            + "fRMSE low/mid/high \(f(fRMSELow))/\(f(fRMSEMid))/\(f(fRMSEHigh))"
    }
}

