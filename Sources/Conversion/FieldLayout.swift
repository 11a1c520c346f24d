import DatasetIO

/// How a gridded field maps onto PDEBench's `[N, nt, x(, y)]`: the time axis (CF time units,
/// `axis = "T"`, or a dimension named `time`/`t`), one or two space axes (the last non-time
/// dimensions that have coordinate variables, x being the last in file order as CF's T, Z, Y,
/// X order has it), and every other dimension flattened into samples.
struct FieldLayout: Equatable {
    let timeAxis: Int
    /// Space axes in PDEBench order: x first, then y.
    let spaceAxes: [Int]
    let sampleAxes: [Int]

    init(_ variable: NetCDFVariable, in dataset: NetCDFDataset) throws {
        let dimensions = variable.dimensions
        let timeAxis = dimensions.firstIndex { dimension in
            if let coordinate = VariableSelection.coordinate(dimension, near: variable, in: dataset), TimeCoordinate.isTime(coordinate) { return true }
            return ["time", "t"].contains(dimension.name.lowercased())
        }
        guard let timeAxis else {
            throw ConversionError.unsupported(path: dataset.path, reason: "'\(variable.path)' has no time dimension (dimensions: \(dimensions.map(\.name).joined(separator: ", ")))")
        }
        let others = dimensions.indices.filter { $0 != timeAxis }
        guard !others.isEmpty else {
            throw ConversionError.unsupported(path: dataset.path, reason: "'\(variable.path)' has no space dimension")
        }
        let located = others.filter { VariableSelection.coordinate(dimensions[$0], near: variable, in: dataset) != nil }
        let spaceCount = min(2, max(1, located.count))
        let space = Array(others.suffix(spaceCount))
        self.timeAxis = timeAxis
        spaceAxes = space.reversed()
        sampleAxes = others.filter { !space.contains($0) }
    }

    /// The output shape `[N, nt, x(, y)]` for a variable of `shape`.
    func outputShape(_ shape: [Int]) -> [Int] {
        [sampleAxes.map { shape[$0] }.reduce(1, *), shape[timeAxis]] + spaceAxes.map { shape[$0] }
    }

    /// Rearranges `values` (row-major over `shape`) into the output order.
    func permute(_ values: [Double], shape: [Int]) -> [Float] {
        let order = sampleAxes + [timeAxis] + spaceAxes
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        let outShape = order.map { shape[$0] }
        let outStrides = order.map { strides[$0] }
        var output = [Float](repeating: 0, count: values.count)
        var index = [Int](repeating: 0, count: order.count)
        for position in output.indices {
            var source = 0
            for axis in index.indices { source += index[axis] * outStrides[axis] }
            output[position] = Float(values[source])
            var axis = index.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < outShape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return output
    }
}
