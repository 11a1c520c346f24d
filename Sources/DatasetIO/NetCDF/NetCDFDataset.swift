import CNetCDF
import Foundation

/// A netCDF file (classic, 64-bit offset, CDF-5 or netCDF-4) open for reading. Opening reads
/// the whole header — every group, dimension, variable and attribute — and no data; reads then
/// move only the requested hyperslab. Every netcdf-c call holds `NativeLibraryLock` (netcdf-c is
/// not thread-safe, and netCDF-4 goes through the same libhdf5 as `HDF5File`).
public final class NetCDFDataset: @unchecked Sendable {
    public let path: String
    public let format: NetCDFFormat
    /// Variables of every group, depth first, in file order.
    public let variables: [NetCDFVariable]
    /// The root group's attributes, in file order.
    public let globalAttributes: [(name: String, value: AttributeValue)]
    /// Group paths below the root ("/ocean", "/ocean/deep"), parents first.
    public let groups: [String]
    let id: Int32
    let groupIDs: [String: Int32]

    public static func open(_ path: String) throws -> NetCDFDataset {
        guard FileManager.default.fileExists(atPath: path) else { throw DatasetError.fileNotFound(path: path) }
        var id: Int32 = 0
        let status = NativeLibraryLock.run { nc_open(path, NC_NOWRITE, &id) }
        guard status == NC_NOERR else {
            throw DatasetError.notNetCDF(path: path, detail: NetCDFStatus.reason(status))
        }
        do {
            return try NativeLibraryLock.run { try NetCDFDataset(path: path, id: id) }
        } catch {
            NativeLibraryLock.run { _ = nc_close(id) }
            throw error
        }
    }

    private init(path: String, id: Int32) throws {
        (self.path, self.id) = (path, id)
        let check = NetCDFStatus(path: path)
        var code: Int32 = 0
        try check(nc_inq_format(id, &code), "format")
        guard let format = NetCDFFormat(code: code) else {
            throw DatasetError.notNetCDF(path: path, detail: "unsupported format code \(code)")
        }
        self.format = format
        // netcdf-c opens a classic header cut short inside its (empty) lists as an empty file.
        let minimumHeader = format == .cdf5 ? 48 : 32
        if !format.isHDF5Based, let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size < minimumHeader {
            throw DatasetError.notNetCDF(path: path, detail: "truncated header: \(size) bytes, a \(format.rawValue) header has at least \(minimumHeader)")
        }
        var groupIDs = ["/": id]
        var groups = [String]()
        var variables = [NetCDFVariable]()
        var pending: [(path: String, id: Int32)] = [("/", id)]
        while !pending.isEmpty {
            let (group, groupID) = pending.removeFirst()
            variables += try Self.variables(in: groupID, group: group, check: check)
            var count: Int32 = 0
            try check(nc_inq_grps(groupID, &count, nil), group)
            var children = [Int32](repeating: 0, count: Int(count))
            if count > 0 { try check(nc_inq_grps(groupID, &count, &children), group) }
            let named = try children.map { child in
                (path: (group == "/" ? "" : group) + "/" + (try Self.name(ofGroup: child, check: check)), id: child)
            }
            for child in named { groupIDs[child.path] = child.id }
            groups += named.map(\.path)
            pending.insert(contentsOf: named, at: 0)
        }
        (self.variables, self.groups, self.groupIDs) = (variables, groups, groupIDs)
        globalAttributes = try Self.attributes(of: NC_GLOBAL, in: id, check: check, object: "global")
    }

    deinit { NativeLibraryLock.run { _ = nc_close(id) } }

    /// The variable `path` ("temp", "ocean/sst"), or nil.
    public func variable(_ path: String) -> NetCDFVariable? {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return variables.first { $0.path == trimmed }
    }

    public var globalAttributeDictionary: [String: AttributeValue] {
        Dictionary(globalAttributes.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Header walking (callers hold the lock)

    private static func name(ofGroup id: Int32, check: NetCDFStatus) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(NC_MAX_NAME) + 1)
        try check(nc_inq_grpname(id, &buffer), "group")
        return buffer.nullTerminatedString
    }

    private static func variables(in groupID: Int32, group: String, check: NetCDFStatus) throws -> [NetCDFVariable] {
        var unlimitedCount: Int32 = 0
        try check(nc_inq_unlimdims(groupID, &unlimitedCount, nil), group)
        var unlimited = [Int32](repeating: 0, count: Int(unlimitedCount))
        if unlimitedCount > 0 { try check(nc_inq_unlimdims(groupID, &unlimitedCount, &unlimited), group) }
        var count: Int32 = 0
        try check(nc_inq_varids(groupID, &count, nil), group)
        var ids = [Int32](repeating: 0, count: Int(count))
        if count > 0 { try check(nc_inq_varids(groupID, &count, &ids), group) }
        return try ids.map { try variable($0, in: groupID, group: group, check: check) }
    }

    private static func variable(_ id: Int32, in groupID: Int32, group: String, check: NetCDFStatus) throws -> NetCDFVariable {
        var name = [CChar](repeating: 0, count: Int(NC_MAX_NAME) + 1)
        var (type, rank, attributeCount) = (nc_type(0), Int32(0), Int32(0))
        try check(nc_inq_var(groupID, id, &name, &type, &rank, nil, &attributeCount), "\(group) variable \(id)")
        let variableName = name.nullTerminatedString
        let object = group == "/" ? variableName : "\(group.dropFirst())/\(variableName)"
        var dimensionIDs = [Int32](repeating: 0, count: Int(rank))
        if rank > 0 { try check(nc_inq_vardimid(groupID, id, &dimensionIDs), object) }
        let dimensions = try dimensionIDs.map { try dimension($0, in: groupID, check: check, object: object) }
        var (storage, chunkLengths) = (Int32(NC_CONTIGUOUS), [Int](repeating: 0, count: Int(rank)))
        var (shuffle, deflate, level) = (Int32(0), Int32(0), Int32(0))
        var chunks: [Int]?
        if nc_inq_var_chunking(groupID, id, &storage, &chunkLengths) == NC_NOERR, storage == NC_CHUNKED, rank > 0 {
            chunks = chunkLengths
        }
        if nc_inq_var_deflate(groupID, id, &shuffle, &deflate, &level) != NC_NOERR { (shuffle, deflate, level) = (0, 0, 0) }
        let attributes = try Self.attributes(of: id, in: groupID, check: check, object: object)
        let reader = NetCDFAttributeReader(group: groupID, variable: id, check: check)
        var packingTypes = [String: NetCDFType]()
        for attribute in ["scale_factor", "add_offset", "_FillValue"] where attributes.contains(where: { $0.name == attribute }) {
            packingTypes[attribute] = try reader.type(attribute, object: object)
        }
        return NetCDFVariable(group: group, name: variableName, type: NetCDFType(code: type), dimensions: dimensions,
                              attributes: Dictionary(attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
                              attributeNames: attributes.map(\.name), packingTypes: packingTypes, chunks: chunks,
                              deflateLevel: deflate != 0 ? Int(level) : 0, shuffle: shuffle != 0, groupID: groupID, id: id)
    }

    private static func dimension(_ id: Int32, in groupID: Int32, check: NetCDFStatus, object: String) throws -> NetCDFDimension {
        var name = [CChar](repeating: 0, count: Int(NC_MAX_NAME) + 1)
        var length = 0
        try check(nc_inq_dim(groupID, id, &name, &length), object)
        // The defining group: the nearest ancestor that lists the dimension as its own.
        var owner = groupID
        while true {
            var (count, ids) = (Int32(0), [Int32](repeating: 0, count: Int(NC_MAX_DIMS)))
            if nc_inq_dimids(owner, &count, &ids, 0) == NC_NOERR, ids.prefix(Int(count)).contains(id) { break }
            var parent: Int32 = 0
            guard nc_inq_grp_parent(owner, &parent) == NC_NOERR else { break }
            owner = parent
        }
        var (unlimitedCount, unlimited) = (Int32(0), [Int32](repeating: 0, count: Int(NC_MAX_DIMS)))
        _ = nc_inq_unlimdims(owner, &unlimitedCount, &unlimited)
        var groupPath = [CChar](repeating: 0, count: 4096)
        var pathLength = 0
        _ = nc_inq_grpname_full(owner, &pathLength, &groupPath)
        return NetCDFDimension(name: name.nullTerminatedString, length: length,
                               isUnlimited: unlimited.prefix(Int(unlimitedCount)).contains(id),
                               group: groupPath.nullTerminatedString, id: id)
    }

    static func attributes(of variable: Int32, in groupID: Int32, check: NetCDFStatus,
                           object: String) throws -> [(name: String, value: AttributeValue)] {
        var count: Int32 = 0
        if variable == NC_GLOBAL { try check(nc_inq_natts(groupID, &count), object) } else {
            try check(nc_inq_varnatts(groupID, variable, &count), object)
        }
        return try (0..<count).map { index in
            var name = [CChar](repeating: 0, count: Int(NC_MAX_NAME) + 1)
            try check(nc_inq_attname(groupID, variable, index, &name), object)
            let attribute = name.nullTerminatedString
            return (attribute, try NetCDFAttributeReader(group: groupID, variable: variable, check: check)
                .value(attribute, object: object))
        }
    }
}
