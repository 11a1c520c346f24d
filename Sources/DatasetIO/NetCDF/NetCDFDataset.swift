import CNetCDF
import Foundation

/// A netCDF file (classic, 64-bit offset, CDF-5 or netCDF-4) for reading. Opening reads the
/// whole header — every group, dimension, variable and attribute — and no data; reads then move
/// only the requested hyperslab. A dataset opened with `keepOpen: false` closes the file after
/// the header and after every read, and opens it again for the next one, so that a job over
/// thousands of files never holds more than one open. Every netcdf-c call holds
/// `NativeLibraryLock` (netcdf-c is not thread-safe, and netCDF-4 goes through the same libhdf5
/// as `HDF5File`); the lock also guards the open handle.
public final class NetCDFDataset: @unchecked Sendable {
    public let path: String
    public let format: NetCDFFormat
    /// Variables of every group, depth first, in file order.
    public let variables: [NetCDFVariable]
    /// The root group's own dimensions (those of groups below appear with their variables).
    public let dimensions: [NetCDFDimension]
    /// The root group's attributes, in file order.
    public let globalAttributes: [(name: String, value: AttributeValue)]
    /// Group paths below the root ("/ocean", "/ocean/deep"), parents first.
    public let groups: [String]
    /// Attributes of each group below the root, in file order.
    public let groupAttributes: [String: [(name: String, value: AttributeValue)]]
    private let keepOpen: Bool
    private var root: Int32?
    private var groupIDs: [String: Int32] = [:]

    public static func open(_ path: String, keepOpen: Bool = true) throws -> NetCDFDataset {
        guard FileManager.default.fileExists(atPath: path) else { throw DatasetError.fileNotFound(path: path) }
        return try NativeLibraryLock.run {
            let id = try openFile(path)
            do {
                let header = try NetCDFHeader(path: path, root: id)
                let dataset = NetCDFDataset(path: path, header: header, keepOpen: keepOpen)
                if keepOpen { dataset.root = id } else { nc_close(id) }
                return dataset
            } catch {
                nc_close(id)
                throw error
            }
        }
    }

    private init(path: String, header: NetCDFHeader, keepOpen: Bool) {
        (self.path, self.keepOpen) = (path, keepOpen)
        (format, variables, dimensions, groups) = (header.format, header.variables, header.dimensions, header.groups)
        (globalAttributes, groupAttributes) = (header.globalAttributes, header.groupAttributes)
    }

    deinit { if let root { NativeLibraryLock.run { _ = nc_close(root) } } }

    private static func openFile(_ path: String) throws -> Int32 {
        var id: Int32 = 0
        let status = nc_open(path, NC_NOWRITE, &id)
        guard status == NC_NOERR else { throw DatasetError.notNetCDF(path: path, detail: NetCDFStatus.reason(status)) }
        return id
    }

    /// Runs `body` under the library lock with the id of group `group` ("/" for the root),
    /// opening the file again if it was closed, and closing it afterwards unless kept open.
    func withGroup<R>(_ group: String, _ body: (Int32) throws -> R) throws -> R {
        try NativeLibraryLock.run {
            let root = try self.root ?? Self.openFile(path)
            defer {
                if keepOpen { self.root = root } else {
                    nc_close(root)
                    groupIDs = [:]
                }
            }
            var id = root
            if group != "/" {
                if let known = groupIDs[group] { id = known } else {
                    try NetCDFStatus(path: path)(nc_inq_grp_full_ncid(root, group, &id), group)
                    if keepOpen { groupIDs[group] = id }
                }
            }
            return try body(id)
        }
    }

    /// The variable `path` ("temp", "ocean/sst"), or nil.
    public func variable(_ path: String) -> NetCDFVariable? {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return variables.first { $0.path == trimmed }
    }

    public var globalAttributeDictionary: [String: AttributeValue] {
        Dictionary(globalAttributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
