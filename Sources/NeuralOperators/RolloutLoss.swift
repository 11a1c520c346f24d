import Autodiff
import NeuralNetworks
import TensorCore

/// How `RolloutLoss` chooses the frames fed back during a training rollout.
public enum RolloutFeeding: Sendable, Equatable {
    /// The curriculum's T_AR at the given epoch.
    case curriculum(CurriculumSchedule, epoch: Int)
    /// Always the true frame (pure teacher forcing).
    case teacherForcing
    /// Always the model's own prediction (pure autoregressive).
    case autoregressive
}

/// The training objective of autoregressive neural solvers (METHODS.md §1.3): the relative L2
/// error ‖p − y‖₂/max(‖y‖₂, 0.01‖y₀‖₂) per sample (batch mean; y₀ the trajectory's first frame,
/// see `relativeL2Error`), summed over the rollout steps, plus CAPE's
/// auxiliary loss α·Σ_t relL2(û_t, y_t) on its own estimate. Which frame is fed to step t+1 is
/// the model's prediction for the first T_AR steps and the true frame afterwards (the curriculum);
/// gradients flow through the whole rollout.
public struct RolloutLoss<Base: ChannelOperator, Embedding: ParameterEmbedding>: Sendable where Embedding.Scalar == Base.Scalar {
    public typealias Scalar = Base.Scalar
    public typealias Feeding = RolloutFeeding

    public var model: ConditionedOperator<Base, Embedding>
    /// α of the auxiliary CAPE loss (5.7e-5 in the 1-D configurations).
    public var auxiliaryWeight: Scalar
    /// Standard deviation of the Gaussian noise added to the first input frame.
    public var inputNoise: Scalar
    /// The relative error's denominator is at least this fraction of the initial frame's norm.
    public var relativeFloor: Scalar

    public init(model: ConditionedOperator<Base, Embedding>, auxiliaryWeight: Scalar = 5.7e-5, inputNoise: Scalar = 1e-3,
                relativeFloor: Scalar = 0.01) {
        (self.model, self.auxiliaryWeight, self.inputNoise, self.relativeFloor) = (model, auxiliaryWeight, inputNoise, relativeFloor)
    }

    /// The losses of one batch of trajectories `[B, T + 1, c, spatial…]` (frame 0 is the input) with
    /// PDE parameters `[B, p]`: the rollout loss and the auxiliary CAPE loss (zero without CAPE).
    public func callAsFunction(trajectories: Tensor<Scalar>, pdeParameters: Tensor<Scalar>, feeding: Feeding,
                               parameters: Parameters<Scalar>, generator: inout RandomGenerator)
        -> (rollout: Variable<Scalar>, auxiliary: Variable<Scalar>) {
        let steps = trajectories.shape[1] - 1
        precondition(steps >= 1 && trajectories.rank >= 4, "trajectories must be [B, T + 1, c, spatial…], got \(trajectories.shape)")
        let autoregressiveSteps: Int
        switch feeding {
        case let .curriculum(schedule, epoch): autoregressiveSteps = schedule.autoregressiveSteps(atEpoch: epoch)
        case .teacherForcing: autoregressiveSteps = 0
        case .autoregressive: autoregressiveSteps = steps
        }
        func frame(_ t: Int) -> Tensor<Scalar> { trajectories.sliced(axis: 1, t..<(t + 1)).squeezed(axis: 1) }
        let floor = relativeErrorFloor(of: frame(0), relativeFloor: relativeFloor)
        var state = Variable(frame(0) + Tensor.randomNormal(frame(0).shape, standardDeviation: inputNoise, using: &generator))
        let lambda = Variable(pdeParameters)
        var rollout = Variable<Scalar>(Tensor(0))
        var auxiliary = Variable<Scalar>(Tensor(0))
        for t in 1...steps {
            let truth = frame(t)
            let (next, estimate) = model.step(state, pdeParameters: lambda, parameters: parameters)
            rollout = rollout + relativeL2Error(next, truth, floor: floor)
            if let estimate { auxiliary = auxiliary + relativeL2Error(estimate, truth, floor: floor) * auxiliaryWeight }
            state = t <= autoregressiveSteps ? next : Variable(truth)
        }
        return (rollout, auxiliary)
    }
}
