import Foundation
import Testing
import NeuralOperators
import TensorCore

@Suite("PDEBench metrics")
struct PDEBenchMetricsTests {
    /// Smooth truth fields [B, T, C, X] with nonzero norm.
    func truth(_ shape: [Int] = [4, 3, 2, 32]) -> Tensor<Double> {
        var generator = RandomGenerator(seed: 3)
        let x = Tensor<Double>.arange(0, Double(shape[3])) * (2 * .pi / Double(shape[3]))
        let amplitude = Tensor<Double>.randomUniform(Array(shape.dropLast()) + [1], low: 0.5, high: 2, using: &generator)
        return amplitude * x.sin() + 0.3
    }

    @Test func identicalPredictionIsPerfect() {
        let y = truth()
        let metrics = PDEBenchMetrics(prediction: y, truth: y)
        #expect([metrics.rmse, metrics.nRMSE, metrics.cRMSE, metrics.bRMSE, metrics.maxError].allSatisfy { $0 == 0 })
        #expect(metrics.fRMSELow < 1e-15 && metrics.fRMSEHigh < 1e-15)
    }

    @Test func zeroPredictionHasUnitNRMSE() {
        let y = truth()
        #expect(Swift.abs(PDEBenchMetrics(prediction: Tensor.zeros(y.shape), truth: y).nRMSE - 1) < 1e-12)
    }

    @Test func constantOffset() {
        let y = truth()
        let metrics = PDEBenchMetrics(prediction: y + 0.25, truth: y)
        #expect(Swift.abs(metrics.cRMSE - 0.25) < 1e-12)
        #expect(Swift.abs(metrics.rmse - 0.25) < 1e-12 && Swift.abs(metrics.bRMSE - 0.25) < 1e-12)
        #expect(Swift.abs(metrics.maxError - 0.25) < 1e-12)
        // A constant lives in wavenumber 0 only: |ê(0)| = 0.25·N, times L/N, over 4 low bins.
        #expect(Swift.abs(metrics.fRMSELow - 0.25 / 4) < 1e-12 && metrics.fRMSEMid < 1e-12 && metrics.fRMSEHigh < 1e-12)
    }

    @Test(arguments: [(2, 0), (6, 1), (13, 2)])
    func singleModeLandsInItsBand(mode: Int, band: Int) {
        let y = truth()
        let x = Tensor<Double>.arange(0, 32) * (2 * .pi / 32)
        let metrics = PDEBenchMetrics(prediction: y + (x * Double(mode)).cos() * 0.1, truth: y)
        let bands = [metrics.fRMSELow, metrics.fRMSEMid, metrics.fRMSEHigh]
        for index in 0..<3 {
            if index == band { #expect(bands[index] > 1e-4) } else { #expect(bands[index] < 1e-12, "\(bands)") }
        }
    }

    @Test func inputFramesAreExcluded() {
        let y = truth()
        var p = y.scalars
        // Corrupt only frame 0 of every sample: excluded when inputFrames = 1.
        let frame = 2 * 32
        for b in 0..<4 { for i in 0..<frame { p[b * 3 * frame + i] += 5 } }
        let prediction = Tensor(shape: y.shape, scalars: p)
        #expect(PDEBenchMetrics(prediction: prediction, truth: y, inputFrames: 1).maxError < 1e-12)
        #expect(PDEBenchMetrics(prediction: prediction, truth: y).maxError > 4.9)
    }

    @Test func twoDimensionalBoundaryAndBands() {
        let y = Tensor<Double>.ones([2, 1, 1, 8, 8])
        var e = [Double](repeating: 0, count: 128)
        e[0] = 2  // a corner cell of sample 0
        let metrics = PDEBenchMetrics(prediction: y + Tensor(shape: y.shape, scalars: e), truth: y)
        // 28 boundary cells: sample 0 has √(4/28), sample 1 zero.
        #expect(Swift.abs(metrics.bRMSE - (4.0 / 28).squareRoot() / 2) < 1e-12)
        #expect(metrics.fRMSEHigh == 0 && metrics.fRMSELow > 0)
    }
}
