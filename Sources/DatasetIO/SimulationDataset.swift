import Foundation
import TensorCore

/// A simulation file in any PDEBench layout, read lazily: opening it reads only metadata, and
/// every read moves just the requested samples (and strided frames and points) from disk, so
/// memory stays bounded by the batch size whatever the file size.
///
/// Samples come out as `Float` tensors `[B, T, C, x…]`: batch, time, channel, space.
public final class SimulationDataset: @unchecked Sendable {
    public let path: String
    public let layout: PDEBenchLayout
    /// Channel names (`u` for one-field files, `density`, `pressure`, … otherwise).
    public let channels: [String]
    public let sampleCount: Int
    public let timeCount: Int
    public let spatialShape: [Int]
    /// Cell-centre coordinates per spatial axis (`x`, `y`, `z`), when the file has them.
    public let coordinates: [String: [Double]]
    /// Save times, one per frame (PDEBench's extra trailing entry dropped), when present.
    public let times: [Double]?
    /// Numeric root attributes: the PDE parameters (and any other numbers the file records).
    public let attributes: [String: AttributeValue]

    private let file: HDF5File
    private let groups: [String]

    public init(path: String) throws {
        self.path = path
        let file = try HDF5File.open(path)
        self.file = file
        layout = try PDEBenchLayout.detect(file)
        attributes = try Self.readAttributes(file)
        switch layout {
        case .singleTensor, .darcy:
            let tensor = try Self.numeric(file, "tensor", minimumRank: 3)
            groups = []
            sampleCount = tensor.shape[0]
            if layout == .darcy {
                let nu = try Self.numeric(file, "nu", minimumRank: 3)
                guard nu.shape[0] == tensor.shape[0], Array(nu.shape.dropFirst()) == Array(tensor.shape.dropFirst(2)) else {
                    throw DatasetError.inconsistent(path: path, object: "nu",
                                                    reason: "shape \(nu.shape) does not match tensor \(tensor.shape)")
                }
                channels = ["nu", "u"]
                timeCount = 1
            } else {
                channels = ["u"]
                timeCount = tensor.shape[1]
            }
            spatialShape = Array(tensor.shape.dropFirst(2))
        case .multiField:
            let present = try PDEBenchLayout.fieldNames.filter { try file.childNames().contains($0) }
            let first = try Self.numeric(file, present[0], minimumRank: 3)
            for field in present.dropFirst() {
                let other = try Self.numeric(file, field, minimumRank: 3)
                guard other.shape == first.shape else {
                    throw DatasetError.inconsistent(path: path, object: field, reason: "shape \(other.shape) differs from \(present[0]) \(first.shape)")
                }
            }
            groups = []
            channels = present
            (sampleCount, timeCount, spatialShape) = (first.shape[0], first.shape[1], Array(first.shape.dropFirst(2)))
        case .groupPerSample:
            let names = try file.childNames().filter { $0.allSatisfy(\.isNumber) && file.contains("\($0)/data") }
            groups = names
            let data = try Self.numeric(file, "\(names[0])/data", minimumRank: 3)
            sampleCount = groups.count
            timeCount = data.shape[0]
            spatialShape = Array(data.shape.dropFirst().dropLast())
            let fields = data.shape.last!
            guard fields <= Self.maximumChannels else {
                throw DatasetError.inconsistent(path: path, object: "\(names[0])/data",
                                                reason: "\(fields) channels in the last axis exceed \(Self.maximumChannels)")
            }
            channels = fields == 1 ? ["u"] : (0..<fields).map { "v\($0)" }
        }
        guard sampleCount > 0 else { throw DatasetError.empty(path: path, object: layout == .multiField ? channels[0] : "tensor") }
        let perSample = ([timeCount, channels.count] + spatialShape).reduce((1, false)) { total, dimension in
            let (product, overflow) = total.0.multipliedReportingOverflow(by: dimension)
            return (product, total.1 || overflow)
        }
        guard !perSample.1, perSample.0 <= Self.maximumValuesPerSample else {
            throw DatasetError.inconsistent(path: path, object: layout == .multiField ? channels[0] : "tensor",
                                            reason: "\(timeCount) frames × \(channels.count) channels × \(spatialShape) points per sample is implausibly large")
        }
        (coordinates, times) = try Self.readCoordinates(file, layout: layout, firstGroup: groups.first,
                                                        spatialRank: spatialShape.count, timeCount: timeCount)
    }

    /// Limits on what a file's header may claim before anything is allocated for it.
    static let maximumChannels = 4096
    static let maximumCoordinates = 1 << 24
    static let maximumValuesPerSample = 1 << 36

    /// Attribute names that PDEBench files and ours use; `parameter_names` may add more.
    public static let knownAttributes = ["beta", "Nu", "nu", "rho", "eta", "zeta", "M", "parameter_names", "pde",
                                         "convention", "x_min", "x_max", "dt"]

    private static func readAttributes(_ file: HDF5File) throws -> [String: AttributeValue] {
        var attributes = try file.attributes(named: knownAttributes)
        if let listed = attributes["parameter_names"]?.text {
            let extra = listed.split(separator: ",").map(String.init).filter { attributes[$0] == nil }
            attributes.merge(try file.attributes(named: extra)) { current, _ in current }
        }
        return attributes
    }

    private static func numeric(_ file: HDF5File, _ name: String, minimumRank: Int) throws -> HDF5Dataset {
        let dataset = try file.dataset(name)
        guard dataset.isNumeric else { throw DatasetError.nonNumeric(path: file.path, object: name, type: dataset.typeName) }
        guard dataset.shape.count >= minimumRank else {
            throw DatasetError.wrongRank(path: file.path, object: name, expected: "rank ≥ \(minimumRank)", found: dataset.shape)
        }
        return dataset
    }

    private static func readCoordinates(_ file: HDF5File, layout: PDEBenchLayout, firstGroup: String?, spatialRank: Int,
                                        timeCount: Int) throws -> ([String: [Double]], [Double]?) {
        let axes = ["x", "y", "z"].prefix(spatialRank)
        func vector(_ name: String) throws -> [Double]? {
            guard file.contains(name) else { return nil }
            let dataset = try file.dataset(name)
            guard dataset.isNumeric, dataset.shape.count == 1, dataset.shape[0] <= maximumCoordinates else { return nil }
            return try dataset.read(as: Double.self).scalars
        }
        var coordinates = [String: [Double]]()
        var times: [Double]?
        if let group = firstGroup, layout == .groupPerSample {
            for axis in axes { coordinates[axis] = try vector("\(group)/grid/\(axis)") }
            times = try vector("\(group)/grid/t")
        } else {
            for axis in axes { coordinates[axis] = try vector("\(axis)-coordinate") }
            times = try vector("t-coordinate")
        }
        return (coordinates, times.map { Array($0.prefix(timeCount)) })
    }

    /// Numeric attributes named by `parameter_names` (our files), else the numeric PDEBench
    /// parameter attributes among `knownAttributes` (`beta`, `Nu`, `rho`, `eta`, `zeta`, `M`, …),
    /// in name order. (CAPE reads every root attribute; attributes are looked up by name here,
    /// see `HDF5File.attributes(named:of:)`.)
    public var parameters: [(name: String, value: Double)] {
        if let names = attributes["parameter_names"]?.text {
            return names.split(separator: ",").compactMap { name in
                attributes[String(name)]?.number.map { (String(name), $0) }
            }
        }
        let metadata: Set = ["x_min", "x_max", "dt"]
        return attributes.keys.sorted().filter { !metadata.contains($0) }.compactMap { name in
            if case let .number(value) = attributes[name]! { return (name, value) }
            return nil
        }
    }

    /// Length L of the first spatial axis: `x_max − x_min` when the file records them, else
    /// n·Δx from cell-centred coordinates, else 1.
    public var domainLength: Double {
        if let low = attributes["x_min"]?.number, let high = attributes["x_max"]?.number, high > low { return high - low }
        if let x = coordinates["x"], x.count >= 2, x.last! > x.first! {
            return (x.last! - x.first!) * Double(x.count) / Double(x.count - 1)
        }
        return 1
    }

    /// The sample indices of `split`, with `testFraction` of the samples held out.
    public func samples(in split: DataSplit, testFraction: Double = 0.1) -> Range<Int> {
        let held = Int(Double(sampleCount) * testFraction)
        switch (split, layout) {
        case (.all, _): return 0..<sampleCount
        case (.test, .groupPerSample): return (sampleCount - held)..<sampleCount
        case (.train, .groupPerSample): return 0..<(sampleCount - held)
        case (.test, _): return 0..<held
        case (.train, _): return held..<sampleCount
        }
    }

    /// Shape of one read of `count` samples with the given strides.
    public func outputShape(samples count: Int, timeStride: Int = 1, spaceStride: Int = 1) -> [Int] {
        [count, (timeCount + timeStride - 1) / timeStride, channels.count]
            + spatialShape.map { ($0 + spaceStride - 1) / spaceStride }
    }

    /// Samples `range` as `[B, T, C, x…]`, taking every `timeStride`-th frame and every
    /// `spaceStride`-th point along each spatial axis.
    public func read(samples range: Range<Int>, timeStride: Int = 1, spaceStride: Int = 1) throws -> Tensor<Float> {
        precondition(range.lowerBound >= 0 && range.upperBound <= sampleCount, "samples \(range) outside 0..<\(sampleCount)")
        precondition(timeStride >= 1 && spaceStride >= 1, "strides must be positive")
        let shape = outputShape(samples: range.count, timeStride: timeStride, spaceStride: spaceStride)
        let (frames, points) = (shape[1], Array(shape.dropFirst(3)))
        let spatialStrides = [Int](repeating: spaceStride, count: spatialShape.count)
        switch layout {
        case .singleTensor:
            var buffer: Tensor<Float>?
            return try readTensorRows(range, timeStride: timeStride, spaceStride: spaceStride, buffer: &buffer)
        case .multiField:
            let fields = try channels.map { name in
                try file.dataset(name).read(start: [range.lowerBound, 0] + spatialStrides.map { _ in 0 },
                                            count: [range.count, frames] + points, stride: [1, timeStride] + spatialStrides)
                    .unsqueezed(axis: 2)
            }
            return Tensor.concatenate(fields, axis: 2)
        case .darcy:
            let nu = try file.dataset("nu").read(start: [range.lowerBound] + spatialStrides.map { _ in 0 },
                                                 count: [range.count] + points, stride: [1] + spatialStrides)
            let u = try file.dataset("tensor").read(start: [range.lowerBound, 0] + spatialStrides.map { _ in 0 },
                                                    count: [range.count, 1] + points, stride: [1, 1] + spatialStrides)
            return Tensor.concatenate([nu.reshaped([range.count, 1, 1] + points), u.reshaped([range.count, 1, 1] + points)],
                                      axis: 2)
        case .groupPerSample:
            let samples = try range.map { index -> Tensor<Float> in
                let name = "\(groups[index])/data"
                let data = try file.dataset(name)
                guard data.shape.count == spatialShape.count + 2, data.shape[0] == timeCount,
                      Array(data.shape.dropFirst().dropLast()) == spatialShape, data.shape.last == channels.count else {
                    throw DatasetError.inconsistent(path: path, object: name,
                                                    reason: "shape \(data.shape) differs from the first sample's")
                }
                let block = try data.read(start: [Int](repeating: 0, count: data.shape.count),
                                          count: [frames] + points + [channels.count],
                                          stride: [timeStride] + spatialStrides + [1])
                // [T, x…, C] → [T, C, x…]
                let rank = block.rank
                return block.permuted([0, rank - 1] + Array(1..<(rank - 1))).unsqueezed(axis: 0)
            }
            return Tensor.concatenate(samples, axis: 0)
        }
    }

    /// Samples of the `tensor` dataset. HDF5 applies the sample, time and outer spatial strides;
    /// whole rows of the last axis are read (contiguous runs, far faster than a strided
    /// selection) into `buffer`, which is reused when its size fits, and thinned in memory.
    private func readTensorRows(_ range: Range<Int>, timeStride: Int, spaceStride: Int,
                                buffer: inout Tensor<Float>?) throws -> Tensor<Float> {
        let shape = outputShape(samples: range.count, timeStride: timeStride, spaceStride: spaceStride)
        let rowShape = [range.count, shape[1]] + Array(shape.dropFirst(3).dropLast()) + [spatialShape.last!]
        var rows = buffer.flatMap { $0.count == rowShape.reduce(1, *) ? $0.reshaped(rowShape) : nil }
            ?? Tensor<Float>(shape: rowShape) { _ in }  // every element is read below
        buffer = nil
        let outerStrides = [Int](repeating: spaceStride, count: spatialShape.count - 1)
        try file.dataset("tensor").read(into: &rows, start: [range.lowerBound, 0] + spatialShape.map { _ in 0 },
                                        stride: [1, timeStride] + outerStrides + [1])
        buffer = rows
        let thinned = spaceStride == 1 ? rows : rows.strided(axis: -1, step: spaceStride).contiguous()
        return thinned.reshaped(shape)
    }

    /// Calls `body` with consecutive batches of `split` (the last may be smaller), reading one
    /// batch at a time.
    public func forEachBatch(in split: DataSplit, batchSize: Int, testFraction: Double = 0.1, timeStride: Int = 1,
                             spaceStride: Int = 1, _ body: (Tensor<Float>, Range<Int>) throws -> Void) throws {
        precondition(batchSize > 0, "batch size must be positive")
        let range = samples(in: split, testFraction: testFraction)
        var start = range.lowerBound
        var buffer: Tensor<Float>?  // single-tensor files reuse one read buffer
        while start < range.upperBound {
            let batch = start..<Swift.min(start + batchSize, range.upperBound)
            if layout == .singleTensor {
                try body(try readTensorRows(batch, timeStride: timeStride, spaceStride: spaceStride, buffer: &buffer), batch)
            } else {
                try body(try read(samples: batch, timeStride: timeStride, spaceStride: spaceStride), batch)
            }
            start = batch.upperBound
        }
    }
}
