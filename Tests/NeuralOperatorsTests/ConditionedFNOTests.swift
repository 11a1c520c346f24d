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
