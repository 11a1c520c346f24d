import Foundation
import Testing
import Autodiff
import ModelStore
import NeuralNetworks
import NeuralOperators
import TensorCore
import TestSupport

@Suite("Parameter-conditioned FNO")
struct ConditionedFNOTests {
    func model(_ conditioning: ConditionedFNO1d<Double>.Conditioning) -> ConditionedFNO1d<Double> {
        ConditionedFNO1d(configuration: .init(parameters: 2, conditioning: conditioning, base: .init(width: 4, modes: 3, layers: 2),
                                              cape: conditioning == .cape ? .init(parameters: 2, width: 8, modes: 2, kernel: 3, pool: 2) : nil))
    }

    @Test(arguments: ConditionedFNO1d<Double>.Conditioning.allCases)
    func stepShapesAndParameterSensitivity(conditioning: ConditionedFNO1d<Double>.Conditioning) {
        var generator = RandomGenerator(seed: 3)
        let net = model(conditioning)
        let parameters = net.initialParameters(using: &generator)
        let state = Tensor<Double>.randomNormal([2, 1, 16], using: &generator)
        let lambda = Tensor<Double>.randomUniform([2, 2], low: 0.2, high: 2, using: &generator)
        let bound = parameters.constants()
        let (next, estimate) = net.step(Variable(state), pdeParameters: Variable(lambda), parameters: bound)
        #expect(next.shape == [2, 1, 16])
        #expect((estimate != nil) == (conditioning == .cape))
        let other = net.step(Variable(state), pdeParameters: Variable(lambda * 3), parameters: bound).next
        // Only the plain FNO ignores λ.
        #expect((maxDifference(next.value, other.value) > 1e-9) == (conditioning != .none))
        let rollout = net.rollout(state, pdeParameters: lambda, steps: 3, parameters: parameters)
        #expect(rollout.shape == [2, 3, 1, 16])
        #expect(maxDifference(rollout.sliced(axis: 1, 0..<1).squeezed(axis: 1), next.value) < 1e-12)
    }

    @Test func capeStepGradientsMatchFiniteDifferences() {
        var generator = RandomGenerator(seed: 4)
        let net = model(.cape)
        let parameters = net.initialParameters(using: &generator)
        let names = parameters.names
        let state = Tensor<Double>.randomNormal([2, 1, 8], using: &generator)
        let lambda = Tensor<Double>.randomUniform([2, 2], low: 0.2, high: 2, using: &generator)
        let failures = GradientChecker(tolerance: 1e-6).check(at: names.map { parameters[$0]! }, secondOrder: false) { values in
            let bound = Parameters(Dictionary(uniqueKeysWithValues: zip(names, values)))
            let (next, estimate) = net.step(Variable(state), pdeParameters: Variable(lambda), parameters: bound)
            return Variable.concatenate([next, estimate!], axis: 1).tanh()
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    /// The penalty's inner gradient ∂(Σ_x F)/∂λ′ against central differences of the step in λ′,
    /// and the penalty's own gradient with respect to the weights (a derivative of a gradient)
    /// against finite differences.
    @Test(arguments: [ConditionedFNO1d<Double>.Conditioning.cape, .channels])
    func parameterGradientPenaltyMatchesFiniteDifferences(conditioning: ConditionedFNO1d<Double>.Conditioning) {
        var generator = RandomGenerator(seed: 8)
        let net = model(conditioning)
        let parameters = net.initialParameters(using: &generator)
        let state = Tensor<Double>.randomNormal([3, 1, 16], using: &generator)
        let training = Tensor<Double>(shape: [2, 2], scalars: [0.2, 1.0, 4.0, 0.5])
        let penalty = ParameterGradientPenalty(weight: 0.3, targetNorm: 1.5, trainingParameters: training)
        #expect(penalty.low.scalars == [0.1, 0.25] && penalty.high.scalars == [8, 2])

        var draw = RandomGenerator(seed: 9)
        let value = penalty(model: net, state: state, parameters: parameters.constants(), generator: &draw).value.scalar
        var redraw = RandomGenerator(seed: 9)
        let unit = Tensor<Double>.randomUniform([3, 2], low: 0, high: 1, using: &redraw)
        let lambda = penalty.low.reshaped([1, 2]) + unit * (penalty.high - penalty.low).reshaped([1, 2])
        func total(_ shifted: Tensor<Double>, sample: Int) -> Double {
            net.step(Variable(state), pdeParameters: Variable(shifted), parameters: parameters.constants()).next.value
                .sliced(axis: 0, sample..<(sample + 1)).sum()
        }
        var expected = 0.0
        for sample in 0..<3 {
            var squared = 0.0
            for component in 0..<2 {
                var up = lambda.scalars, down = lambda.scalars
                up[sample * 2 + component] += 1e-5
                down[sample * 2 + component] -= 1e-5
                let slope = (total(Tensor(shape: [3, 2], scalars: up), sample: sample)
                             - total(Tensor(shape: [3, 2], scalars: down), sample: sample)) / 2e-5
                squared += slope * slope
            }
            expected += 0.3 * (squared.squareRoot() - 1.5) * (squared.squareRoot() - 1.5) / 3
        }
        #expect(Swift.abs(value - expected) < 1e-6 * Swift.max(1, Swift.abs(expected)), "\(value) vs \(expected)")

        let names = parameters.names
        let failures = GradientChecker(tolerance: 1e-5).check(at: names.map { parameters[$0]! }, secondOrder: false) { values in
            var draw = RandomGenerator(seed: 9)
            return penalty(model: net, state: state, parameters: Parameters(Dictionary(uniqueKeysWithValues: zip(names, values))),
                           generator: &draw)
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test func checkpointRoundTrip() throws {
        var generator = RandomGenerator(seed: 5)
        let net = ConditionedFNO1d<Float>(configuration: .init(conditioning: .cape, base: .init(width: 8, modes: 4, layers: 2),
                                                               cape: .init(width: 8, modes: 2, kernel: 3, pool: 2)))
        let parameters = net.initialParameters(using: &generator)
        let directory = try PythonPeer.temporaryDirectory().appendingPathComponent("cape/1")
        try ModelCheckpoint.save(net, parameters: parameters, to: directory)
        let loaded = try ModelCheckpoint.load(ConditionedFNO1d<Float>.self, from: directory)
        #expect(loaded.model.configuration == net.configuration)
        let state = Tensor<Float>.randomNormal([1, 1, 16], using: &generator)
        let lambda = Tensor<Float>([0.5]).reshaped([1, 1])
        #expect(loaded.model.rollout(state, pdeParameters: lambda, steps: 2, parameters: loaded.parameters).scalars
                == net.rollout(state, pdeParameters: lambda, steps: 2, parameters: parameters).scalars)
    }

    /// A rollout computes CAPE's attention vectors once; step by step they are computed every
    /// step: the frames are the same, bit for bit.
    @Test func rolloutWithAttentionOnceEqualsStepByStep() {
        var generator = RandomGenerator(seed: 12)
        let net = ConditionedFNO1d<Float>(configuration: .init(conditioning: .cape, base: .init(width: 8, modes: 4, layers: 2),
                                                               cape: .init(width: 8, modes: 2, kernel: 3, pool: 2)))
        let parameters = net.initialParameters(using: &generator)
        let state = Tensor<Float>.randomNormal([3, 1, 16], using: &generator)
        let lambda = Tensor<Float>.randomUniform([3, 1], low: 0.1, high: 4, using: &generator)
        let rollout = net.rollout(state, pdeParameters: lambda, steps: 5, parameters: parameters)
        var stepped = Variable(state), frames = [Tensor<Float>]()
        for _ in 0..<5 {
            stepped = net.step(stepped, pdeParameters: Variable(lambda), parameters: parameters.constants()).next
            frames.append(stepped.value.unsqueezed(axis: 1))
        }
        #expect(rollout.shape == [3, 5, 1, 16] && rollout.scalars == Tensor.concatenate(frames, axis: 1).scalars)
    }

    @Test func parameterCountsOfThePaperConfigurations() {
        var generator = RandomGenerator(seed: 6)
        let plain = ConditionedFNO1d<Float>(configuration: .init(conditioning: .none, base: .init(width: 36, modes: 12)))
        let cape = ConditionedFNO1d<Float>(configuration: .init(conditioning: .cape, base: .init(width: 21, modes: 12)))
        let plainCount = plain.initialParameters(using: &generator).scalarCount
        let capeCount = cape.initialParameters(using: &generator).scalarCount
        // The reproduction's pair: CAPE-FNO (width 21, d = 64) within ±10 % of the width-36 FNO.
        #expect(plainCount == 134_717 && capeCount == 124_180, "plain \(plainCount), CAPE \(capeCount)")
        #expect(Swift.abs(Double(capeCount) / Double(plainCount) - 1) <= 0.1)
    }
}
