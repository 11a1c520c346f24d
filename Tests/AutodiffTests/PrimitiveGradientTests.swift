import Testing
import Autodiff
import TensorCore
import TestSupport

/// Every primitive, first and second order, against central finite differences in Double.
@Suite("Primitive gradients")
struct PrimitiveGradientTests {
    typealias V = Variable<Double>

    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let shapes: [[Int]]
        let positive: Bool
        let secondOrder: Bool
        let function: @Sendable ([V]) -> V
        init(_ name: String, _ shapes: [[Int]], positive: Bool = false, secondOrder: Bool = true,
             _ function: @escaping @Sendable ([V]) -> V) {
            description = name; self.shapes = shapes; self.positive = positive
            self.secondOrder = secondOrder; self.function = function
        }
    }

    static let cases: [Case] = [
        Case("add (broadcast)", [[2, 3], [3]]) { $0[0] + $0[1] },
        Case("subtract (broadcast)", [[2, 1], [1, 3]]) { $0[0] - $0[1] },
        Case("multiply (broadcast)", [[2, 3], [2, 1]]) { $0[0] * $0[1] },
        Case("divide", [[2, 3], [2, 3]], positive: true) { $0[0] / $0[1] },
        Case("scale and shift", [[4]]) { $0[0] * 3 + 2 },
        Case("exp", [[5]]) { $0[0].exp() },
        Case("log", [[5]], positive: true) { $0[0].log() },
        Case("sqrt", [[5]], positive: true) { $0[0].sqrt() },
        Case("sin", [[5]]) { $0[0].sin() },
        Case("cos", [[5]]) { $0[0].cos() },
        Case("tanh", [[5]]) { $0[0].tanh() },
        Case("erf", [[5]]) { $0[0].erf() },
        Case("pow", [[5]], positive: true) { $0[0].pow(2.5) },
        Case("sigmoid", [[5]]) { $0[0].sigmoid() },
        Case("softplus", [[5]]) { $0[0].softplus() },
        Case("gelu", [[5]]) { $0[0].gelu() },
        Case("relu", [[5]], positive: true) { $0[0].relu() * $0[0] },
        Case("abs", [[5]], positive: true) { $0[0].abs() * $0[0] },
        Case("sum over axes", [[2, 3, 4]]) { ($0[0] * $0[0]).sum(axes: [0, 2]) },
        Case("mean keeping dims", [[2, 3, 4]]) { ($0[0] * $0[0]).mean(axes: [1], keepingDimensions: true) },
        Case("expand and sumToShape", [[3, 1]]) { ($0[0] * $0[0]).expanded(to: [2, 3, 4]).summed(toShape: [1, 3, 4]) },
        Case("reshape", [[2, 6]]) { ($0[0] * $0[0]).reshaped([3, 4]) },
        Case("permute (non-contiguous)", [[2, 3, 4]]) { ($0[0] * $0[0]).permuted([2, 0, 1]) * $0[0].permuted([2, 0, 1]) },
        Case("slice of a permuted view", [[4, 5]]) { ($0[0].transposed.sliced(axis: 0, 1..<4)).exp() },
        Case("pad", [[3, 2]]) { ($0[0] * $0[0]).padded(axis: 0, before: 1, after: 2) },
        Case("circular pad", [[2, 5]]) { ($0[0] * $0[0]).circularlyPadded(axis: 1, before: 2, after: 1) },
        Case("concatenate", [[2, 2], [2, 3]]) { V.concatenate([$0[0] * $0[0], $0[1].tanh()], axis: 1) },
        Case("gather", [[4, 2]]) { ($0[0] * $0[0]).gathered(axis: 0, indices: [3, 0, 3]) },
        Case("scatterAdd", [[3, 2]]) { ($0[0] * $0[0]).scatterAdded(axis: 0, indices: [1, 1, 4], length: 5) },
        Case("windows", [[2, 7]]) { ($0[0] * $0[0]).windows(axis: 1, size: 3, step: 2) },
        Case("windowsAdd", [[2, 3, 3]]) { ($0[0] * $0[0]).windowsAdded(axis: 1, size: 3, step: 2, length: 7) },
        Case("matmul", [[3, 4], [4, 2]]) { V.matmul($0[0], $0[1]) * V.matmul($0[0], $0[1]) },
        Case("batched matmul (broadcast)", [[2, 3, 4], [4, 5]]) { V.matmul($0[0].tanh(), $0[1]) * $0[0].sum() },
        Case("matmul of transposed views", [[4, 3], [2, 4]]) { V.matmul($0[0].transposed, $0[1].transposed).sin() },
        Case("affine (bias in gemm, transposed weight)", [[5, 3], [2, 3], [2]]) { V.affine($0[0], $0[1].transposed, $0[2]).tanh() },
        Case("affineTanh (fused)", [[5, 3], [2, 3], [2]]) { V.affineTanh($0[0], $0[1].transposed, $0[2]) },
        Case("conv1d zeros, stride 2", [[2, 2, 9], [3, 2, 3]]) { V.conv1d($0[0], weight: $0[1], stride: 2, padding: 1).tanh() },
        Case("conv1d circular, depthwise", [[1, 4, 8], [8, 1, 5]]) {
            V.conv1d($0[0], weight: $0[1], padding: 2, paddingMode: .circular, groups: 4).tanh()
        },
        Case("conv2d", [[1, 2, 5, 4], [3, 2, 3, 3]]) { V.conv2d($0[0], weight: $0[1], padding: 1).tanh() },
        Case("rfft even", [[2, 8]]) { ($0[0] * $0[0]).rfft() },
        Case("rfft odd", [[2, 7]]) { ($0[0] * $0[0]).rfft() },
        Case("irfft even", [[2, 5, 2]]) { ($0[0] * $0[0]).irfft(length: 8) },
        Case("irfft odd", [[2, 4, 2]]) { ($0[0] * $0[0]).irfft(length: 7) },
        Case("rfft 2-D", [[2, 4, 6]]) { ($0[0] * $0[0]).rfft(dimensions: 2) },
        Case("irfft 2-D", [[1, 4, 4, 2]]) { ($0[0] * $0[0]).irfft(dimensions: 2, length: 6) },
        Case("complex contraction", [[2, 3, 4, 2], [3, 2, 4, 2]]) { V.complexContract($0[0] * $0[0], $0[1]) },
        Case("layer norm", [[3, 6]]) { ($0[0] * $0[0]).layerNormalized(axes: [1]) },
        Case("softmax", [[3, 4]]) { ($0[0] * $0[0]).softmax(axis: 1) },
    ]

    @Test(arguments: cases)
    func matchesFiniteDifferences(_ testCase: Case) {
        var generator = RandomGenerator(seed: 1234)
        let inputs = testCase.shapes.map { shape -> Tensor<Double> in
            testCase.positive ? Tensor<Double>.randomUniform(shape, low: 0.5, high: 2, using: &generator)
                              : Tensor<Double>.randomNormal(shape, using: &generator)
        }
        let failures = GradientChecker(tolerance: 1e-6).check(at: inputs, secondOrder: testCase.secondOrder,
                                                              testCase.function)
        #expect(failures.isEmpty, "\(testCase): \(failures.prefix(3).joined(separator: "; "))")
    }
}
