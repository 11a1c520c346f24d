/// The HDF5 layouts PDEBench data come in (METHODS.md §2.1).
public enum PDEBenchLayout: String, Sendable, Equatable {
    /// `tensor` [N, nt, x…] with `x-coordinate`, `t-coordinate` and parameters as attributes
    /// (1-D advection, Burgers, reaction–diffusion).
    case singleTensor
    /// `density`, `pressure`, `Vx`, `Vy`(, `Vz`), each [N, nt, x…] (compressible Navier–Stokes).
    case multiField
    /// One group per sample (`0000`, `0001`, …) holding `data` [nt, x…, v] and `grid/{x,y,t}`.
    case groupPerSample
    /// `tensor` [N, 1, nx, ny] (solution) with `nu` [N, nx, ny] (coefficient field): Darcy flow.
    case darcy

    /// Field datasets of the multi-field layout, in channel order.
    static let fieldNames = ["density", "pressure", "Vx", "Vy", "Vz"]

    /// The layout of `file`, judged from its top-level objects.
    static func detect(_ file: HDF5File) throws -> PDEBenchLayout {
        let names = try file.childNames()
        if names.contains("tensor") && names.contains("nu") { return .darcy }
        if names.contains("tensor") { return .singleTensor }
        if fieldNames.contains(where: names.contains) { return .multiField }
        if let first = names.first, first.allSatisfy(\.isNumber), file.contains("\(first)/data") { return .groupPerSample }
        throw DatasetError.unknownLayout(path: file.path, found: names)
    }
}

/// Which samples to use. PDEBench's convention: in single-file sets the **first** `testFraction`
/// of the samples is the test set; in group-per-sample files the **last** fraction of the sorted
/// groups is.
public enum DataSplit: String, Sendable, CaseIterable {
    case train, test, all
}
