import Autodiff
import TensorCore

/// The relative L2 error ‖p − y‖₂ / ‖y‖₂ per sample (over all axes but the first), averaged over
/// the batch: the training loss of autoregressive neural solvers (PyTorch `LpLoss.rel`).
public func relativeL2Error<Scalar: TensorScalar>(_ prediction: Variable<Scalar>, _ truth: Variable<Scalar>) -> Variable<Scalar> {
    let axes = Array(1..<truth.rank)
    let error = ((prediction - truth) * (prediction - truth)).sum(axes: axes).sqrt()
    let norm = (truth * truth).sum(axes: axes).sqrt() + Scalar(1e-12)
    return (error / norm).mean()
}
