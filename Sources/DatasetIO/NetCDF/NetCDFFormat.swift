import CNetCDF

/// The on-disk kinds of netCDF file, under nccopy's `-k` names.
public enum NetCDFFormat: String, Sendable, CaseIterable, Codable {
    /// CDF-1 (`nc3`, `classic`): 32-bit offsets, one unlimited dimension.
    case classic = "netcdf3"
    /// CDF-2 (`nc6`, `64-bit offset`).
    case offset64 = "netcdf3-64bit"
    /// CDF-5 (`nc5`, `64-bit data`): 64-bit sizes and the unsigned and 64-bit integer types.
    case cdf5
    /// HDF5-based netCDF-4: groups, several unlimited dimensions, chunking, compression, strings.
    case netcdf4
    /// netCDF-4 storage restricted to the classic data model.
    case netcdf4Classic = "netcdf4-classic"

    /// Mode flags for `nc_create`.
    var createMode: Int32 {
        switch self {
        case .classic: NC_CLOBBER
        case .offset64: NC_CLOBBER | NC_64BIT_OFFSET
        case .cdf5: NC_CLOBBER | NC_64BIT_DATA
        case .netcdf4: NC_CLOBBER | NC_NETCDF4
        case .netcdf4Classic: NC_CLOBBER | NC_NETCDF4 | NC_CLASSIC_MODEL
        }
    }

    init?(code: Int32) {
        switch code {
        case NC_FORMAT_CLASSIC: self = .classic
        case NC_FORMAT_64BIT_OFFSET: self = .offset64
        case NC_FORMAT_64BIT_DATA: self = .cdf5
        case NC_FORMAT_NETCDF4: self = .netcdf4
        case NC_FORMAT_NETCDF4_CLASSIC: self = .netcdf4Classic
        default: return nil
        }
    }

    /// HDF5 storage: chunking, compression and shuffle apply.
    public var isHDF5Based: Bool { self == .netcdf4 || self == .netcdf4Classic }
    /// The enhanced data model: groups, strings, several unlimited dimensions, user types.
    public var hasEnhancedModel: Bool { self == .netcdf4 }
    /// Unsigned and 64-bit integer types are available.
    public var hasExtendedTypes: Bool { self == .netcdf4 || self == .cdf5 }
}
