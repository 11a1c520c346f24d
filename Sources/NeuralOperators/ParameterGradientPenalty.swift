import Autodiff
import NeuralNetworks
import TensorCore

/// CAPE's gradient penalty on the PDE parameters (METHODS.md §1.3, active in the 1-D recipes):
///
///     P = w · mean_b (‖∂(Σ_x F(u_b, λ′_b)) / ∂λ′_b‖₂ − g*)²
///
/// for one step F of the model from the batch's first frames u_b, at parameters λ′ drawn
/// uniformly per sample and component from [`low`, `high`] (the recipe: ½·min λ to 2·max λ of
/// the training files). It holds the step's sensitivity to λ near g* also beyond the training
/// range, where the unseen extrapolation values (advection β = 7 against β_max = 4) lie.
/// Differentiating P needs the derivative of a gradient: the inner gradient is recorded.
public struct ParameterGradientPenalty<Scalar: TensorScalar>: Sendable {
    /// w (5.16e-4 in the 1-D recipes).
    public var weight: Scalar
    /// g* (4.58 in the 1-D recipes).
    public var targetNorm: Scalar
    /// Per-component bounds of the sampled λ′, `[p]` each.
    public var low: Tensor<Scalar>
    public var high: Tensor<Scalar>

    public init(weight: Scalar, targetNorm: Scalar, low: Tensor<Scalar>, high: Tensor<Scalar>) {
        precondition(low.shape == high.shape && low.rank == 1, "penalty bounds \(low.shape) and \(high.shape) must be [p]")
        (self.weight, self.targetNorm, self.low, self.high) = (weight, targetNorm, low, high)
    }

    /// The recipe's range, ½·min to 2·max of each component of the training parameters `[N, p]`.
    public init(weight: Scalar, targetNorm: Scalar, trainingParameters: Tensor<Scalar>) {
        let low = (-trainingParameters).max(axes: [0]) * -0.5
        self.init(weight: weight, targetNorm: targetNorm, low: low, high: trainingParameters.max(axes: [0]) * 2)
    }

    /// P for the frames `state: [B, c, spatial…]`.
    public func callAsFunction<Base, Embedding>(model: ConditionedOperator<Base, Embedding>, state: Tensor<Scalar>,
                                                parameters: Parameters<Scalar>, generator: inout RandomGenerator) -> Variable<Scalar>
    where Base.Scalar == Scalar, Embedding.Scalar == Scalar {
        let batch = state.shape[0], count = low.shape[0]
        let unit = Tensor<Scalar>.randomUniform([batch, count], low: 0, high: 1, using: &generator)
        let sampled = Variable(tracking: low.reshaped([1, count]) + unit * (high - low).reshaped([1, count]))
        let (next, _) = model.step(Variable(state), pdeParameters: sampled, parameters: parameters)
        let sensitivity = gradients(of: next.sum(), wrt: [sampled], createGraph: true)[0]        // [B, p]
        let norms = (sensitivity.squared().sum(axes: [1]) + Scalar(1e-12)).sqrt()
        return (norms - targetNorm).squared().mean() * weight
    }
}
