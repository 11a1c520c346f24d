import TensorCore

extension Tensor {
    /// The same values in another precision (for checking single-precision kernels against double).
    public func converted<Other: TensorScalar>(to: Other.Type) -> Tensor<Other> {
        Tensor<Other>(shape: shape, scalars: scalars.map { Other($0) })
    }
}
