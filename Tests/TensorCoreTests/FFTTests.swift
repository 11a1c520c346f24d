import Foundation
import Testing
import TensorCore
import TestSupport

@Suite("Real FFTs through FFTW")
struct FFTTests {
    @Test(arguments: [8, 9, 16, 128])
    func rfftMatchesDirectDFT(n: Int) {
        var generator = RandomGenerator(seed: UInt64(n))
        let x = Tensor<Double>.randomNormal([3, n], using: &generator)
        let spectrum = x.rfft()
        #expect(spectrum.shape == [3, n / 2 + 1, 2])
        for row in 0..<3 { for k in 0...(n / 2) {
            var re = 0.0, im = 0.0
            for j in 0..<n {
                let angle = -2 * Double.pi * Double(j * k) / Double(n)
                re += x[row, j] * cos(angle); im += x[row, j] * sin(angle)
            }
            #expect(Swift.abs(spectrum[row, k, 0] - re) < 1e-9)
            #expect(Swift.abs(spectrum[row, k, 1] - im) < 1e-9)
        } }
        #expect(maxDifference(spectrum.irfft(length: n), x) < 1e-12)
    }

    @Test func twoDimensionalRoundTripAndBin() {
        var generator = RandomGenerator(seed: 4)
        let x = Tensor<Float>.randomNormal([2, 3, 8, 10], using: &generator)
        let spectrum = x.rfft(dimensions: 2)
        #expect(spectrum.shape == [2, 3, 8, 6, 2])
        #expect(maxDifference(spectrum.irfft(dimensions: 2, length: 10), x) < 1e-5)
        // A single cosine lands in its bin with |X| = h·w/2.
        let wave = Tensor<Double>(shape: [8, 10], scalars: (0..<80).map { cos(2 * .pi * Double($0 % 10) * 2 / 10) })
        let bins = wave.rfft(dimensions: 2)
        #expect(Swift.abs(bins[0, 2, 0] - 40) < 1e-9)
        #expect(Swift.abs(bins[0, 1, 0]) < 1e-9)
    }

    @Test func plansAreCached() {
        let x = Tensor<Float>.ones([4, 77])
        for _ in 0..<5 { _ = x.rfft() }
        #expect(FFTPlanCache.shared.planCount(dimensions: [77]) == 1)
    }

    @Test func complexContractionMatchesLoop() {
        var generator = RandomGenerator(seed: 9)
        let (b, i, o, m) = (2, 3, 4, 5)
        let x = Tensor<Double>.randomNormal([b, i, m, 2], using: &generator)
        let w = Tensor<Double>.randomNormal([i, o, m, 2], using: &generator)
        let y = Tensor.complexContract(x, w)
        #expect(y.shape == [b, o, m, 2])
        for bb in 0..<b { for oo in 0..<o { for k in 0..<m {
            var re = 0.0, im = 0.0
            for ii in 0..<i {
                re += x[bb, ii, k, 0] * w[ii, oo, k, 0] - x[bb, ii, k, 1] * w[ii, oo, k, 1]
                im += x[bb, ii, k, 0] * w[ii, oo, k, 1] + x[bb, ii, k, 1] * w[ii, oo, k, 0]
            }
            #expect(Swift.abs(y[bb, oo, k, 0] - re) < 1e-12 && Swift.abs(y[bb, oo, k, 1] - im) < 1e-12)
        } } }
    }

    @Test func complexContractionInSinglePrecisionAndOnViews() {
        var generator = RandomGenerator(seed: 10)
        let x = Tensor<Double>.randomNormal([3, 4, 7, 2], using: &generator)
        let w = Tensor<Double>.randomNormal([4, 5, 7, 2], using: &generator)
        let expected = Tensor.complexContract(x, w)
        let single = Tensor.complexContract(x.converted(to: Float.self), w.converted(to: Float.self))
        #expect(maxDifference(single.converted(to: Double.self), expected) < 1e-5)
        // A view: the first 7 of 9 bins of a longer spectrum, channels permuted.
        let long = Tensor<Double>.randomNormal([4, 3, 9, 2], using: &generator)
        let view = long.permuted([1, 0, 2, 3]).sliced(axis: 2, 0..<7)
        #expect(maxDifference(Tensor.complexContract(view, w), Tensor.complexContract(view.contiguous(), w)) == 0)
    }

    /// The fused Fourier-layer kernel against its composition rfft → keep M bins → contract →
    /// zero-pad → irfft, in both precisions, odd and even lengths, and M up to every bin.
    @Test(arguments: [(16, 5), (15, 8), (32, 17), (9, 1), (64, 12), (33, 8)])
    func fusedSpectralConvolutionMatchesComposition(length: Int, modes: Int) {
        var generator = RandomGenerator(seed: UInt64(length * 100 + modes))
        let x = Tensor<Double>.randomNormal([2, 3, length], using: &generator)
        let w = Tensor<Double>.randomNormal([3, 4, modes, 2], using: &generator)
        let composed = Tensor.complexContract(x.rfft().sliced(axis: 2, 0..<modes), w)
            .padded(axis: 2, before: 0, after: length / 2 + 1 - modes).irfft(length: length)
        let fused = Tensor.spectralConvolution1d(x, weight: w)
        #expect(fused.shape == [2, 4, length])
        #expect(maxDifference(fused, composed) < 1e-12)
        let single = Tensor.spectralConvolution1d(x.converted(to: Float.self), weight: w.converted(to: Float.self))
        #expect(maxDifference(single.converted(to: Double.self), composed) < 1e-4)
    }

    /// The gemm forms of the truncated transforms (`FourierBasis`, taken when M ≤ n/4) and the
    /// FFT forms (taken otherwise) give the FFT's bins and its inverse of the zero-padded spectrum.
    @Test(arguments: [(32, 5), (33, 8), (128, 12), (9, 1), (16, 5), (12, 7)])
    func truncatedTransformsMatchTheFFT(length: Int, modes: Int) {
        var generator = RandomGenerator(seed: UInt64(length * 10 + modes))
        let x = Tensor<Double>.randomNormal([3, 2, length], using: &generator)
        let bins = x.truncatedRFFT(modes: modes)
        #expect(bins.shape == [3, 2, modes, 2])
        #expect(maxDifference(bins, x.rfft().sliced(axis: 2, 0..<modes)) < 1e-11)
        let spectrum = Tensor<Double>.randomNormal([3, 2, modes, 2], using: &generator)
        let signal = spectrum.truncatedIRFFT(length: length)
        let reference = spectrum.padded(axis: 2, before: 0, after: length / 2 + 1 - modes).irfft(length: length)
        #expect(signal.shape == [3, 2, length])
        #expect(maxDifference(signal, reference) < 1e-12)
        let single = x.converted(to: Float.self).truncatedRFFT(modes: modes).converted(to: Double.self)
        #expect(maxDifference(single, bins) < 1e-4 * Double(length).squareRoot())
    }
}
