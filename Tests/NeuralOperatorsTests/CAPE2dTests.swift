import Foundation
import Testing
import Autodiff
import ModelStore
import NeuralNetworks
import NeuralOperators
import TensorCore
import TestSupport

@Suite("CAPE module in 2-D")
struct CAPE2dTests {
    func small() -> (CAPE2d<Double>, ParameterSet<Double>, Tensor<Double>, Tensor<Double>) {
        var generator = RandomGenerator(seed: 5)
        let cape = CAPE2d<Double>(configuration: .init(fields: 2, parameters: 3, width: 4, modes: 2, kernel: 3, pool: 2))
        let parameters = cape.initialParameters(using: &generator)
        let state = Tensor<Double>.randomNormal([2, 2, 8, 6], using: &generator)
        let lambda = Tensor<Double>.randomUniform([2, 3], low: 0.01, high: 2, using: &generator)
        return (cape, parameters, state, lambda)
    }

    func estimate(_ cape: CAPE2d<Double>, _ parameters: ParameterSet<Double>, _ state: Tensor<Double>,
                  _ lambda: Tensor<Double>) -> Tensor<Double> {
        withoutRecording { cape(Variable(state), pdeParameters: Variable(lambda), parameters: parameters.constants()).value }
    }

    @Test func outputShapeAndParameterCount() {
        let (cape, parameters, state, lambda) = small()
        #expect(estimate(cape, parameters, state, lambda).shape == state.shape)
        #expect(parameters["norm.weight"]!.shape == [2, 1, 1] && parameters["norm.bias"]!.shape == [2, 1, 1])
        // lift c·(d/2)·K²; attention 3·(p·d/2 + d/2 + (d/2)·d + d); spectral 2·(d/2)·d·m²·2;
        // pointwise and plain (d/2)·d + d each; depthwise d·K²; projection d·c + c; norm 2c.
        func count(_ c: CAPE2d<Float>.Configuration) -> Int {
            let (d, h, k, m) = (c.width, c.width / 2, c.kernel * c.kernel, c.modes)
            return c.fields * h * k + 3 * (c.parameters * h + h + h * d + d) + 2 * h * d * m * m * 2
                + 2 * (h * d + d) + d * k + d * c.fields + c.fields + 2 * c.fields
        }
        var generator = RandomGenerator(seed: 1)
        for configuration in [CAPE2d<Float>.Configuration(), .init(fields: 4, parameters: 3, width: 28, modes: 5)] {
            #expect(CAPE2d<Float>(configuration: configuration).initialParameters(using: &generator).scalarCount
                    == count(configuration))
        }
        #expect(count(.init()) == 676_771)
    }

    @Test func zeroProjectionAndNormBiasLeaveTheStateUnchanged() {
        var (cape, parameters, state, lambda) = small()
        parameters["projection.weight"] = .zeros(parameters["projection.weight"]!.shape)
        parameters["projection.bias"] = .zeros(parameters["projection.bias"]!.shape)
        #expect(maxDifference(estimate(cape, parameters, state, lambda), state) == 0)
        // The residual is multiplicative: a norm bias δ alone scales the state by 1 + δ.
        parameters["norm.bias"] = Tensor(shape: [2, 1, 1], scalars: [0.5, -2])
        let scaled = estimate(cape, parameters, state, lambda)
        let expected = state * Tensor(shape: [1, 2, 1, 1], scalars: [1.5, -1]).expanded(to: state.shape)
        #expect(maxDifference(scaled, expected) < 1e-15)
    }

    @Test func attentionUsesTheSquashedParameters() {
        let (cape, parameters, state, lambda) = small()
        let bound = parameters.constants()
        let a = cape.attentionWeights(Variable(lambda), parameters: bound)
        #expect(a.count == 3 && a.allSatisfy { $0.shape == [2, 4, 1, 1] })
        // σ(log λ) = λ / (1 + λ): each a_i is its MLP applied to the squashed parameters.
        let squashed = Tensor(shape: lambda.shape, scalars: lambda.scalars.map { $0 / (1 + $0) })
        let mlp = MLP<Double>(sizes: [3, 2, 4], activation: .gelu)
        for path in 0..<3 {
            let direct = mlp(Variable(squashed), parameters: bound.scope("attention.\(path)")).value
            #expect(maxDifference(a[path].value.reshaped([2, 4]), direct) < 1e-12)
        }
        let b = cape.attentionWeights(Variable(lambda * 3), parameters: bound)
        #expect(zip(a, b).allSatisfy { maxDifference($0.value, $1.value) > 1e-6 })
        #expect(maxDifference(estimate(cape, parameters, state, lambda), estimate(cape, parameters, state, lambda * 3)) > 1e-6)
    }

    @Test func gradientsWithRespectToStateParametersAndWeights() {
        let (cape, parameters, state, lambda) = small()
        let names = ["lift.weight", "attention.0.layers.0.weight", "attention.2.layers.1.bias", "spectral.weight2",
                     "depthwise.weight", "projection.weight", "norm.weight", "norm.bias"]
        let failures = GradientChecker(tolerance: 1e-6).check(at: [state, lambda] + names.map { parameters[$0]! },
                                                              secondOrder: false) { values in
            var variables = parameters.constants().variables
            for (name, value) in zip(names, values.dropFirst(2)) { variables[name] = value }
            return cape(values[0], pdeParameters: values[1], parameters: Parameters(variables)).tanh()
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test func checkpointRoundTrip() throws {
        var generator = RandomGenerator(seed: 6)
        let cape = CAPE2d<Float>(configuration: .init(fields: 2, parameters: 2, width: 8, modes: 2, kernel: 3, pool: 2))
        let parameters = cape.initialParameters(using: &generator)
        let directory = try PythonPeer.temporaryDirectory()
        try ModelCheckpoint.save(cape, parameters: parameters, to: directory.appendingPathComponent("cape2d"))
        let loaded = try ModelCheckpoint.load(CAPE2d<Float>.self, from: directory.appendingPathComponent("cape2d"))
        #expect(loaded.model.configuration == cape.configuration)
        let state = Tensor<Float>.randomNormal([1, 2, 8, 8], using: &generator)
        let lambda = Tensor<Float>(shape: [1, 2], scalars: [1e-3, 0.1])
        func run(_ model: CAPE2d<Float>, _ weights: ParameterSet<Float>) -> [Float] {
            withoutRecording { model(Variable(state), pdeParameters: Variable(lambda), parameters: weights.constants()).value.scalars }
        }
        #expect(run(loaded.model, loaded.parameters) == run(cape, parameters))
        try FileManager.default.removeItem(at: directory)
    }
}
