import Testing
import Autodiff
import TensorCore
import TestSupport

/// Losses that contain derivatives of a network's output with respect to its inputs.
@Suite("Higher-order derivatives")
struct HigherOrderTests {
    typealias V = Variable<Double>

    /// A two-layer tanh network u(z) = W₂ tanh(z W₁ + b₁) with z = [x, t] per row.
    static func network(_ z: V, _ w1: V, _ b1: V, _ w2: V) -> V {
        V.matmul((V.matmul(z, w1) + b1).tanh(), w2)
    }

    @Test func derivativesOfAKnownFunction() {
        // u(x, y) = x² y + sin(x): u_x = 2xy + cos x, u_xx = 2y − sin x, u_xy = 2x.
        let points = Tensor<Double>(shape: [3, 2], scalars: [0.3, -1.2, 1.1, 0.5, -0.7, 2.0])
        let z = V(tracking: points)
        let x = z.sliced(axis: 1, 0..<1), y = z.sliced(axis: 1, 1..<2)
        let u = x * x * y + x.sin()
        let du = gradient(of: u.sum(), wrt: z, createGraph: true)
        let ux = du.sliced(axis: 1, 0..<1)
        let second = gradient(of: ux.sum(), wrt: z, createGraph: true)
        for row in 0..<3 {
            let (px, py) = (points[row, 0], points[row, 1])
            #expect(Swift.abs(ux.value[row, 0] - (2 * px * py + Double.cos(px))) < 1e-12)
            #expect(Swift.abs(second.value[row, 0] - (2 * py - Double.sin(px))) < 1e-12)
            #expect(Swift.abs(second.value[row, 1] - 2 * px) < 1e-12)
        }
        // Third order: d/dx of u_xx = −cos x.
        let third = gradient(of: second.sliced(axis: 1, 0..<1).sum(), wrt: z)
        for row in 0..<3 { #expect(Swift.abs(third.value[row, 0] + Double.cos(points[row, 0])) < 1e-12) }
    }

    @Test func pinnResidualLossGradientMatchesFiniteDifferences() {
        // L(θ) = mean((u_t + c u_x − ν u_xx)²) over collocation points; check ∂L/∂θ.
        var generator = RandomGenerator(seed: 77)
        let points = Tensor<Double>.randomUniform([6, 2], low: -1, high: 1, using: &generator)
        let parameters = [Tensor<Double>.randomNormal([2, 5], using: &generator),
                          Tensor<Double>.randomNormal([5], using: &generator),
                          Tensor<Double>.randomNormal([5, 1], using: &generator)]
        let failures = GradientChecker(tolerance: 1e-6).check(at: parameters, secondOrder: false) { theta in
            let z = V(tracking: points)
            let u = Self.network(z, theta[0], theta[1], theta[2])
            let du = gradient(of: u.sum(), wrt: z, createGraph: true)
            let ux = du.sliced(axis: 1, 0..<1), ut = du.sliced(axis: 1, 1..<2)
            let uxx = gradient(of: ux.sum(), wrt: z, createGraph: true).sliced(axis: 1, 0..<1)
            let residual = ut + ux * 2.0 - uxx * 0.1
            return (residual * residual).mean()
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test func mongeAmpereHessianLossGradientMatchesFiniteDifferences() {
        // Potential φ(x, y); loss mean(((1 + φ_xx)(1 + φ_yy) − φ_xy² − m)²) with m a monitor.
        var generator = RandomGenerator(seed: 78)
        let points = Tensor<Double>.randomUniform([5, 2], low: 0, high: 1, using: &generator)
        let monitor = Tensor<Double>.randomUniform([5, 1], low: 0.5, high: 2, using: &generator)
        let parameters = [Tensor<Double>.randomNormal([2, 4], using: &generator),
                          Tensor<Double>.randomNormal([4], using: &generator),
                          Tensor<Double>.randomNormal([4, 1], using: &generator)]
        let failures = GradientChecker(tolerance: 1e-6).check(at: parameters, secondOrder: false) { theta in
            let z = V(tracking: points)
            let phi = Self.network(z, theta[0], theta[1], theta[2])
            let grad = gradient(of: phi.sum(), wrt: z, createGraph: true)
            let rowX = gradient(of: grad.sliced(axis: 1, 0..<1).sum(), wrt: z, createGraph: true)
            let phiYY = gradient(of: grad.sliced(axis: 1, 1..<2).sum(), wrt: z, createGraph: true).sliced(axis: 1, 1..<2)
            let phiXX = rowX.sliced(axis: 1, 0..<1), phiXY = rowX.sliced(axis: 1, 1..<2)
            let equation = (phiXX + 1.0) * (phiYY + 1.0) - phiXY * phiXY - V(monitor)
            return (equation * equation).mean()
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test func constantsAndUnrelatedInputsGetZeroGradients() {
        let a = V(tracking: Tensor<Double>([1, 2]))
        let b = V(tracking: Tensor<Double>([3, 4]))
        let grads = gradients(of: (a * a).sum(), wrt: [a, b])
        #expect(grads[0].value.scalars == [2, 4])
        #expect(grads[1].value.scalars == [0, 0])
        let constant = withoutRecording { (a * a).sum() }
        #expect(!constant.isTracked)
    }
}
