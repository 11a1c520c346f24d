import Testing
import Autodiff
import NeuralNetworks
import NeuralOperators
import Optimizers
import TensorCore
import TestSupport

@Suite("2-D Fourier neural operator")
struct FNO2dTests {
    let tiny = FNO2d<Double>(configuration: .init(inputChannels: 2, outputChannels: 1, width: 3, modes: 2, layers: 2,
                                                  projectionWidth: 4))

    @Test func outputShapeAndParameterCount() {
        var generator = RandomGenerator(seed: 1)
        let parameters = tiny.initialParameters(using: &generator)
        #expect(tiny(Tensor<Double>.randomNormal([3, 2, 8, 6], using: &generator), parameters: parameters).shape == [3, 1, 8, 6])
        // lift (c_in + 2)·w + w; per layer 2·w²·m²·2 (two complex corner blocks) + w² + w;
        // projection w·P + P and P·c_out + c_out.
        func count(_ c: FNO2d<Float>.Configuration) -> Int {
            let (w, m, p) = (c.width, c.modes, c.projectionWidth)
            return (c.inputChannels + 2) * w + w + c.layers * (2 * w * w * m * m * 2 + w * w + w)
                + w * p + p + p * c.outputChannels + c.outputChannels
        }
        for configuration in [FNO2d<Float>.Configuration(), .init(inputChannels: 4, outputChannels: 2, width: 8, modes: 5,
                                                                 layers: 3, projectionWidth: 16, appendGrid: false)] {
            let model = FNO2d<Float>(configuration: configuration)
            let expected = count(configuration) - (configuration.appendGrid ? 0 : 2 * configuration.width)
            #expect(model.initialParameters(using: &generator).scalarCount == expected)
        }
        #expect(count(.init()) == 926_177)
    }

    @Test func gradientsMatchFiniteDifferences() {
        var generator = RandomGenerator(seed: 2)
        let parameters = tiny.initialParameters(using: &generator)
        let input = Tensor<Double>.randomNormal([2, 2, 4, 6], using: &generator)
        let failures = ModelChecks.gradientFailures(tiny, parameters: parameters, input: input,
                                                    names: ["lift.weight", "spectral.0.weight1", "spectral.1.weight2",
                                                            "pointwise.0.bias", "project1.weight"])
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test func checkpointRoundTrip() throws {
        var generator = RandomGenerator(seed: 3)
        let model = FNO2d<Float>(configuration: .init(width: 6, modes: 3, layers: 2, projectionWidth: 8))
        try ModelChecks.expectCheckpointRoundTrip(model, input: Tensor<Float>.randomNormal([2, 1, 8, 8], using: &generator))
    }

    /// One step of the periodic heat equation on [0, 1)²: mode (k, l) is multiplied by
    /// exp(−ν (2π)² (k² + l²) t) with ν t = 1e-3, through the tensor rfft/irfft.
    static func heatStep(_ u: Tensor<Float>) -> Tensor<Float> {
        let (rows, columns) = (u.shape[2], u.shape[3])
        let bins = columns / 2 + 1
        var factors = [Float]()
        for row in 0..<rows {
            let k = Float(row <= rows / 2 ? row : row - rows)
            for l in 0..<bins {
                let decay = Float.exp(-1e-3 * 4 * .pi * .pi * (k * k + Float(l * l)))
                factors += [decay, decay]
            }
        }
        let spectrum = u.rfft(dimensions: 2)
        return (spectrum * Tensor(shape: [rows, bins, 2], scalars: factors).expanded(to: spectrum.shape))
            .irfft(dimensions: 2, length: columns)
    }

    /// Random smooth periodic fields with modes |k|, |l| ≤ 3 and amplitudes ∝ 1/(1 + k² + l²).
    static func randomFields(_ count: Int, size: Int, using generator: inout RandomGenerator) -> Tensor<Float> {
        let grid = Tensor<Float>.arange(0, Float(size)) * (2 * .pi / Float(size))
        let (x, y) = (grid.reshaped([1, 1, size, 1]), grid.reshaped([1, 1, 1, size]))
        var fields = Tensor<Float>.zeros([count, 1, size, size])
        for k in 0...3 { for l in -3...3 where k > 0 || l > 0 {
            let scale = 1 / Float(1 + k * k + l * l)
            let a = Tensor<Float>.randomNormal([count, 1, 1, 1], standardDeviation: scale, using: &generator)
            let b = Tensor<Float>.randomNormal([count, 1, 1, 1], standardDeviation: scale, using: &generator)
            let phase = x * Float(k) + y * Float(l)
            fields = fields + a * phase.cos() + b * phase.sin()
        } }
        return fields
    }

    @Test func learnsThePeriodicHeatStep() {
        var generator = RandomGenerator(seed: 11)
        let size = 16
        let train = Self.randomFields(48, size: size, using: &generator)
        let test = Self.randomFields(16, size: size, using: &generator)
        let (trainTarget, testTarget) = (Self.heatStep(train), Self.heatStep(test))
        let model = FNO2d<Float>(configuration: .init(width: 12, modes: 4, layers: 2, projectionWidth: 24))
        var parameters = model.initialParameters(using: &generator)
        fitMeanSquaredError(model, parameters: &parameters, inputs: train, targets: trainTarget, steps: 300)
        let relative = relativeL2Distance(model(test, parameters: parameters), testTarget)
        #expect(relative < 0.05, "FNO2d relative L2 error on unseen fields: \(relative)")
    }
}
