import Testing
import TensorCore
import TestSupport

/// Direct-loop references for the gemm-based convolutions.
@Suite("Convolutions")
struct ConvolutionTests {
    static func referenceConv1d(_ x: Tensor<Double>, _ w: Tensor<Double>, stride: Int, padding: Int,
                                circular: Bool, groups: Int) -> Tensor<Double> {
        let (n, c, l) = (x.shape[0], x.shape[1], x.shape[2])
        let (o, cg, k) = (w.shape[0], w.shape[1], w.shape[2])
        let lout = (l + 2 * padding - k) / stride + 1
        var out = [Double](repeating: 0, count: n * o * lout)
        for b in 0..<n { for oc in 0..<o { for p in 0..<lout {
            let g = oc / (o / groups)
            var s = 0.0
            for ic in 0..<cg { for kk in 0..<k {
                var pos = p * stride + kk - padding
                if circular { pos = (pos % l + l) % l } else if pos < 0 || pos >= l { continue }
                s += w[oc, ic, kk] * x[b, g * cg + ic, pos]
            } }
            out[(b * o + oc) * lout + p] = s
        } } }
        _ = c
        return Tensor(shape: [n, o, lout], scalars: out)
    }

    @Test(arguments: [(1, 0, false, 1), (2, 1, false, 1), (1, 2, true, 1), (1, 2, false, 4), (1, 2, true, 2)])
    func conv1dMatchesDirectLoop(stride: Int, padding: Int, circular: Bool, groups: Int) {
        var generator = RandomGenerator(seed: 21)
        let x = Tensor<Double>.randomNormal([2, 4, 11], using: &generator)
        let w = Tensor<Double>.randomNormal([8, 4 / groups, 5], using: &generator)
        let y = Tensor.conv1d(x, weight: w, stride: stride, padding: padding,
                              paddingMode: circular ? .circular : .zeros, groups: groups)
        let expected = Self.referenceConv1d(x, w, stride: stride, padding: padding, circular: circular, groups: groups)
        #expect(y.shape == expected.shape)
        #expect(maxDifference(y, expected) < 1e-10)
    }

    /// `Tensor.conv1d` runs a direct loop for grouped convolutions and few taps; the windows-and-gemm
    /// pipeline is the reference here (both precisions, strides, circular padding).
    @Test(arguments: [(1, 5, 1, 2, 1, false), (3, 3, 1, 1, 2, true), (6, 5, 3, 2, 1, false), (4, 1, 4, 0, 2, false), (2, 4, 1, 0, 1, true)])
    func directConv1dMatchesGemmPipeline(inputs: Int, kernel: Int, groups: Int, padding: Int, stride: Int, circular: Bool) {
        var generator = RandomGenerator(seed: 23)
        let options = ConvolutionOptions(stride: stride, padding: padding, paddingMode: circular ? .circular : .zeros, groups: groups)
        let x = Tensor<Double>.randomNormal([2, inputs, 13], using: &generator)
        let w = Tensor<Double>.randomNormal([2 * groups, inputs / groups, kernel], using: &generator)
        let direct = Tensor.conv1d(x, weight: w, options: options)
        let reference = Self.referenceConv1d(x, w, stride: stride, padding: padding, circular: circular, groups: groups)
        #expect(direct.shape == reference.shape)
        #expect(maxDifference(direct, reference) < 1e-12)
        #expect(maxDifference(direct, Convolution.conv1d(x, weight: w, options: options)) < 1e-12)
        let single = Tensor.conv1d(x.converted(to: Float.self), weight: w.converted(to: Float.self), options: options)
        #expect(maxDifference(single.converted(to: Double.self), reference) < 1e-5)
    }

    @Test func pointwiseConvolutionIsOneMatrixProductPerSample() {
        var generator = RandomGenerator(seed: 24)
        let x = Tensor<Float>.randomNormal([3, 5, 7], using: &generator).permuted([0, 1, 2])
        let w = Tensor<Float>.randomNormal([4, 5], using: &generator)
        let b = Tensor<Float>.randomNormal([4], using: &generator)
        let expected = Tensor.matmul(w, x) + b.reshaped([4, 1])
        #expect(maxDifference(Tensor.pointwiseConvolution(x, weight: w, bias: b), expected) < 1e-5)
        #expect(maxDifference(Tensor.pointwiseConvolution(x, weight: w), Tensor.matmul(w, x)) < 1e-5)
        let strided = Tensor<Float>.randomNormal([7, 5, 3], using: &generator).permuted([2, 1, 0])
        #expect(maxDifference(Tensor.pointwiseConvolution(strided, weight: w, bias: b), Tensor.matmul(w, strided) + b.reshaped([4, 1])) < 1e-5)
    }

    @Test(arguments: [(1, 1, false, 1), (2, 0, false, 1), (1, 1, true, 3)])
    func conv2dMatchesDirectLoop(stride: Int, padding: Int, circular: Bool, groups: Int) {
        var generator = RandomGenerator(seed: 22)
        let (n, c, h, wd, o, k) = (2, 3, 6, 7, 6, 3)
        let x = Tensor<Double>.randomNormal([n, c, h, wd], using: &generator)
        let w = Tensor<Double>.randomNormal([o, c / groups, k, k], using: &generator)
        let y = Tensor.conv2d(x, weight: w, stride: stride, padding: padding,
                              paddingMode: circular ? .circular : .zeros, groups: groups)
        let ho = (h + 2 * padding - k) / stride + 1, wo = (wd + 2 * padding - k) / stride + 1
        #expect(y.shape == [n, o, ho, wo])
        var worst = 0.0
        for b in 0..<n { for oc in 0..<o { for i in 0..<ho { for j in 0..<wo {
            let g = oc / (o / groups), cg = c / groups
            var s = 0.0
            for ic in 0..<cg { for ki in 0..<k { for kj in 0..<k {
                var r = i * stride + ki - padding, q = j * stride + kj - padding
                if circular { r = (r % h + h) % h; q = (q % wd + wd) % wd } else if r < 0 || r >= h || q < 0 || q >= wd { continue }
                s += w[oc, ic, ki, kj] * x[b, g * cg + ic, r, q]
            } } }
            worst = max(worst, Swift.abs(s - y[b, oc, i, j]))
        } } } }
        #expect(worst < 1e-10)
    }
}
