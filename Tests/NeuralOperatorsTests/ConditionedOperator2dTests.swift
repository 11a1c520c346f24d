import Foundation
import Testing
import Autodiff
import ModelStore
import NeuralNetworks
import NeuralOperators
import TensorCore
import TestSupport

/// The conditioned wrapper over 2-D bases (FNO2d, UNet2d) with CAPE2d.
@Suite("Conditioned 2-D operators")
struct ConditionedOperator2dTests {
    static let cape = CAPE2d<Double>.Configuration(fields: 2, parameters: 2, width: 4, modes: 2, kernel: 3, pool: 2)

    @Test(arguments: ParameterConditioning.allCases)
    func fnoBaseStepsRollsOutAndSeesLambdaUnlessPlain(conditioning: ParameterConditioning) {
        var generator = RandomGenerator(seed: 4)
        let net = ConditionedOperator2d<FNO2d<Double>>(configuration: .init(
            fields: 2, parameters: 2, conditioning: conditioning, base: .init(width: 4, modes: 2, layers: 2, projectionWidth: 8),
            cape: conditioning == .cape ? Self.cape : nil))
        #expect(net.configuration.base.inputChannels == [.none: 2, .channels: 4, .cape: 4][conditioning])
        #expect(net.configuration.base.outputChannels == (conditioning == .cape ? 4 : 2))
        let parameters = net.initialParameters(using: &generator)
        let state = Tensor<Double>.randomNormal([3, 2, 8, 8], using: &generator)
        let lambda = Tensor<Double>.randomUniform([3, 2], low: 0.01, high: 1, using: &generator)
        let (next, estimate) = net.step(Variable(state), pdeParameters: Variable(lambda), parameters: parameters.constants())
        #expect(next.shape == [3, 2, 8, 8] && (estimate?.shape ?? [3, 2, 8, 8]) == [3, 2, 8, 8])
        #expect((estimate != nil) == (conditioning == .cape))
        let other = net.step(Variable(state), pdeParameters: Variable(lambda * 5), parameters: parameters.constants()).next
        #expect((maxDifference(next.value, other.value) > 1e-9) == (conditioning != .none))
        let rollout = net.rollout(state, pdeParameters: lambda, steps: 3, parameters: parameters)
        #expect(rollout.shape == [3, 3, 2, 8, 8])
        // The rollout computes CAPE's attention once; step by step it is computed every step.
        var stepped = Variable(state), frames = [Tensor<Double>]()
        for _ in 0..<3 {
            stepped = net.step(stepped, pdeParameters: Variable(lambda), parameters: parameters.constants()).next
            frames.append(stepped.value.unsqueezed(axis: 1))
        }
        #expect(rollout.scalars == Tensor.concatenate(frames, axis: 1).scalars)
    }

    @Test func uNetBaseWithCAPEHasGradientsAndRoundTrips() throws {
        var generator = RandomGenerator(seed: 8)
        let net = ConditionedOperator2d<UNet2d<Double>>(configuration: .init(
            fields: 2, parameters: 2, conditioning: .cape, base: .init(features: 2, levels: 2), cape: Self.cape))
        #expect(ConditionedOperator2d<UNet2d<Double>>.architectureID == "unet2d-conditioned")
        let parameters = net.initialParameters(using: &generator)
        let trajectories = Tensor<Double>.randomNormal([2, 3, 2, 8, 8], using: &generator)
        let lambda = Tensor<Double>.randomUniform([2, 2], low: 0.1, high: 1, using: &generator)
        // The rollout loss through two steps, differentiated w.r.t. the head and a CAPE weight.
        let objective = RolloutLoss(model: net, inputNoise: 0)
        let names = ["head.weight", "cape.projection.weight"]
        let failures = GradientChecker(tolerance: 1e-6).check(at: names.map { parameters[$0]! }, secondOrder: false) { values in
            var variables = parameters.constants().variables
            for (name, value) in zip(names, values) { variables[name] = value }
            var noise = RandomGenerator(seed: 0)
            let (rollout, auxiliary) = objective(trajectories: trajectories, pdeParameters: lambda, feeding: .autoregressive,
                                                 parameters: Parameters(variables), generator: &noise)
            return rollout + auxiliary * 1000
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        let directory = try PythonPeer.temporaryDirectory().appendingPathComponent("unet2d/1")
        try ModelCheckpoint.save(net, parameters: parameters, to: directory)
        let loaded = try ModelCheckpoint.load(ConditionedOperator2d<UNet2d<Double>>.self, from: directory)
        let state = trajectories.sliced(axis: 1, 0..<1).squeezed(axis: 1)
        #expect(loaded.model.rollout(state, pdeParameters: lambda, steps: 2, parameters: loaded.parameters).scalars
                == net.rollout(state, pdeParameters: lambda, steps: 2, parameters: parameters).scalars)
    }
}
