import Autodiff
import NeuralNetworks
import TensorCore

/// A convolution over `dimensions` spatial axes, so that one U-Net body serves 1-D and 2-D.
protocol GridConvolution: Layer {
    static var dimensions: Int { get }
    init(inputs: Int, outputs: Int, kernel: Int, stride: Int, padding: Int, paddingMode: PaddingMode, groups: Int, useBias: Bool)
}

extension Conv1d: GridConvolution { static var dimensions: Int { 1 } }
extension Conv2d: GridConvolution { static var dimensions: Int { 2 } }

/// The U-Net of `UNet1d` and `UNet2d` (Ronneberger et al. 2015, as in PDEBench), written once
/// for either dimension. With wₗ = 2ˡ·f and B(a → b) = σ∘C₃∘σ∘C₃ (two 3-wide "same" convolutions
/// with bias, each followed by the activation σ):
///
///     eₗ = B(Pool₂ eₗ₋₁ → wₗ)   (e₀ = B(u → w₀), no pooling)     ℓ < L
///     d_L = B(Pool₂ e_{L−1} → w_L)                                bottleneck
///     dₗ = B([Upₗ(dₗ₊₁), eₗ] → wₗ)                                ℓ = L−1, …, 0
///     y = C₁(d₀)                                                  1×1 conv to the outputs
///
/// Pool₂ is a max-pool by 2 and Upₗ a transposed convolution with kernel = stride = 2
/// (`UpConvolution`, w_{ℓ+1} → wₗ), as in PDEBench. PDEBench puts a batch normalisation before
/// each σ (its convolutions then have no bias); here there is no normalisation, because batch
/// statistics would make the model depend on the batch and need running-state bookkeeping.
struct UNetCore<Convolution: GridConvolution>: Sendable {
    typealias Scalar = Convolution.Scalar
    let configuration: UNetConfiguration

    private var dimensions: Int { Convolution.dimensions }
    private func width(_ level: Int) -> Int { configuration.features << level }

    private func convolution(_ inputs: Int, _ outputs: Int, kernel: Int) -> Convolution {
        Convolution(inputs: inputs, outputs: outputs, kernel: kernel, stride: 1, padding: kernel / 2, paddingMode: .zeros,
                    groups: 1, useBias: true)
    }
    private func block(_ inputs: Int, _ outputs: Int) -> [Convolution] {
        [convolution(inputs, outputs, kernel: 3), convolution(outputs, outputs, kernel: 3)]
    }
    private func up(_ level: Int) -> UpConvolution<Scalar> {
        UpConvolution(inputs: width(level + 1), outputs: width(level), dimensions: dimensions)
    }
    /// Input and output widths of every block, by parameter prefix, in the order they run.
    private var blocks: [(name: String, inputs: Int, outputs: Int)] {
        let levels = configuration.levels
        return (0..<levels).map { ("encoder.\($0)", $0 == 0 ? configuration.inputChannels : width($0 - 1), width($0)) }
            + [("bottleneck", width(levels - 1), width(levels))]
            + (0..<levels).reversed().map { ("decoder.\($0)", 2 * width($0), width($0)) }
    }

    func initialParameters(using generator: inout RandomGenerator) -> ParameterSet<Scalar> {
        var set = ParameterSet<Scalar>()
        for (name, inputs, outputs) in blocks {
            for (index, layer) in block(inputs, outputs).enumerated() {
                set.insert(layer.initialParameters(using: &generator), prefix: "\(name).\(index)")
            }
        }
        for level in 0..<configuration.levels {
            set.insert(up(level).initialParameters(using: &generator), prefix: "up.\(level)")
        }
        set.insert(convolution(width(0), configuration.outputChannels, kernel: 1).initialParameters(using: &generator),
                   prefix: "output")
        return set
    }

    func callAsFunction(_ input: Variable<Scalar>, parameters: Parameters<Scalar>) -> Variable<Scalar> {
        let config = configuration
        let multiple = 1 << config.levels
        precondition(input.rank == 2 + dimensions && input.shape[1] == config.inputChannels
                     && input.shape.dropFirst(2).allSatisfy { $0 % multiple == 0 },
                     "UNet\(dimensions)d expects [N, \(config.inputChannels)\(String(repeating: ", X", count: dimensions))] "
                     + "with spatial sizes divisible by 2^levels = \(multiple), got \(input.shape)")
        func run(_ x: Variable<Scalar>, _ block: (name: String, inputs: Int, outputs: Int)) -> Variable<Scalar> {
            self.block(block.inputs, block.outputs).enumerated().reduce(x) { x, item in
                config.activation(item.element(x, parameters: parameters.scope("\(block.name).\(item.offset)")))
            }
        }
        let blocks = self.blocks
        var skips = [Variable<Scalar>]()
        var x = input
        for level in 0..<config.levels {
            x = run(level == 0 ? x : x.maxPooled(by: 2, dimensions: dimensions), blocks[level])
            skips.append(x)
        }
        x = run(x.maxPooled(by: 2, dimensions: dimensions), blocks[config.levels])
        for level in (0..<config.levels).reversed() {
            let upsampled = up(level)(x, parameters: parameters.scope("up.\(level)"))
            x = run(Variable.concatenate([upsampled, skips[level]], axis: 1), blocks[2 * config.levels - level])
        }
        return convolution(width(0), config.outputChannels, kernel: 1)(x, parameters: parameters.scope("output"))
    }
}
