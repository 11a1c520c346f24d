import Testing
import Autodiff
import NeuralNetworks
import NeuralOperators
import TensorCore
import TestSupport

@Suite("PDEBench U-Nets")
struct UNetTests {
    /// With wₗ = 2ˡ f and k = 3^d weights per 3-wide kernel: a block a → b has k·a·b + b + k·b² + b
    /// parameters; encoders c_in → w₀, wₗ₋₁ → wₗ; bottleneck w_{L−1} → w_L; decoders 2wₗ → wₗ; each
    /// up-convolution w_{ℓ+1} → wₗ has 2^d·w_{ℓ+1}·wₗ + wₗ; the output 1×1 conv w₀·c_out + c_out.
    static func parameterCount(_ c: UNetConfiguration, dimensions d: Int) -> Int {
        let k = d == 1 ? 3 : 9
        func width(_ level: Int) -> Int { c.features << level }
        func block(_ a: Int, _ b: Int) -> Int { k * a * b + b + k * b * b + b }
        var total = block(c.inputChannels, width(0)) + block(width(c.levels - 1), width(c.levels))
        for level in 0..<c.levels {
            if level > 0 { total += block(width(level - 1), width(level)) }
            total += block(2 * width(level), width(level)) + (1 << d) * width(level + 1) * width(level) + width(level)
        }
        return total + width(0) * c.outputChannels + c.outputChannels
    }

    let tiny = UNetConfiguration(inputChannels: 2, outputChannels: 3, features: 2, levels: 2)

    @Test func outputShapesAndParameterCounts() {
        var generator = RandomGenerator(seed: 1)
        let one = UNet1d<Double>(configuration: tiny), two = UNet2d<Double>(configuration: tiny)
        let x1 = Tensor<Double>.randomNormal([2, 2, 12], using: &generator)
        let x2 = Tensor<Double>.randomNormal([2, 2, 8, 4], using: &generator)
        #expect(one(x1, parameters: one.initialParameters(using: &generator)).shape == [2, 3, 12])
        #expect(two(x2, parameters: two.initialParameters(using: &generator)).shape == [2, 3, 8, 4])
        for configuration in [tiny, UNetConfiguration()] {
            #expect(UNet1d<Float>(configuration: configuration).initialParameters(using: &generator).scalarCount
                    == Self.parameterCount(configuration, dimensions: 1))
            #expect(UNet2d<Float>(configuration: configuration).initialParameters(using: &generator).scalarCount
                    == Self.parameterCount(configuration, dimensions: 2))
        }
        #expect(Self.parameterCount(UNetConfiguration(), dimensions: 1) == 2_704_865)
        #expect(Self.parameterCount(UNetConfiguration(), dimensions: 2) == 7_759_521)
    }

    @Test func gradientsMatchFiniteDifferences1d() {
        var generator = RandomGenerator(seed: 2)
        let model = UNet1d<Double>(configuration: tiny)
        let parameters = model.initialParameters(using: &generator)
        let input = Tensor<Double>.randomNormal([2, 2, 8], using: &generator)
        let failures = ModelChecks.gradientFailures(model, parameters: parameters, input: input,
                                                    names: ["encoder.0.0.weight", "bottleneck.1.bias", "up.1.weight",
                                                            "decoder.0.1.weight", "output.bias"])
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test func gradientsMatchFiniteDifferences2d() {
        var generator = RandomGenerator(seed: 3)
        let model = UNet2d<Double>(configuration: UNetConfiguration(inputChannels: 1, outputChannels: 1, features: 2,
                                                                    levels: 2, activation: .gelu))
        let parameters = model.initialParameters(using: &generator)
        let input = Tensor<Double>.randomNormal([1, 1, 4, 8], using: &generator)
        let failures = ModelChecks.gradientFailures(model, parameters: parameters, input: input,
                                                    names: ["encoder.1.0.weight", "up.0.weight", "up.0.bias",
                                                            "decoder.1.0.bias", "output.weight"])
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test func checkpointRoundTrips() throws {
        var generator = RandomGenerator(seed: 4)
        let configuration = UNetConfiguration(features: 4, levels: 3, activation: .relu)
        try ModelChecks.expectCheckpointRoundTrip(UNet1d<Float>(configuration: configuration),
                                                  input: Tensor<Float>.randomNormal([2, 1, 16], using: &generator))
        try ModelChecks.expectCheckpointRoundTrip(UNet2d<Float>(configuration: configuration),
                                                  input: Tensor<Float>.randomNormal([2, 1, 8, 16], using: &generator))
    }
}
