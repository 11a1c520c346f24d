import NeuralNetworks
import TensorCore

/// `CAPE1d`'s estimate û for inference on flat buffers (see `ConditionedFNO1dPlan`):
///
///     y = a₀ ⊙ Up(K_spec(Pool h)) + (diag(a₁) P + Q)(h) + a₂ ⊙ D(h),   h = GELU(Conv_K u)
///     û = u + γ ⊙ LN_x(R(GELU(y))) + δ
///
/// a_i(λ) are fixed for a rollout, so `condition` folds a₁ into the pointwise weights once
/// (one gemm per step instead of two).
struct CAPE1dPlan: Sendable {
    let configuration: CAPE1d<Float>.Configuration
    private let lift: PlanBuffer
    private let attention: [(hiddenWeight: PlanBuffer, hiddenBias: PlanBuffer, weight: PlanBuffer, bias: PlanBuffer)]
    private let spectral: PlanBuffer
    private let pointwise: (weight: PlanBuffer, bias: PlanBuffer)
    private let plain: (weight: PlanBuffer, bias: PlanBuffer)
    private let depthwise: PlanBuffer
    private let projection: (weight: PlanBuffer, bias: PlanBuffer)
    private let norm: (weight: PlanBuffer, bias: PlanBuffer)

    private var half: Int { configuration.width / 2 }

    init(configuration: CAPE1d<Float>.Configuration, weights: PlanWeights) {
        self.configuration = configuration
        let (fields, p, d, kernel) = (configuration.fields, configuration.parameters, configuration.width, configuration.kernel)
        let h = d / 2
        lift = weights.scope("lift")("weight", count: h * fields * kernel)
        attention = (0..<3).map { path in
            let first = weights.scope("attention.\(path).layers.0"), second = weights.scope("attention.\(path).layers.1")
            return (first("weight", count: h * p), first("bias", count: h), second("weight", count: d * h), second("bias", count: d))
        }
        spectral = weights.scope("spectral")("weight", count: h * d * configuration.modes * 2)
        pointwise = (weights.scope("pointwise")("weight", count: d * h), weights.scope("pointwise")("bias", count: d))
        plain = (weights.scope("plain")("weight", count: d * h), weights.scope("plain")("bias", count: d))
        depthwise = weights.scope("depthwise")("weight", count: d * kernel)
        projection = (weights.scope("projection")("weight", count: fields * d), weights.scope("projection")("bias", count: fields))
        norm = (weights.scope("norm")("weight", count: fields), weights.scope("norm")("bias", count: fields))
    }

    /// Writes what a rollout's PDE parameters `lambda` `[batch, p]` fix into `w`: the attention
    /// vectors a_i(λ) = W₂ GELU(W₁ λ + b₁) + b₂ (a₀ and a₂ `[batch, d]`), and the pointwise path
    /// folded with a₁, diag(a₁) P + Q `[batch, d, d/2]` and a₁ ⊙ b_P + b_Q `[batch, d]`.
    func condition(_ lambda: UnsafePointer<Float>, batch: Int, into w: Workspace) {
        let (p, d, h) = (configuration.parameters, configuration.width, half)
        let hidden = w.attentionHidden.base, activated = w.attentionActivated.base
        for (mlp, vector) in zip(attention, [w.spectralScale.base, w.pointwiseScale.base, w.depthwiseScale.base]) {
            let (w1, b1, w2, b2) = (mlp.hiddenWeight.base, mlp.hiddenBias.base, mlp.weight.base, mlp.bias.base)
            for sample in 0..<batch {
                for j in 0..<h {
                    var sum = b1[j]
                    for i in 0..<p { sum += w1[j * p + i] * lambda[sample * p + i] }
                    hidden[j] = sum
                }
                PlanKernels.gelu(hidden, into: activated, count: h)
                for o in 0..<d {
                    var sum = b2[o]
                    for j in 0..<h { sum += w2[o * h + j] * activated[j] }
                    vector[sample * d + o] = sum
                }
            }
        }
        let (scales, weight, bias) = (w.pointwiseScale.base, w.pointwiseWeight.base, w.pointwiseBias.base)
        let (pointwiseWeight, pointwiseBias) = (pointwise.weight.base, pointwise.bias.base)
        let (plainWeight, plainBias) = (plain.weight.base, plain.bias.base)
        for sample in 0..<batch {
            for o in 0..<d {
                let scale = scales[sample * d + o], row = weight + (sample * d + o) * h
                for j in 0..<h { row[j] = scale * pointwiseWeight[o * h + j] + plainWeight[o * h + j] }
                bias[sample * d + o] = scale * pointwiseBias[o] + plainBias[o]
            }
        }
    }

    /// Scratch space for `condition` and `estimate` on `batch` samples of `length` points.
    final class Workspace: @unchecked Sendable {
        /// Padded buffers keep zero borders; the others are written in full before each read.
        let paddedState, lifted, hidden, paddedHidden, pooled, global, spectrum, mixed, mixedPaths, depthwise, activated, projected: PlanBuffer
        /// `condition`'s results and scratch.
        let spectralScale, pointwiseScale, depthwiseScale, pointwiseWeight, pointwiseBias, attentionHidden, attentionActivated: PlanBuffer
        let basis: FourierPair

        init(_ plan: CAPE1dPlan, batch: Int, length: Int) {
            let config = plan.configuration
            let (d, h, pad, coarse) = (config.width, config.width / 2, config.kernel - 1, length / config.pool)
            paddedState = PlanBuffer(count: batch * config.fields * (length + pad))
            lifted = PlanBuffer(scratch: batch * h * length)
            hidden = PlanBuffer(scratch: batch * h * length)
            paddedHidden = PlanBuffer(count: batch * h * (length + pad))
            pooled = PlanBuffer(scratch: batch * h * coarse)
            global = PlanBuffer(scratch: batch * d * coarse)
            spectrum = PlanBuffer(scratch: batch * h * 2 * config.modes)
            mixed = PlanBuffer(scratch: batch * d * 2 * config.modes)
            mixedPaths = PlanBuffer(scratch: batch * d * length)
            depthwise = PlanBuffer(scratch: batch * d * length)
            activated = PlanBuffer(scratch: batch * d * length)
            projected = PlanBuffer(scratch: batch * config.fields * length)
            spectralScale = PlanBuffer(scratch: batch * d)
            pointwiseScale = PlanBuffer(scratch: batch * d)
            depthwiseScale = PlanBuffer(scratch: batch * d)
            pointwiseWeight = PlanBuffer(scratch: batch * d * h)
            pointwiseBias = PlanBuffer(scratch: batch * d)
            attentionHidden = PlanBuffer(scratch: h)
            attentionActivated = PlanBuffer(scratch: h)
            basis = FourierPair(length: coarse, modes: config.modes)
        }

        /// Floats held, for the workspace pool's size limit.
        var floatCount: Int {
            [paddedState, lifted, hidden, paddedHidden, pooled, global, spectrum, mixed, mixedPaths, depthwise, activated, projected,
             spectralScale, pointwiseScale, depthwiseScale, pointwiseWeight, pointwiseBias].reduce(0) { $0 + $1.count }
        }
    }

    /// û `[batch, c, X]` from the state u `[batch, c, X]` (X a multiple of the pooling factor).
    /// `condition` must have written `w`'s conditioning for this rollout.
    func estimate(_ state: UnsafePointer<Float>, into estimate: UnsafeMutablePointer<Float>, batch: Int, length: Int,
                  workspace w: Workspace) {
        let config = configuration
        let (c, d, h, kernel, pool) = (config.fields, config.width, half, config.kernel, config.pool)
        let (padded, coarse) = (length + kernel - 1, length / pool)
        // h = GELU(Conv_K u), "same" zero padding; kept padded as well for the depthwise path.
        PlanKernels.copyRows(state, into: w.paddedState.base, rows: batch * c, length: length, stride: padded, offset: kernel / 2)
        Float.directConv1d(w.paddedState.base, lift.base, into: w.lifted.base, batch: batch, inputs: c, length: padded,
                           outputs: h, groups: 1, kernel: kernel, stride: 1, outputLength: length)
        PlanKernels.gelu(w.lifted.base, into: w.hidden.base, count: batch * h * length)
        PlanKernels.copyRows(w.hidden.base, into: w.paddedHidden.base, rows: batch * h, length: length, stride: padded, offset: kernel / 2)
        // Spectral path on the pooled grid, scaled by a₀ and repeated back to every point.
        let (hidden, pooled) = (w.hidden.base, w.pooled.base)
        for row in 0..<(batch * h) {
            let source = hidden + row * length, target = pooled + row * coarse
            for i in 0..<coarse {
                var sum: Float = 0
                for k in 0..<pool { sum += source[i * pool + k] }
                target[i] = sum / Float(pool)
            }
        }
        PlanKernels.spectral(w.pooled.base, weight: spectral.base, into: w.global.base, batch: batch, inputs: h, outputs: d,
                             length: coarse, basis: w.basis, spectrum: w.spectrum.base, mixed: w.mixed.base)
        let (spectralScale, global, mixedPaths) = (w.spectralScale.base, w.global.base, w.mixedPaths.base)
        for row in 0..<(batch * d) {
            let scale = spectralScale[row]
            let source = global + row * coarse, target = mixedPaths + row * length
            for i in 0..<coarse {
                let value = scale * source[i]
                for k in 0..<pool { target[i * pool + k] = value }
            }
        }
        // Pointwise paths, folded: (diag(a₁) P + Q) h + a₁ ⊙ b_P + b_Q, per sample.
        for sample in 0..<batch {
            Float.pointwiseConvolution(hidden + sample * h * length, weight: w.pointwiseWeight.base + sample * d * h,
                                  bias: w.pointwiseBias.base + sample * d, into: mixedPaths + sample * d * length,
                                  batch: 1, inputs: h, outputs: d, length: length, accumulate: true)
        }
        // Depthwise path: two outputs per hidden channel, scaled by a₂.
        Float.directConv1d(w.paddedHidden.base, depthwise.base, into: w.depthwise.base, batch: batch, inputs: h, length: padded,
                           outputs: d, groups: h, kernel: kernel, stride: 1, outputLength: length)
        let (depthwiseScale, depthwiseOutput) = (w.depthwiseScale.base, w.depthwise.base)
        for row in 0..<(batch * d) {
            let scale = depthwiseScale[row]
            let source = depthwiseOutput + row * length, target = mixedPaths + row * length
            for i in 0..<length { target[i] += scale * source[i] }
        }
        PlanKernels.gelu(w.mixedPaths.base, into: w.activated.base, count: batch * d * length)
        Float.pointwiseConvolution(w.activated.base, weight: projection.weight.base, bias: projection.bias.base, into: w.projected.base,
                              batch: batch, inputs: d, outputs: c, length: length)
        // û = u + γ LN_x(r) + δ, the normalisation over space per sample and field.
        let (projected, gamma, delta) = (w.projected.base, norm.weight.base, norm.bias.base)
        for row in 0..<(batch * c) {
            let source = projected + row * length, field = row % c
            var mean: Float = 0
            for i in 0..<length { mean += source[i] }
            mean /= Float(length)
            var variance: Float = 0
            for i in 0..<length { variance += (source[i] - mean) * (source[i] - mean) }
            variance /= Float(length)
            let scale = gamma[field] / (variance + 1e-5).squareRoot(), shift = delta[field]
            for i in 0..<length {
                estimate[row * length + i] = state[row * length + i] + (source[i] - mean) * scale + shift
            }
        }
    }
}
