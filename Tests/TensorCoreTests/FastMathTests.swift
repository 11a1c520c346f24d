import Foundation
import Testing
import TensorCore

/// The vectorised Float exp and tanh agree with double-precision libm.
@Suite("Single-precision elementary functions")
struct FastMathTests {
    let points = (0...20_000).map { Float(-40 + Double($0) * 0.004) } + [0, -0, 1e-8, -1e-8, 88, -87, 100, -100]

    @Test func expIsAccurate() {
        let values = Tensor<Float>(points).exp().scalars
        for (x, y) in zip(points, values) where x > -80 {
            if x > 88.8 { #expect(y == .infinity); continue }
            let exact = Foundation.exp(Double(x))
            #expect(Swift.abs(Double(y) - exact) <= 4e-7 * exact, "exp(\(x)) = \(y), expected \(exact)")
        }
    }

    @Test func tanhIsAccurate() {
        let values = Tensor<Float>(points).tanh().scalars
        var worst = 0.0
        for (x, y) in zip(points, values) {
            let exact = Foundation.tanh(Double(x))
            worst = max(worst, Swift.abs(Double(y) - exact) / max(Swift.abs(exact), 1e-30))
        }
        #expect(worst < 1e-6, "worst relative error \(worst)")
    }
}
