import Autodiff
import TensorCore

/// The Fourier layer of an FNO in 1-D: y = irfft(W ⊙ rfft(x) on the lowest `modes` frequencies).
/// `weight` is `[in, out, modes, 2]` (complex as a trailing (re, im) axis).
public struct SpectralConv1d<Scalar: TensorScalar>: Layer {
    public let inputs: Int
    public let outputs: Int
    public let modes: Int

    public init(inputs: Int, outputs: Int, modes: Int) {
        (self.inputs, self.outputs, self.modes) = (inputs, outputs, modes)
    }

    /// Weights uniform in [0, 1/(in·out)) as in the original FNO.
    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        let scale = 1 / Scalar(inputs * outputs)
        return ParameterSet(["weight": Tensor.randomUniform([inputs, outputs, modes, 2], low: 0, high: scale, using: &generator)])
    }

    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        precondition(input.rank == 3 && input.shape[1] == inputs, "SpectralConv1d(\(inputs)→\(outputs)) given input \(input.shape)")
        let length = input.shape[2]
        precondition(modes <= length / 2 + 1, "SpectralConv1d: \(modes) modes exceed the \(length / 2 + 1) frequencies of length \(length)")
        let weight = parameters["weight"]
        guard Variable.isRecorded([input, weight]) else {                          // inference: fused
            return Variable(Tensor.spectralConvolution1d(input.value, weight: weight.value))
        }
        let spectrum = input.truncatedRFFT(modes: modes)                              // [N, in, modes, 2]
        return Variable.complexContract(spectrum, weight).truncatedIRFFT(length: length)
    }
}
