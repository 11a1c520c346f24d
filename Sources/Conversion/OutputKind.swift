import DatasetIO

/// What `surrogate convert --to` produces.
public enum OutputKind: String, Sendable, Codable, CaseIterable {
    case netcdf4
    case netcdf4Classic = "netcdf4-classic"
    case netcdf3
    case netcdf3_64bit = "netcdf3-64bit"
    case cdf5
    /// PDEBench-layout HDF5 training data (`ConversionToPDEBench`).
    case hdf5
    /// VTK XML unstructured grids, one per time step, with a ParaView `.pvd` collection.
    case vtu

    /// The netCDF flavour, for netCDF outputs.
    public var netCDFFormat: NetCDFFormat? {
        switch self {
        case .netcdf4: .netcdf4
        case .netcdf4Classic: .netcdf4Classic
        case .netcdf3: .classic
        case .netcdf3_64bit: .offset64
        case .cdf5: .cdf5
        case .hdf5, .vtu: nil
        }
    }

    public var fileExtension: String {
        switch self {
        case .hdf5: "h5"
        case .vtu: "pvd"
        default: "nc"
        }
    }
}
