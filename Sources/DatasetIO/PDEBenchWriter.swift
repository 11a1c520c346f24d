import Foundation
import TensorCore

/// Writes a 1-D PDEBench single-file data set (`tensor` [N, nt, nx] float32, `x-coordinate`,
/// `t-coordinate`, parameters as root attributes) plus attributes that say the PDE, its
/// convention, the domain and Δt. Unlike PDEBench, `t-coordinate` has exactly nt entries.
///
/// Samples are written as they come (chunked by sample, so readers stream them). The file is
/// built under a temporary name in the destination folder and renamed into place by `finish()`;
/// a writer dropped before `finish()` removes its temporary file.
public final class PDEBenchWriter {
    public let path: String
    public let sampleCount: Int
    public let metadata: SimulationMetadata
    public let cells: Int
    /// The `x-coordinate` values: the cell centres of `metadata.domain` unless given.
    public let coordinates: [Double]
    private let temporaryPath: String
    private var file: HDF5File?
    private var tensor: HDF5Dataset?
    private var finished = false

    public init(path: String, samples: Int, cells: Int, metadata: SimulationMetadata, coordinates: [Double]? = nil) throws {
        precondition(samples > 0 && cells > 0 && !metadata.times.isEmpty, "empty data set")
        precondition(coordinates.map { $0.count == cells } ?? true, "\(coordinates?.count ?? 0) coordinates for \(cells) cells")
        self.path = path
        (sampleCount, self.cells, self.metadata) = (samples, cells, metadata)
        self.coordinates = coordinates ?? metadata.cellCentres(cells)
        temporaryPath = AtomicOutput.temporaryPath(for: path)
        let file = try HDF5File.create(temporaryPath)
        self.file = file
        tensor = try file.createDataset("tensor", shape: [samples, metadata.times.count, cells],
                                        chunk: [1, metadata.times.count, cells])
    }

    deinit {
        if !finished {
            tensor = nil
            file = nil
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    /// Writes samples `[B, nt, nx]` starting at sample `index`.
    public func write(_ samples: Tensor<Float>, at index: Int) throws {
        precondition(!finished, "write after finish")
        precondition(samples.rank == 3 && samples.shape[1] == metadata.times.count && samples.shape[2] == cells
                     && index >= 0 && index + samples.shape[0] <= sampleCount,
                     "samples \(samples.shape) at \(index) do not fit [\(sampleCount), \(metadata.times.count), \(cells)]")
        try tensor!.write(samples, at: [index, 0, 0])
    }

    /// Writes coordinates and attributes, closes, flushes to disk and renames into place.
    public func finish() throws {
        guard let file else { return }
        try file.writeDataset("x-coordinate", Tensor<Float>(coordinates.map(Float.init)))
        try file.writeDataset("t-coordinate", Tensor<Float>(metadata.times.map(Float.init)))
        for (name, value) in metadata.parameters { try file.setAttribute(name, .number(value)) }
        try file.setAttribute("parameter_names", .text(metadata.parameters.map(\.name).joined(separator: ",")))
        try file.setAttribute("pde", .text(metadata.pde))
        try file.setAttribute("convention", .text(metadata.convention))
        try file.setAttribute("x_min", .number(metadata.domain.lowerBound))
        try file.setAttribute("x_max", .number(metadata.domain.upperBound))
        let times = metadata.times
        try file.setAttribute("dt", .number(times.count > 1 ? times[1] - times[0] : 0))
        try file.flush()
        tensor = nil
        self.file = nil
        try AtomicOutput.commit(temporaryPath, to: path)
        finished = true
    }
}
