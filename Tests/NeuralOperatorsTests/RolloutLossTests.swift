import Foundation
import Testing
import Autodiff
import NeuralNetworks
import NeuralOperators
import Optimizers
import TensorCore

@Suite("Rollout training objective")
struct RolloutLossTests {
    /// Exact advection u(x, t) = u₀(x − βt) on [0, 1): trajectories [B, T + 1, 1, X] and β [B, 1].
    static func advection(samples: Int, points: Int, steps: Int, dt: Float, using generator: inout RandomGenerator)
        -> (Tensor<Float>, Tensor<Float>) {
        let x = Tensor<Float>.arange(0, Float(points)) / Float(points)
        var frames = [Float](), betas = [Float]()
        for _ in 0..<samples {
            let beta = Float(generator.nextUnit()) * 1.5 + 0.2
            let (a, b) = (Float(generator.nextNormal()), Float(generator.nextNormal()))
            betas.append(beta)
            for t in 0...steps {
                let shifted = (x - beta * dt * Float(t)) * (2 * .pi)
                frames += (shifted.sin() * a + (shifted * 2).cos() * (b / 2)).scalars
            }
        }
        return (Tensor(shape: [samples, steps + 1, 1, points], scalars: frames), Tensor(shape: [samples, 1], scalars: betas))
    }

    @Test func feedingModesDifferOnlyAfterTheFirstStep() {
        var generator = RandomGenerator(seed: 1)
        let model = ConditionedFNO1d<Float>(configuration: .init(conditioning: .channels, base: .init(width: 8, modes: 4, layers: 2)))
        let parameters = model.initialParameters(using: &generator).constants()
        let (data, beta) = Self.advection(samples: 4, points: 16, steps: 3, dt: 0.05, using: &generator)
        let objective = RolloutLoss(model: model, inputNoise: 0)
        var g1 = RandomGenerator(seed: 9), g2 = RandomGenerator(seed: 9), g3 = RandomGenerator(seed: 9)
        let forced = objective(trajectories: data, pdeParameters: beta, feeding: .teacherForcing, parameters: parameters, generator: &g1)
        let free = objective(trajectories: data, pdeParameters: beta, feeding: .autoregressive, parameters: parameters, generator: &g2)
        let oneStep = objective(trajectories: data.sliced(axis: 1, 0..<2).contiguous(), pdeParameters: beta,
                                feeding: .autoregressive, parameters: parameters, generator: &g3)
        #expect(forced.rollout.value.scalar != free.rollout.value.scalar)
        #expect(forced.auxiliary.value.scalar == 0)
        // With one step both feedings are the same computation.
        var g4 = RandomGenerator(seed: 9)
        let oneStepForced = objective(trajectories: data.sliced(axis: 1, 0..<2).contiguous(), pdeParameters: beta,
                                      feeding: .teacherForcing, parameters: parameters, generator: &g4)
        #expect(oneStep.rollout.value.scalar == oneStepForced.rollout.value.scalar)
        #expect(Swift.abs(relativeL2Error(Variable(data), data).value.scalar) < 1e-6)
        // A truth that has decayed to zero is measured against the floor instead.
        let prediction = Tensor<Float>(shape: [2, 2], scalars: [3, 4, 0, 1]), zero = Tensor<Float>.zeros([2, 2])
        let floored = relativeL2Error(Variable(prediction), zero, floor: Tensor([10, 2])).value.scalar
        #expect(Swift.abs(floored - (5.0 / 10 + 1.0 / 2) / 2) < 1e-6)
        #expect(relativeErrorFloor(of: prediction, relativeFloor: 0.1).scalars == [0.5, 0.1])
    }

    @Test func capeTrainingWithTheCurriculumReducesTheRolloutError() {
        var generator = RandomGenerator(seed: 2)
        let model = ConditionedFNO1d<Float>(configuration: .init(conditioning: .cape, base: .init(width: 12, modes: 6, layers: 2),
                                                                 cape: .init(width: 16, modes: 4, kernel: 5, pool: 2)))
        var parameters = model.initialParameters(using: &generator)
        let (data, beta) = Self.advection(samples: 32, points: 32, steps: 4, dt: 0.05, using: &generator)
        let objective = RolloutLoss(model: model)
        let schedule = CurriculumSchedule(epochs: 60, steps: 4)
        var optimizer = Adam<Float>(learningRate: 3e-3)
        func evaluate() -> Float {
            var g = RandomGenerator(seed: 0)
            let free = RolloutLoss(model: model, inputNoise: 0)
            return free(trajectories: data, pdeParameters: beta, feeding: .autoregressive,
                        parameters: parameters.constants(), generator: &g).rollout.value.scalar
        }
        let before = evaluate()
        for epoch in 0..<60 {
            let bound = parameters.tracked()
            let (rollout, auxiliary) = objective(trajectories: data, pdeParameters: beta,
                                                 feeding: .curriculum(schedule, epoch: epoch), parameters: bound,
                                                 generator: &generator)
            optimizer.update(&parameters, along: .gradients(of: rollout + auxiliary, wrt: bound))
        }
        let after = evaluate()
        #expect(after < 0.3 * before, "autoregressive rollout error \(before) → \(after)")
    }
}
