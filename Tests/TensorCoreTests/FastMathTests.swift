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
        var inPlace = Tensor<Float>(points)
        inPlace.formTanh()
        #expect(inPlace.scalars == values)
        var worst = 0.0
        for (x, y) in zip(points, values) {
            let exact = Foundation.tanh(Double(x))
            worst = max(worst, Swift.abs(Double(y) - exact) / max(Swift.abs(exact), 1e-30))
        }
        #expect(worst < 1e-6, "worst relative error \(worst)")
    }
}

extension FastMathTests {
    @Test func erfAndGeluAreAccurate() {
        let x = points.filter { Swift.abs($0) < 12 }
        let erf = Tensor<Float>(x).erf().scalars
        let gelu = Tensor<Float>(x).gelu().scalars
        var (worstErf, worstGelu) = (0.0, 0.0)
        for index in x.indices {
            let v = Double(x[index])
            worstErf = max(worstErf, Swift.abs(Double(erf[index]) - Foundation.erf(v)))
            let exactGelu = v * (1 + Foundation.erf(v / 2.0.squareRoot())) / 2
            worstGelu = max(worstGelu, Swift.abs(Double(gelu[index]) - exactGelu) / max(1, Swift.abs(exactGelu)))
        }
        #expect(worstErf < 3e-7, "erf worst absolute error \(worstErf)")
        #expect(worstGelu < 1e-6, "GELU worst error \(worstGelu)")
    }

    @Test func geluBackwardMatchesTheDoubleDerivative() {
        let x = Tensor<Float>(points.filter { Swift.abs($0) < 12 })
        let g = Tensor<Float>(repeating: 1.5, shape: x.shape)
        let fast = Tensor.geluBackward(gradient: g, input: x).scalars
        let reference = Tensor.geluBackward(gradient: Tensor<Double>(repeating: 1.5, shape: x.shape),
                                            input: Tensor<Double>(x.scalars.map(Double.init))).scalars
        let worst = zip(fast, reference).map { Swift.abs(Double($0) - $1) }.max()!
        #expect(worst < 2e-6, "worst error \(worst)")
    }
}

extension FastMathTests {
    /// Large tensors are split across threads (when BLAS has more than one); every chunk,
    /// including a short last one, must be computed.
    @Test func largeTensorsAreComputedCompletely() {
        let count = 200_003
        let x = Tensor<Float>((0..<count).map { Float($0 % 1000) / 100 - 5 })
        let values = x.tanh().scalars
        var inPlace = x
        inPlace.formTanh()
        let reference = x.scalars.map { Foundation.tanh(Double($0)) }
        #expect(zip(values, reference).allSatisfy { Swift.abs(Double($0) - $1) < 1e-6 })
        #expect(inPlace.scalars == values)
        let g = Tensor<Float>(repeating: 2, shape: [count])
        let backward = Tensor.tanhBackward(gradient: g, output: x.tanh()).scalars
        #expect(zip(backward, reference).allSatisfy { Swift.abs(Double($0) - 2 * (1 - $1 * $1)) < 1e-5 })
    }
}
