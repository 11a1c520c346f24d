import Testing
import Autodiff
import NeuralNetworks
import NeuralOperators
import TensorCore
import TestSupport

@Suite("Layers")
struct LayerTests {
    @Test func linearIsAffineMapOverLastAxis() {
        var generator = RandomGenerator(seed: 1)
        let layer = Linear<Double>(inputs: 3, outputs: 2)
        let parameters = layer.initialParameters(using: &generator)
        let x = Tensor<Double>.randomNormal([4, 5, 3], using: &generator)
        let y = layer(x, parameters: parameters)
        #expect(y.shape == [4, 5, 2])
        let (w, b) = (parameters["weight"]!, parameters["bias"]!)
        for i in 0..<4 { for j in 0..<5 { for o in 0..<2 {
            let expected = (0..<3).reduce(b[o]) { $0 + w[o, $1] * x[i, j, $1] }
            #expect(Swift.abs(y[i, j, o] - expected) < 1e-12)
        } } }
        // PyTorch's default bound 1/√fan_in.
        #expect(w.maxAbs() <= 1 / 3.0.squareRoot())
    }

    @Test func pointwiseConvolutionAgreesWithGeneralPath() {
        var generator = RandomGenerator(seed: 2)
        let layer = Conv1d<Double>(inputs: 4, outputs: 3, kernel: 1)
        let parameters = layer.initialParameters(using: &generator)
        let x = Tensor<Double>.randomNormal([2, 4, 9], using: &generator)
        let general = Tensor.conv1d(x, weight: parameters["weight"]!) + parameters["bias"]!.reshaped([3, 1])
        #expect(maxDifference(layer(x, parameters: parameters), general) < 1e-12)
        let layer2 = Conv2d<Double>(inputs: 4, outputs: 3, kernel: 1)
        let p2 = layer2.initialParameters(using: &generator)
        let x2 = Tensor<Double>.randomNormal([2, 4, 5, 6], using: &generator)
        let general2 = Tensor.conv2d(x2, weight: p2["weight"]!) + p2["bias"]!.reshaped([3, 1, 1])
        #expect(maxDifference(layer2(x2, parameters: p2), general2) < 1e-12)
    }

    @Test func spectralConvolutionWithIdentityWeightsIsALowPassFilter() {
        var generator = RandomGenerator(seed: 3)
        let (channels, length, modes) = (3, 16, 5)
        var identity = [Double](repeating: 0, count: channels * channels * modes * 2)
        for c in 0..<channels { for k in 0..<modes { identity[((c * channels + c) * modes + k) * 2] = 1 } }
        let weights = ParameterSet(["weight": Tensor(shape: [channels, channels, modes, 2], scalars: identity)])
        let x = Tensor<Double>.randomNormal([2, channels, length], using: &generator)
        let y = SpectralConv1d<Double>(inputs: channels, outputs: channels, modes: modes)(x, parameters: weights)
        let truncated = x.rfft().sliced(axis: 2, 0..<modes).padded(axis: 2, before: 0, after: length / 2 + 1 - modes)
        #expect(maxDifference(y, truncated.irfft(length: length)) < 1e-12)
    }

    @Test func spectralConvolution2dWithAllModesIsIdentity() {
        var generator = RandomGenerator(seed: 4)
        let (channels, height, width) = (2, 6, 8)
        let (m1, m2) = (height / 2, width / 2 + 1)
        var identity = [Double](repeating: 0, count: channels * channels * m1 * m2 * 2)
        for c in 0..<channels { for k in 0..<(m1 * m2) { identity[((c * channels + c) * m1 * m2 + k) * 2] = 1 } }
        let w = Tensor(shape: [channels, channels, m1, m2, 2], scalars: identity)
        let layer = SpectralConv2d<Double>(inputs: channels, outputs: channels, modes1: m1, modes2: m2)
        let x = Tensor<Double>.randomNormal([2, channels, height, width], using: &generator)
        #expect(maxDifference(layer(x, parameters: ParameterSet(["weight1": w, "weight2": w])), x) < 1e-12)
    }

    /// Inference (nothing tracked) takes fused kernels — a direct loop for small or grouped
    /// convolutions, one gemm per sample for 1×1 convolutions, one spectrum in and out for Fourier
    /// layers; training takes the composed, differentiable path. Both must give the same values.
    @Test(arguments: [(1, 32, 5, 2, 1), (32, 64, 5, 2, 32), (4, 8, 1, 0, 1), (4, 6, 3, 1, 1), (6, 6, 3, 1, 3), (8, 4, 3, 1, 1)])
    func fusedInferenceMatchesTheDifferentiablePath(inputs: Int, outputs: Int, kernel: Int, padding: Int, groups: Int) {
        var generator = RandomGenerator(seed: 5)
        let layer = Conv1d<Float>(inputs: inputs, outputs: outputs, kernel: kernel, padding: padding,
                                  groups: groups, useBias: kernel == 1)
        let parameters = layer.initialParameters(using: &generator)
        let x = Tensor<Float>.randomNormal([3, inputs, 16], using: &generator)
        let fused = layer(x, parameters: parameters)
        let composed = layer(Variable(x), parameters: parameters.tracked()).value
        #expect(fused.shape == composed.shape)
        #expect(maxDifference(fused, composed) < 1e-5)

        for (length, modes) in [(16, 5), (15, 8), (32, 17)] {
            let spectral = SpectralConv1d<Float>(inputs: inputs, outputs: 3, modes: modes)
            let shape = spectral.parameterShapes()["weight"]!
            let weights = ParameterSet(["weight": Tensor<Float>.randomNormal(shape, using: &generator)])
            let signal = Tensor<Float>.randomNormal([2, inputs, length], using: &generator)
            let tracked = spectral(Variable(signal), parameters: weights.tracked()).value
            #expect(maxDifference(spectral(signal, parameters: weights), tracked) < 1e-4)
        }
    }

    @Test func layerNormNormalisesTrailingAxes() {
        var generator = RandomGenerator(seed: 5)
        let layer = LayerNorm<Double>(normalizedShape: [10])
        let x = Tensor<Double>.randomNormal([3, 4, 10], mean: 5, standardDeviation: 3, using: &generator)
        let y = layer(x, parameters: layer.initialParameters(using: &generator))
        #expect(y.mean(axes: [2]).maxAbs() < 1e-12)
        #expect(Swift.abs(y.squared().mean() - 1) < 1e-3)
    }

    /// Length 8 takes the FFT path of the Fourier layers, length 16 the `FourierBasis` gemms
    /// (3 modes ≤ 16/4); both with the 1×1 convolutions' fused bias.
    @Test(arguments: [8, 16])
    func fnoParameterGradientsMatchFiniteDifferences(length: Int) {
        var generator = RandomGenerator(seed: 6)
        let model = FNO1d<Double>(configuration: .init(width: 3, modes: 3, layers: 2, projectionWidth: 4))
        let initial = model.initialParameters(using: &generator)
        let names = initial.names
        let x = Tensor<Double>.randomNormal([2, 1, length], using: &generator)
        let failures = GradientChecker(tolerance: 1e-6).check(at: names.map { initial[$0]! }, secondOrder: false) { values in
            let bound = Parameters(Dictionary(uniqueKeysWithValues: zip(names, values)))
            return model(Variable(x), parameters: bound).tanh()
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }
}
