import Testing
import Autodiff
import NeuralNetworks
import NeuralOperators
import TensorCore
import TestSupport

@Suite("CAPE module and curriculum")
struct CAPETests {
    @Test func curriculumMatchesTheReferenceValues() {
        // T = 41 steps: ê = 0, ¼, ½, ¾, 1 → 1, 3, 20, 37, 40 (METHODS.md §1.3).
        let schedule = CurriculumSchedule(epochs: 4, steps: 41)
        #expect((0...4).map(schedule.autoregressiveSteps(atEpoch:)) == [1, 3, 20, 37, 40])
        let long = CurriculumSchedule(epochs: 100, warmupEpochs: 3, steps: 41)
        let counts = (0..<100).map(long.autoregressiveSteps(atEpoch:))
        #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 } && counts[0] == 1 && counts[3] == 1)
    }

    @Test func resamplingValuesAndGradients() {
        let x = Variable(Tensor<Double>(shape: [1, 1, 4], scalars: [1, 3, 5, 9]))
        #expect(x.averagePooled(by: 2).value.scalars == [2, 7])
        #expect(x.upsampledNearest(by: 2).value.scalars == [1, 1, 3, 3, 5, 5, 9, 9])
        var generator = RandomGenerator(seed: 2)
        let failures = GradientChecker().check(at: [Tensor<Double>.randomNormal([2, 3, 6], using: &generator)]) {
            ($0[0] * $0[0]).averagePooled(by: 3).upsampledNearest(by: 2)
        }
        #expect(failures.isEmpty, "\(failures.prefix(2))")
    }

    func small() -> (CAPE1d<Double>, ParameterSet<Double>, Tensor<Double>, Tensor<Double>) {
        var generator = RandomGenerator(seed: 5)
        let cape = CAPE1d<Double>(configuration: .init(fields: 1, parameters: 2, width: 8, modes: 2, kernel: 3, pool: 2))
        let parameters = cape.initialParameters(using: &generator)
        let state = Tensor<Double>.randomNormal([3, 1, 8], using: &generator)
        let lambda = Tensor<Double>.randomUniform([3, 2], low: 0.1, high: 2, using: &generator)
        return (cape, parameters, state, lambda)
    }

    @Test func zeroProjectionLeavesTheStateUnchanged() {
        var (cape, parameters, state, lambda) = small()
        parameters["projection.weight"] = .zeros(parameters["projection.weight"]!.shape)
        parameters["projection.bias"] = .zeros(parameters["projection.bias"]!.shape)
        let estimate = withoutRecording {
            cape(Variable(state), pdeParameters: Variable(lambda), parameters: parameters.constants()).value
        }
        #expect(estimate.shape == state.shape && maxDifference(estimate, state) == 0)
    }

    @Test func attentionDependsOnThePDEParameters() {
        let (cape, parameters, state, lambda) = small()
        let bound = parameters.constants()
        let a = cape.attentionWeights(Variable(lambda), parameters: bound)
        let b = cape.attentionWeights(Variable(lambda * 2), parameters: bound)
        #expect(a.count == 3 && a[0].shape == [3, 8, 1])
        #expect(zip(a, b).allSatisfy { maxDifference($0.value, $1.value) > 1e-6 })
        let first = cape(Variable(state), pdeParameters: Variable(lambda), parameters: bound).value
        let second = cape(Variable(state), pdeParameters: Variable(lambda * 2), parameters: bound).value
        #expect(maxDifference(first, second) > 1e-6)
    }

    @Test func gradientsWithRespectToWeightsStateAndParameters() {
        let (cape, parameters, state, lambda) = small()
        let names = parameters.names
        let failures = GradientChecker(tolerance: 1e-6).check(at: [state, lambda] + names.map { parameters[$0]! },
                                                              secondOrder: false) { values in
            let bound = Parameters(Dictionary(uniqueKeysWithValues: zip(names, values.dropFirst(2))))
            return cape(values[0], pdeParameters: values[1], parameters: bound).tanh()
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test func paperSizedModuleParameterCount() {
        var generator = RandomGenerator(seed: 1)
        let cape = CAPE1d<Float>(configuration: .init())
        // lift 1·32·5; attention 3·(1·32+32 + 32·64+64); spectral 32·64·16·2; pointwise and plain
        // 32·64+64 each; depthwise 64·1·5; projection 64·1+1; normalisation gain and shift 1+1.
        let expected = 160 + 3 * (64 + 2048 + 64) + 65_536 + 2 * (2048 + 64) + 320 + 65 + 2
        #expect(cape.initialParameters(using: &generator).scalarCount == expected)
    }
}
