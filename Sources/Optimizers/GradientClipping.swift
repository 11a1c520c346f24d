import NeuralNetworks
import TensorCore

/// Scales all gradients by min(1, maxNorm / ‖g‖₂), with ‖g‖₂ over every parameter together
/// (PyTorch's `clip_grad_norm_`). Returns the norm before clipping.
@discardableResult
public func clipGradientNorm<Scalar>(_ gradients: inout ParameterSet<Scalar>, maxNorm: Scalar) -> Scalar {
    let total = gradients.tensors.values.reduce(Scalar(0)) { $0 + $1.squared().sum() }.squareRoot()
    guard total > maxNorm, total.isFinite else { return total }
    let factor = maxNorm / (total + 1e-6)
    for name in gradients.names { gradients[name] = gradients[name]! * factor }
    return total
}
