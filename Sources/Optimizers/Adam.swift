import CVectorMath
import NeuralNetworks
import TensorCore

/// Adam (Kingma & Ba) and AdamW (Loshchilov & Hutter).
///
///     m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
///     θ ← θ − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
///
/// With `decoupledWeightDecay` (AdamW) θ is first shrunk by lr·λ·θ; otherwise (Adam) λθ is
/// added to the gradient, as in PyTorch.
public struct Adam<Scalar: TensorScalar>: Sendable {
    public var learningRate: Scalar
    public var beta1: Scalar
    public var beta2: Scalar
    public var epsilon: Scalar
    public var weightDecay: Scalar
    public var decoupledWeightDecay: Bool
    public private(set) var step = 0
    private var firstMoments = [String: Tensor<Scalar>]()
    private var secondMoments = [String: Tensor<Scalar>]()

    public init(learningRate: Scalar = 1e-3, beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-8,
                weightDecay: Scalar = 0, decoupledWeightDecay: Bool = false) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// AdamW with PyTorch's default decay 0.01.
    public static func adamW(learningRate: Scalar = 1e-3, weightDecay: Scalar = 0.01) -> Adam {
        Adam(learningRate: learningRate, weightDecay: weightDecay, decoupledWeightDecay: true)
    }

    /// The moment estimates, as `m.<name>` and `v.<name>`, for saving a training run.
    public var moments: [String: Tensor<Scalar>] {
        var all = [String: Tensor<Scalar>]()
        for (name, m) in firstMoments { all["m." + name] = m }
        for (name, v) in secondMoments { all["v." + name] = v }
        return all
    }

    /// Continues a saved run: the step count and the moments written by `moments`.
    public mutating func restore(step: Int, moments: [String: Tensor<Scalar>]) {
        self.step = step
        firstMoments = [:]
        secondMoments = [:]
        for (key, tensor) in moments {
            if key.hasPrefix("m.") { firstMoments[String(key.dropFirst(2))] = tensor }
            if key.hasPrefix("v.") { secondMoments[String(key.dropFirst(2))] = tensor }
        }
    }

    /// One update of every parameter that has a gradient.
    public mutating func update(_ parameters: inout ParameterSet<Scalar>, along gradients: ParameterSet<Scalar>) {
        step += 1
        // AdamW shrinks θ by (1 − lr·λ); Adam adds λθ to the gradient. One branch-free loop.
        let constants = StepConstants(
            beta1: beta1, beta2: beta2, epsilon: epsilon,
            stepSize: learningRate / (1 - Scalar.pow(beta1, step)),
            secondCorrection: 1 / (1 - Scalar.pow(beta2, step)).squareRoot(),
            shrink: decoupledWeightDecay ? 1 - learningRate * weightDecay : 1,
            gradientDecay: decoupledWeightDecay ? 0 : weightDecay)
        for name in parameters.names {
            guard var theta = parameters[name], let grad = gradients[name] else { continue }
            precondition(grad.shape == theta.shape, "gradient \(grad.shape) for parameter '\(name)' \(theta.shape)")
            // Taken out of their sets first, so that the buffers are updated in place.
            parameters[name] = nil
            var m = firstMoments.removeValue(forKey: name) ?? .zeros(theta.shape)
            var v = secondMoments.removeValue(forKey: name) ?? .zeros(theta.shape)
            grad.withUnsafeBufferPointer { g in
                m.withUnsafeMutableBufferPointer { m in
                    v.withUnsafeMutableBufferPointer { v in
                        theta.withUnsafeMutableBufferPointer { p in
                            Self.step(p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!, count: p.count,
                                      constants: constants)
                        }
                    }
                }
            }
            parameters[name] = theta
            firstMoments[name] = m
            secondMoments[name] = v
        }
    }

    private struct StepConstants {
        var beta1, beta2, epsilon, stepSize, secondCorrection, shrink, gradientDecay: Scalar
    }

    /// θ ← shrink·θ − stepSize · m / (√v · secondCorrection + ε), with m and v updated first
    /// (vectorised in `CVectorMath` for Float).
    private static func step(_ p: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, _ m: UnsafeMutablePointer<Scalar>,
                             _ v: UnsafeMutablePointer<Scalar>, count: Int, constants c: StepConstants) {
        if Scalar.self == Float.self {
            func float(_ x: Scalar) -> Float { Float(x) }
            func rebound<T>(_ pointer: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<Float> {
                UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: Float.self)
            }
            nonisolated(unsafe) let (pf, gf, mf, vf) = (rebound(p), UnsafeRawPointer(g).assumingMemoryBound(to: Float.self),
                                                        rebound(m), rebound(v))
            let constants = [c.beta1, c.beta2, c.epsilon, c.stepSize, c.secondCorrection, c.shrink, c.gradientDecay].map(float)
            ElementwiseParallelism.forEachChunk(count) { start, length in
                vm_adam_step_f32(pf + start, gf + start, mf + start, vf + start, length, constants[0], constants[1],
                                 constants[2], constants[3], constants[4], constants[5], constants[6])
            }
            return
        }
        for i in 0..<count {
            let gi = g[i] + c.gradientDecay * p[i]
            let mi = c.beta1 * m[i] + (1 - c.beta1) * gi
            let vi = c.beta2 * v[i] + (1 - c.beta2) * gi * gi
            m[i] = mi
            v[i] = vi
            p[i] = p[i] * c.shrink - c.stepSize * mi / (vi.squareRoot() * c.secondCorrection + c.epsilon)
        }
    }
}
