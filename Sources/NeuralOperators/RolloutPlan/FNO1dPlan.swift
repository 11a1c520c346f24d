import NeuralNetworks
import TensorCore

/// `FNO1d`'s forward pass for inference as a fixed sequence of gemms and vector kernels on flat
/// buffers (see `ConditionedFNO1dPlan`):
///
///     h₀ = P(u, x);  hₗ₊₁ = σ(Kₗ hₗ + Wₗ hₗ) (no σ after the last layer);  y = Q₂ σ(Q₁ h_L)
struct FNO1dPlan: Sendable {
    let configuration: FNO1d<Float>.Configuration
    private let lift: (weight: PlanBuffer, bias: PlanBuffer)
    private let spectral: [PlanBuffer]
    private let pointwise: [(weight: PlanBuffer, bias: PlanBuffer)]
    private let project1: (weight: PlanBuffer, bias: PlanBuffer)
    private let project2: (weight: PlanBuffer, bias: PlanBuffer)

    init(configuration: FNO1d<Float>.Configuration, weights: PlanWeights) {
        self.configuration = configuration
        let (width, modes, projection) = (configuration.width, configuration.modes, configuration.projectionWidth)
        let lifted = inputChannelsWithGrid(configuration)
        lift = (weights.scope("lift")("weight", count: width * lifted), weights.scope("lift")("bias", count: width))
        spectral = (0..<configuration.layers).map { weights.scope("spectral.\($0)")("weight", count: width * width * modes * 2) }
        pointwise = (0..<configuration.layers).map { layer in
            let scope = weights.scope("pointwise.\(layer)")
            return (scope("weight", count: width * width), scope("bias", count: width))
        }
        project1 = (weights.scope("project1")("weight", count: projection * width), weights.scope("project1")("bias", count: projection))
        project2 = (weights.scope("project2")("weight", count: configuration.outputChannels * projection),
                    weights.scope("project2")("bias", count: configuration.outputChannels))
    }

    /// The channels `apply` reads: the model's inputs, then the grid when it appends one.
    var inputChannels: Int { inputChannelsWithGrid(configuration) }

    /// Writes the grid channel x_i = i / X into the last channel of `input` `[batch, inputChannels, X]`
    /// (once per rollout: it does not change from step to step).
    func writeGrid(into input: UnsafeMutablePointer<Float>, batch: Int, length: Int) {
        guard configuration.appendGrid else { return }
        for sample in 0..<batch {
            let row = input + (sample * inputChannels + inputChannels - 1) * length
            for i in 0..<length { row[i] = Float(i) / Float(length) }
        }
    }

    /// Scratch space for `apply` on `batch` samples of `length` points, written in full before each read.
    final class Workspace: @unchecked Sendable {
        let hidden, next, projected, activated, spectrum, mixed: PlanBuffer
        let basis: FourierPair

        init(_ plan: FNO1dPlan, batch: Int, length: Int) {
            let (width, modes) = (plan.configuration.width, plan.configuration.modes)
            hidden = PlanBuffer(scratch: batch * width * length)
            next = PlanBuffer(scratch: batch * width * length)
            projected = PlanBuffer(scratch: batch * plan.configuration.projectionWidth * length)
            activated = PlanBuffer(scratch: batch * plan.configuration.projectionWidth * length)
            spectrum = PlanBuffer(scratch: batch * width * 2 * modes)
            mixed = PlanBuffer(scratch: batch * width * 2 * modes)
            basis = FourierPair(length: length, modes: modes)
        }

        /// Floats held, for the workspace pool's size limit.
        var floatCount: Int { [hidden, next, projected, activated, spectrum, mixed].reduce(0) { $0 + $1.count } }
    }

    /// y `[batch, outputChannels, X]` from `input` `[batch, inputChannels, X]`.
    func apply(_ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, batch: Int, length: Int,
               workspace: Workspace) {
        let (width, layers, projection) = (configuration.width, configuration.layers, configuration.projectionWidth)
        var (x, y) = (workspace.hidden, workspace.next)
        Float.pointwiseConvolution(input, weight: lift.weight.base, bias: lift.bias.base, into: x.base,
                              batch: batch, inputs: inputChannels, outputs: width, length: length)
        for layer in 0..<layers {
            PlanKernels.spectral(x.base, weight: spectral[layer].base, into: y.base, batch: batch, inputs: width, outputs: width,
                                 length: length, basis: workspace.basis, spectrum: workspace.spectrum.base, mixed: workspace.mixed.base)
            Float.pointwiseConvolution(x.base, weight: pointwise[layer].weight.base, bias: pointwise[layer].bias.base, into: y.base,
                                  batch: batch, inputs: width, outputs: width, length: length, accumulate: true)
            if layer < layers - 1 {
                PlanKernels.gelu(y.base, into: x.base, count: batch * width * length)        // σ(y) becomes the next x
            } else {
                swap(&x, &y)
            }
        }
        Float.pointwiseConvolution(x.base, weight: project1.weight.base, bias: project1.bias.base, into: workspace.projected.base,
                              batch: batch, inputs: width, outputs: projection, length: length)
        PlanKernels.gelu(workspace.projected.base, into: workspace.activated.base, count: batch * projection * length)
        Float.pointwiseConvolution(workspace.activated.base, weight: project2.weight.base, bias: project2.bias.base, into: output,
                              batch: batch, inputs: projection, outputs: configuration.outputChannels, length: length)
    }
}

private func inputChannelsWithGrid(_ configuration: FNO1d<Float>.Configuration) -> Int {
    configuration.inputChannels + (configuration.appendGrid ? 1 : 0)
}
