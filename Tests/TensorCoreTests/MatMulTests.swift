import Testing
import TensorCore
import TestSupport

@Suite("Matrix products through cblas")
struct MatMulTests {
    var generator = RandomGenerator(seed: 11)

    @Test(arguments: [(1, 1, 1), (3, 5, 7), (17, 9, 33), (64, 128, 32)])
    func matchesNaiveProduct(shape: (Int, Int, Int)) {
        var generator = RandomGenerator(seed: 5)
        let (m, k, n) = shape
        let a = Tensor<Double>.randomNormal([m, k], using: &generator)
        let b = Tensor<Double>.randomNormal([k, n], using: &generator)
        #expect(maxDifference(Tensor.matmul(a, b), naiveMatmul(a, b)) < 1e-10)
    }

    @Test func transposedViewsNeedNoCopy() {
        var generator = RandomGenerator(seed: 6)
        let a = Tensor<Double>.randomNormal([6, 4], using: &generator)
        let b = Tensor<Double>.randomNormal([5, 6], using: &generator)
        let product = Tensor.matmul(a.transposed, b.transposed)  // [4, 6] × [6, 5]
        #expect(maxDifference(product, naiveMatmul(a.transposed.contiguous(), b.transposed.contiguous())) < 1e-10)
    }

    @Test func batchedWithBroadcast() {
        var generator = RandomGenerator(seed: 7)
        let a = Tensor<Double>.randomNormal([3, 1, 4, 5], using: &generator)
        let b = Tensor<Double>.randomNormal([2, 5, 6], using: &generator)
        let c = Tensor.matmul(a, b)
        #expect(c.shape == [3, 2, 4, 6])
        for i in 0..<3 {
            for j in 0..<2 {
                let expected = naiveMatmul(a.sliced(axis: 0, i..<(i + 1)).reshaped([4, 5]),
                                           b.sliced(axis: 0, j..<(j + 1)).reshaped([5, 6]))
                let got = c.sliced(axis: 0, i..<(i + 1)).sliced(axis: 1, j..<(j + 1)).reshaped([4, 6])
                #expect(maxDifference(got, expected) < 1e-10)
            }
        }
        // A shared right operand folds the batch into the rows.
        let shared = Tensor.matmul(a, b.sliced(axis: 0, 0..<1).squeezed(axis: 0))
        #expect(shared.shape == [3, 1, 4, 6])
    }

    @Test func floatPrecisionAgrees() {
        var generator = RandomGenerator(seed: 8)
        let a = Tensor<Double>.randomNormal([33, 65], using: &generator)
        let b = Tensor<Double>.randomNormal([65, 17], using: &generator)
        let single = Tensor.matmul(Tensor<Float>(shape: a.shape, scalars: a.scalars.map(Float.init)),
                                   Tensor<Float>(shape: b.shape, scalars: b.scalars.map(Float.init)))
        let reference = naiveMatmul(a, b)
        #expect(zip(single.scalars, reference.scalars).allSatisfy { Swift.abs(Double($0) - $1) < 1e-4 })
    }
}
