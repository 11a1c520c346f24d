import Autodiff
import TensorCore

/// The relative L2 error ‖p − y‖₂ / max(‖y‖₂, f) per sample (norms over all axes but the
/// first), averaged over the batch: the training loss of autoregressive neural solvers
/// (PyTorch `LpLoss.rel` when there is no floor). `floor` `[N]` bounds the denominator from
/// below: a solution that decays to zero (Burgers at large ν from a zero-mean start) would
/// otherwise give a relative error of 10¹⁵ and swamp every other sample.
public func relativeL2Error<Scalar: TensorScalar>(_ prediction: Variable<Scalar>, _ truth: Tensor<Scalar>,
                                                  floor: Tensor<Scalar>? = nil) -> Variable<Scalar> {
    let axes = Array(1..<truth.rank)
    let difference = prediction - Variable(truth)
    let error = (difference * difference).sum(axes: axes).sqrt()
    let norm = truth.squared().sum(axes: axes).sqrt()
    let denominator = floor.map { Tensor.zip(norm, $0) { Swift.max($0, $1) } } ?? norm
    return (error / Variable(denominator.map { Swift.max($0, Scalar(1e-12)) })).mean()
}

/// The floor `relativeFloor · ‖frame‖₂` per sample of `frames` `[N, …]`, for `relativeL2Error`.
public func relativeErrorFloor<Scalar: TensorScalar>(of frames: Tensor<Scalar>, relativeFloor: Scalar) -> Tensor<Scalar> {
    frames.squared().sum(axes: Array(1..<frames.rank)).sqrt() * relativeFloor
}
