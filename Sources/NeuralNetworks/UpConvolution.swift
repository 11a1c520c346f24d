import Autodiff
import TensorCore

/// A transposed convolution whose kernel equals its stride (PyTorch's `ConvTranspose1d/2d` with
/// `kernel_size = stride = factor`, no padding), which upsamples `[N, in, X(, Y)]` by `factor`
/// per axis without overlap:
///
///     y[o, f·i + r, f·j + s] = Σ_c W[c, o, r, s] x[c, i, j] + b[o]
///
/// computed as one 1×1 product to `out·f^d` channels and a reshuffle of those channels onto the
/// finer grid. `weight` is `[in, out, f(, f)]` (PyTorch's layout), `bias` `[out]`.
public struct UpConvolution<Scalar: TensorScalar>: Layer {
    public let inputs: Int
    public let outputs: Int
    public let factor: Int
    /// Spatial axes, 1 or 2.
    public let dimensions: Int

    public init(inputs: Int, outputs: Int, factor: Int = 2, dimensions: Int) {
        precondition(dimensions == 1 || dimensions == 2, "UpConvolution over \(dimensions) axes")
        (self.inputs, self.outputs, self.factor, self.dimensions) = (inputs, outputs, factor, dimensions)
    }

    private var phases: Int { dimensions == 1 ? factor : factor * factor }

    /// Uniform in ±1/√(out·f^d), PyTorch's fan-in for transposed weights.
    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        let fanIn = outputs * phases
        let kernel = [Int](repeating: factor, count: dimensions)
        return ParameterSet(["weight": uniformFanIn([inputs, outputs] + kernel, fanIn: fanIn, using: &generator),
                             "bias": uniformFanIn([outputs], fanIn: fanIn, using: &generator)])
    }

    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        precondition(input.rank == 2 + dimensions && input.shape[1] == inputs,
                     "UpConvolution(\(inputs)→\(outputs), \(dimensions)-D) given input \(input.shape)")
        let batch = input.shape[0], grid = Array(input.shape[2...])
        let weight = parameters["weight"].reshaped([inputs, outputs * phases]).transposed
        let mixed = Variable.matmul(weight, input.reshaped([batch, inputs, grid.reduce(1, *)]))
        let output: Variable<Scalar>
        if dimensions == 1 {
            output = mixed.reshaped([batch, outputs, factor, grid[0]]).permuted([0, 1, 3, 2])
                .reshaped([batch, outputs, grid[0] * factor])
        } else {
            output = mixed.reshaped([batch, outputs, factor, factor, grid[0], grid[1]]).permuted([0, 1, 4, 2, 5, 3])
                .reshaped([batch, outputs, grid[0] * factor, grid[1] * factor])
        }
        let bias = parameters["bias"].reshaped([outputs] + [Int](repeating: 1, count: dimensions))
        return output + bias
    }
}
