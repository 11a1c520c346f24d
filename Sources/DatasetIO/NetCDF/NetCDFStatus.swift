import CNetCDF

/// Turns a netcdf-c status into `DatasetError`, naming the file and the object.
struct NetCDFStatus {
    let path: String
    var writing = false

    static func reason(_ status: Int32) -> String { String(cString: nc_strerror(status)) }

    func callAsFunction(_ status: Int32, _ object: String) throws {
        guard status != NC_NOERR else { return }
        let detail = "netCDF: \(Self.reason(status))"
        if writing { throw DatasetError.writeFailed(path: path, object: object, detail: detail) }
        throw DatasetError.readFailed(path: path, object: object, detail: detail)
    }
}
