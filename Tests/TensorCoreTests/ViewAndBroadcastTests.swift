import Testing
import TensorCore
import TestSupport

@Suite("Views and broadcasting")
struct ViewAndBroadcastTests {
    let x = Tensor<Double>(shape: [2, 3, 4], scalars: (0..<24).map(Double.init))

    @Test func viewsShareStorage() {
        #expect(x.permuted([2, 0, 1]).storage === x.storage)
        #expect(x.sliced(axis: 1, 1..<3).storage === x.storage)
        #expect(x.reshaped([6, 4]).storage === x.storage)
        #expect(x.expanded(to: [5, 2, 3, 4]).storage === x.storage)
        #expect(!x.permuted([2, 0, 1]).isContiguous)
    }

    @Test func permuteThenContiguousMovesElements() {
        let p = x.permuted([2, 0, 1]).contiguous()
        #expect(p.shape == [4, 2, 3])
        for i in 0..<4 { for j in 0..<2 { for k in 0..<3 { #expect(p[i, j, k] == x[j, k, i]) } } }
    }

    @Test func sliceAndStride() {
        let s = x.sliced(axis: 2, 1..<3)
        #expect(s.shape == [2, 3, 2])
        #expect(s[1, 2, 0] == x[1, 2, 1])
        let t = x.strided(axis: 2, start: 1, step: 2)
        #expect(t.scalars == [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23])
    }

    @Test func broadcastingArithmetic() {
        let row = Tensor<Double>([10, 20, 30, 40])
        let column = Tensor<Double>(shape: [3, 1], scalars: [1, 2, 3])
        let sum = x + row
        #expect(sum[1, 2, 3] == x[1, 2, 3] + 40)
        let product = x * column
        #expect(product.shape == [2, 3, 4])
        #expect(product[1, 2, 3] == x[1, 2, 3] * 3)
        // Non-contiguous operands.
        let mixed = x.permuted([0, 2, 1]) - x.permuted([0, 2, 1])
        #expect(mixed.maxAbs() == 0)
    }

    @Test func reductionsOverAxes() {
        let s = x.sum(axes: [0, 2])
        #expect(s.shape == [3])
        for j in 0..<3 {
            var expected = 0.0
            for i in 0..<2 { for k in 0..<4 { expected += x[i, j, k] } }
            #expect(s[j] == expected)
        }
        #expect(x.sum(axes: [1], keepingDimensions: true).shape == [2, 1, 4])
        #expect(x.mean() == 11.5)
        #expect(x.max(axes: [2]).scalars == [3, 7, 11, 15, 19, 23])
        #expect(x.expanded(to: [3, 2, 3, 4]).summed(toShape: [2, 1, 4]).shape == [2, 1, 4])
    }

    @Test func floatSumsOverLeadingAxesMatchDouble() {
        var generator = RandomGenerator(seed: 12)
        let y = Tensor<Double>.randomNormal([7, 5, 33], using: &generator)
        let single = Tensor<Float>(shape: y.shape, scalars: y.scalars.map(Float.init))
        let sums = single.sum(axes: [0, 1], keepingDimensions: true)
        #expect(sums.shape == [1, 1, 33])
        let reference = y.sum(axes: [0, 1]).scalars
        #expect(zip(sums.scalars, reference).allSatisfy { Swift.abs(Double($0) - $1) < 1e-5 })
    }

    /// Sums over the first and last axes (bias gradients) take a row-sum kernel: it must agree
    /// with a loop in both precisions, with and without kept dimensions.
    @Test(arguments: [[0, 2], [2], [1, 2], [0, 1, 2]])
    func sumsOverOuterAxesMatchALoop(axes: [Int]) {
        var generator = RandomGenerator(seed: 13)
        let y = Tensor<Double>.randomNormal([7, 5, 33], using: &generator)
        var expected = [Double](repeating: 0, count: 7 * 5 * 33)
        var keptShape = [7, 5, 33]
        for axis in axes { keptShape[axis] = 1 }
        for i in 0..<7 { for j in 0..<5 { for k in 0..<33 {
            let index = [i, j, k].enumerated().map { axes.contains($0.offset) ? 0 : $0.element }
            expected[(index[0] * keptShape[1] + index[1]) * keptShape[2] + index[2]] += y[i, j, k]
        } } }
        let reference = Array(expected.prefix(keptShape.reduce(1, *)))
        let sums = y.sum(axes: axes, keepingDimensions: true)
        #expect(sums.shape == keptShape)
        #expect(zip(sums.scalars, reference).allSatisfy { Swift.abs($0 - $1) < 1e-12 })
        let single = y.converted(to: Float.self).sum(axes: axes)
        #expect(single.count == reference.count)
        #expect(zip(single.scalars, reference).allSatisfy { Swift.abs(Double($0) - $1) < 1e-4 })
    }

    @Test func concatenatePadGatherScatter() {
        let a = Tensor<Double>(shape: [2, 2], scalars: [1, 2, 3, 4])
        let c = Tensor.concatenate([a, a * 10], axis: 1)
        #expect(c.scalars == [1, 2, 10, 20, 3, 4, 30, 40])
        #expect(a.padded(axis: 1, before: 1, after: 2).scalars == [0, 1, 2, 0, 0, 0, 3, 4, 0, 0])
        #expect(a.circularlyPadded(axis: 1, before: 1, after: 1).scalars == [2, 1, 2, 1, 4, 3, 4, 3])
        let g = a.gathered(axis: 0, indices: [1, 1, 0])
        #expect(g.scalars == [3, 4, 3, 4, 1, 2])
        #expect(g.scatterAdded(axis: 0, indices: [1, 1, 0], length: 2).scalars == [1, 2, 6, 8])
    }

    @Test func windowsAndTheirAdjoint() {
        let line = Tensor<Double>([1, 2, 3, 4, 5])
        let w = line.windows(axis: 0, size: 3, step: 1)
        #expect(w.shape == [3, 3])
        #expect(w.contiguous().scalars == [1, 2, 3, 2, 3, 4, 3, 4, 5])
        let ones = Tensor<Double>.ones([3, 3])
        #expect(ones.windowsAdded(axis: 0, size: 3, step: 1, length: 5).scalars == [1, 2, 3, 2, 1])
    }

    @Test func layerNormAndSoftmax() {
        var generator = RandomGenerator(seed: 3)
        let y = Tensor<Double>.randomNormal([4, 16], mean: 3, standardDeviation: 2, using: &generator)
        let normalised = y.layerNormalized(axes: [1], epsilon: 0)
        for row in 0..<4 {
            let values = normalised.sliced(axis: 0, row..<(row + 1))
            #expect(Swift.abs(values.mean()) < 1e-12)
            #expect(Swift.abs(values.squared().mean() - 1) < 1e-12)
        }
        let s = y.softmax(axis: 1)
        #expect(s.sum(axes: [1]).scalars.allSatisfy { Swift.abs($0 - 1) < 1e-12 })
    }

    @Test func activationValues() {
        let v = Tensor<Double>([-2, 0, 1, 40])
        #expect(Swift.abs(v.gelu()[2] - 0.8413447460685429) < 1e-12)
        #expect(v.relu().scalars == [0, 0, 1, 40])
        #expect(Swift.abs(v.sigmoid()[0] - 0.11920292202211755) < 1e-12)
        #expect(Swift.abs(v.softplus()[3] - 40) < 1e-12)
        #expect(Swift.abs(v.softplus()[1] - 0.6931471805599453) < 1e-12)
        #expect(Swift.abs(v.tanh()[2] - 0.7615941559557649) < 1e-12)
    }

    @Test func seededRandomIsReproducible() {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42)
        let x = Tensor<Float>.randomNormal([1000], using: &a)
        let y = Tensor<Float>.randomNormal([1000], using: &b)
        #expect(x.scalars == y.scalars)
        var c = RandomGenerator(seed: 1)
        let big = Tensor<Double>.randomNormal([200_000], mean: 1, standardDeviation: 2, using: &c)
        #expect(Swift.abs(big.mean() - 1) < 0.02)
        #expect(Swift.abs(((big - 1).squared().mean()).squareRoot() - 2) < 0.02)
        let u = Tensor<Double>.randomUniform([100_000], low: -1, high: 3, using: &c)
        #expect(u.scalars.allSatisfy { $0 >= -1 && $0 < 3 })
        #expect(Swift.abs(u.mean() - 1) < 0.02)
    }
}
