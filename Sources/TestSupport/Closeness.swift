import TensorCore

/// The largest |a − b| over all elements (shapes must agree).
public func maxDifference<Scalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>) -> Scalar {
    precondition(a.shape == b.shape, "comparing shapes \(a.shape) and \(b.shape)")
    return (a - b).maxAbs()
}

/// True when every |a − b| ≤ atol + rtol·|b| (NumPy's `allclose`).
public func allClose<Scalar>(_ a: Tensor<Scalar>, _ b: Tensor<Scalar>, rtol: Scalar = 1e-5, atol: Scalar = 1e-8) -> Bool {
    guard a.shape == b.shape else { return false }
    return zip(a.scalars, b.scalars).allSatisfy { Swift.abs($0 - $1) <= atol + rtol * Swift.abs($1) }
}

/// A reference matrix product by triple loop, for checking BLAS paths.
public func naiveMatmul(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Tensor<Double> {
    let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
    var out = [Double](repeating: 0, count: m * n)
    for i in 0..<m { for j in 0..<n { for p in 0..<k { out[i * n + j] += a[i, p] * b[p, j] } } }
    return Tensor(shape: [m, n], scalars: out)
}
