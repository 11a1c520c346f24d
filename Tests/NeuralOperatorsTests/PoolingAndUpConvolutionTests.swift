import Testing
import Autodiff
import NeuralNetworks
import TensorCore
import TestSupport

@Suite("2-D pooling, upsampling and up-convolution")
struct PoolingAndUpConvolutionTests {
    @Test func poolingAndUpsamplingValues() {
        let x = Variable(Tensor<Double>(shape: [1, 1, 2, 4], scalars: [1, 2, 3, 9,
                                                                      4, 5, 8, 6]))
        #expect(x.averagePooled(by: 2, dimensions: 2).value.scalars == [3, 6.5])
        #expect(x.maxPooled(by: 2, dimensions: 2).value.scalars == [5, 9])
        #expect(x.maxPooled(by: 2, dimensions: 1).value.scalars == [2, 9, 5, 8])
        #expect(x.maxPooled(by: 4, dimensions: 1).value.scalars == [9, 8])
        #expect(x.sliced(axis: 3, 0..<2).upsampledNearest(by: 2, dimensions: 2).value.scalars
                == [1, 1, 2, 2, 1, 1, 2, 2, 4, 4, 5, 5, 4, 4, 5, 5])
        // In one dimension the new overloads agree with the last-axis ones.
        #expect(x.averagePooled(by: 2, dimensions: 1).value.scalars == x.averagePooled(by: 2).value.scalars)
        #expect(x.upsampledNearest(by: 3, dimensions: 1).value.scalars == x.upsampledNearest(by: 3).value.scalars)
    }

    @Test func poolingAndUpsamplingGradients() {
        var generator = RandomGenerator(seed: 2)
        let input = Tensor<Double>.randomNormal([2, 3, 4, 6], using: &generator)
        let failures = GradientChecker().check(at: [input]) {
            let x = $0[0] * $0[0]
            return x.maxPooled(by: 2, dimensions: 2).upsampledNearest(by: 2, dimensions: 2)
                + x.averagePooled(by: 2, dimensions: 2).upsampledNearest(by: 2, dimensions: 2) * x
        }
        #expect(failures.isEmpty, "\(failures.prefix(2))")
    }

    /// y[n, o, 2i + r, 2j + s] = Σ_c W[c, o, r, s] x[n, c, i, j] + b[o], by loops.
    @Test func upConvolutionMatchesTheDefinition() {
        var generator = RandomGenerator(seed: 3)
        for dimensions in 1...2 {
            let layer = UpConvolution<Double>(inputs: 3, outputs: 2, dimensions: dimensions)
            let parameters = layer.initialParameters(using: &generator)
            let grid = dimensions == 1 ? [5] : [3, 4]
            let x = Tensor<Double>.randomNormal([2, 3] + grid, using: &generator)
            let y = layer(x, parameters: parameters)
            #expect(y.shape == [2, 2] + grid.map { $0 * 2 })
            let (w, b) = (parameters["weight"]!, parameters["bias"]!)
            let columns = dimensions == 1 ? 1 : grid[1]
            let x4 = x.reshaped([2, 3, grid[0], columns])
            let w4 = w.reshaped([3, 2, 2, dimensions == 1 ? 1 : 2])
            let y4 = y.reshaped([2, 2, 2 * grid[0], dimensions == 1 ? 1 : 2 * columns])
            var worst = 0.0
            for n in 0..<2 { for o in 0..<2 { for row in 0..<y4.shape[2] { for column in 0..<y4.shape[3] {
                let (i, r) = row.quotientAndRemainder(dividingBy: 2)
                let (j, s) = dimensions == 1 ? (0, 0) : column.quotientAndRemainder(dividingBy: 2)
                let expected = (0..<3).reduce(b[o]) { $0 + w4[$1, o, r, s] * x4[n, $1, i, j] }
                worst = max(worst, abs(y4[n, o, row, column] - expected))
            } } } }
            #expect(worst < 1e-12, "\(dimensions)-D up-convolution differs by \(worst)")
        }
    }

    @Test func upConvolutionGradients() {
        var generator = RandomGenerator(seed: 4)
        let layer = UpConvolution<Double>(inputs: 3, outputs: 2, dimensions: 2)
        let parameters = layer.initialParameters(using: &generator)
        let input = Tensor<Double>.randomNormal([2, 3, 2, 3], using: &generator)
        let failures = GradientChecker().check(at: [input, parameters["weight"]!, parameters["bias"]!]) { values in
            layer(values[0], parameters: Parameters(["weight": values[1], "bias": values[2]])).tanh()
        }
        #expect(failures.isEmpty, "\(failures.prefix(2))")
    }
}
