import Autodiff
import TensorCore

/// The Fourier layer of an FNO in 2-D: the lowest `modes1 × modes2` frequencies, positive and
/// negative along the first axis, each mixed by its own complex weight `[in, out, m1, m2, 2]`.
public struct SpectralConv2d<Scalar: TensorScalar>: Layer {
    public let inputs: Int
    public let outputs: Int
    public let modes1: Int
    public let modes2: Int

    public init(inputs: Int, outputs: Int, modes1: Int, modes2: Int) {
        (self.inputs, self.outputs, self.modes1, self.modes2) = (inputs, outputs, modes1, modes2)
    }

    public func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        let scale = 1 / Scalar(inputs * outputs)
        let shape = [inputs, outputs, modes1, modes2, 2]
        return ParameterSet(["weight1": Tensor.randomUniform(shape, low: 0, high: scale, using: &generator),
                             "weight2": Tensor.randomUniform(shape, low: 0, high: scale, using: &generator)])
    }

    public func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        precondition(input.rank == 4 && input.shape[1] == inputs, "SpectralConv2d(\(inputs)→\(outputs)) given input \(input.shape)")
        let (batch, height, width) = (input.shape[0], input.shape[2], input.shape[3])
        let bins = width / 2 + 1
        precondition(2 * modes1 <= height && modes2 <= bins, "SpectralConv2d: modes (\(modes1), \(modes2)) exceed grid \(height)×\(width)")
        let spectrum = input.rfft(dimensions: 2).sliced(axis: 3, 0..<modes2)          // [N, in, H, m2, 2]
        func mix(_ rows: Range<Int>, _ name: String) -> Variable<Scalar> {
            let block = spectrum.sliced(axis: 2, rows).reshaped([batch, inputs, modes1 * modes2, 2])
            let weight = parameters[name].reshaped([inputs, outputs, modes1 * modes2, 2])
            return Variable.complexContract(block, weight).reshaped([batch, outputs, modes1, modes2, 2])
        }
        let low = mix(0..<modes1, "weight1")
        let high = mix((height - modes1)..<height, "weight2")
        let middle = Variable<Scalar>(Tensor.zeros([batch, outputs, height - 2 * modes1, modes2, 2]))
        let full = Variable.concatenate([low, middle, high], axis: 2).padded(axis: 3, before: 0, after: bins - modes2)
        return full.irfft(dimensions: 2, length: width)
    }
}
