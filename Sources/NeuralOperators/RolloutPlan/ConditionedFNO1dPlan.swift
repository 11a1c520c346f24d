import NeuralNetworks
import TensorCore

/// A saved `ConditionedFNO1d<Float>`'s rollout compiled for inference: the weights copied once
/// into the layouts the kernels read, every intermediate in buffers allocated once (and reused
/// by later rollouts of the same shape), and each step a fixed sequence of gemms and vector
/// kernels, without tensors, variables or parameter lookups. It computes what `ConditionedOperator.rollout` computes, up to rounding
/// (the tests hold the two together), several times faster for a server's small requests, where
/// that bookkeeping costs more than the arithmetic.
public struct ConditionedFNO1dPlan: Sendable {
    public let configuration: ConditionedFNO1d<Float>.Configuration
    private let base: FNO1dPlan
    private let cape: CAPE1dPlan?
    private let head: (weight: PlanBuffer, bias: PlanBuffer)?
    private let workspaces = WorkspacePool()

    public init(model: ConditionedFNO1d<Float>, parameters: ParameterSet<Float>) {
        configuration = model.configuration
        let weights = PlanWeights(parameters: parameters)
        base = FNO1dPlan(configuration: configuration.base, weights: weights.scope("base"))
        cape = configuration.cape.map { CAPE1dPlan(configuration: $0, weights: weights.scope("cape")) }
        let c = configuration.fields
        head = cape == nil ? nil : (weights.scope("head")("weight", count: c * 2 * c), weights.scope("head")("bias", count: c))
    }

    /// `[N, steps, c, X]` from `initial` `[N, c, X]` and the PDE parameters `[N, p]`, fully
    /// autoregressive (the initial frame not included).
    public func rollout(_ initial: Tensor<Float>, pdeParameters: Tensor<Float>, steps: Int) -> Tensor<Float> {
        let (batch, c, p) = (initial.shape[0], configuration.fields, configuration.parameters)
        precondition(initial.rank == 3 && initial.shape[1] == c && pdeParameters.shape == [batch, p],
                     "rollout plan: expected a state [N, \(c), X] and parameters [N, \(p)], got \(initial.shape) and \(pdeParameters.shape)")
        let length = initial.shape[2]
        if let pool = configuration.cape?.pool {
            precondition(length % pool == 0, "rollout plan: \(length) points is not a multiple of CAPE's pooling factor \(pool)")
        }
        let w = workspaces.take(batch: batch, length: length) {
            RolloutWorkspace(base: base, cape: cape, fields: c, batch: batch, length: length)
        }
        defer { workspaces.give(w) }
        let lambda = PlanBuffer(pdeParameters)
        initial.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { w.state.base.update(from: start, count: source.count) }
        }
        if let cape, let capeWorkspace = w.cape { cape.condition(lambda.base, batch: batch, into: capeWorkspace) }
        let channels = base.inputChannels
        if configuration.conditioning == .channels {                      // λ as constant channels after u
            for sample in 0..<batch {
                for k in 0..<p {
                    (w.baseInput.base + (sample * channels + c + k) * length).update(repeating: lambda[sample * p + k], count: length)
                }
            }
        }
        let frame = c * length
        return Tensor(shape: [batch, steps, c, length]) { frames in
            var (current, following) = (w.state, w.next)
            for step in 0..<steps {
                if let cape, let capeWorkspace = w.cape {
                    cape.estimate(current.base, into: w.estimate.base, batch: batch, length: length, workspace: capeWorkspace)
                    PlanKernels.copyRows(w.estimate.base, into: w.baseInput.base, rows: batch, length: frame,
                                         stride: channels * length, offset: frame)
                }
                PlanKernels.copyRows(current.base, into: w.baseInput.base, rows: batch, length: frame, stride: channels * length, offset: 0)
                if let head {                                               // base 2c → 2c, then the 1×1 head 2c → c
                    base.apply(w.baseInput.base, into: w.baseOutput.base, batch: batch, length: length, workspace: w.base)
                    Float.pointwiseConvolution(w.baseOutput.base, weight: head.weight.base, bias: head.bias.base, into: following.base,
                                          batch: batch, inputs: 2 * c, outputs: c, length: length)
                } else {
                    base.apply(w.baseInput.base, into: following.base, batch: batch, length: length, workspace: w.base)
                }
                for sample in 0..<batch {
                    (frames.baseAddress! + (sample * steps + step) * frame).update(from: following.base + sample * frame, count: frame)
                }
                swap(&current, &following)
            }
        }
    }
}
