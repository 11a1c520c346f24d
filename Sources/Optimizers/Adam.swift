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

    /// One update of every parameter that has a gradient.
    public mutating func update(_ parameters: inout ParameterSet<Scalar>, along gradients: ParameterSet<Scalar>) {
        step += 1
        let (lr, b1, b2, eps) = (learningRate, beta1, beta2, epsilon)
        let correction1 = 1 - Scalar.pow(b1, step), correction2 = 1 - Scalar.pow(b2, step)
        // AdamW shrinks θ by (1 − lr·λ); Adam adds λθ to the gradient. One branch-free loop.
        let shrink = decoupledWeightDecay ? 1 - lr * weightDecay : 1
        let gradientDecay = decoupledWeightDecay ? 0 : weightDecay
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
                            for i in 0..<p.count {
                                let gi = g[i] + gradientDecay * p[i]
                                m[i] = b1 * m[i] + (1 - b1) * gi
                                v[i] = b2 * v[i] + (1 - b2) * gi * gi
                                p[i] = p[i] * shrink - lr * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + eps)
                            }
                        }
                    }
                }
            }
            parameters[name] = theta
            firstMoments[name] = m
            secondMoments[name] = v
        }
    }
}
