import CNetCDF
import Foundation

/// Everything a netCDF file's header says, read group by group (callers hold the lock).
/// Every list is sized by asking netcdf-c first: files may have any number of dimensions and
/// any depth of groups.
struct NetCDFHeader {
    let format: NetCDFFormat
    var variables: [NetCDFVariable] = []
    /// The root group's own dimensions.
    var dimensions: [NetCDFDimension] = []
    var groups: [String] = []
    var globalAttributes: [(name: String, value: AttributeValue)] = []
    var groupAttributes: [String: [(name: String, value: AttributeValue)]] = [:]
    private let check: NetCDFStatus

    init(path: String, root: Int32) throws {
        check = NetCDFStatus(path: path)
        var code: Int32 = 0
        try check(nc_inq_format(root, &code), "format")
        guard let format = NetCDFFormat(code: code) else {
            throw DatasetError.notNetCDF(path: path, detail: "unsupported format code \(code)")
        }
        self.format = format
        // netcdf-c opens a classic header cut short inside its (empty) lists as an empty file.
        let minimumHeader = format == .cdf5 ? 48 : 32
        if !format.isHDF5Based, let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size < minimumHeader {
            throw DatasetError.notNetCDF(path: path, detail: "truncated header: \(size) bytes, a \(format.rawValue) header has at least \(minimumHeader)")
        }
        dimensions = try ids { count, ids in nc_inq_dimids(root, &count, ids, 0) }.map { try dimension($0, in: root, object: "dimensions") }
        var pending: [(path: String, id: Int32)] = [("/", root)]
        while !pending.isEmpty {
            let (group, groupID) = pending.removeFirst()
            variables += try variables(in: groupID, group: group)
            let attributes = try self.attributes(of: NC_GLOBAL, in: groupID, object: group == "/" ? "global" : group)
            if group == "/" { globalAttributes = attributes } else { groupAttributes[group] = attributes }
            let children = try ids { count, ids in nc_inq_grps(groupID, &count, ids) }
            let named = try children.map { child in (path: (group == "/" ? "" : group) + "/" + (try name(ofGroup: child)), id: child) }
            groups += named.map(\.path)
            pending.insert(contentsOf: named, at: 0)
        }
    }

    /// A list of ids from a netcdf-c call that reports the count when given NULL.
    private func ids(_ call: (inout Int32, UnsafeMutablePointer<Int32>?) -> Int32) throws -> [Int32] {
        var count: Int32 = 0
        try check(call(&count, nil), "header")
        guard count > 0 else { return [] }
        var ids = [Int32](repeating: 0, count: Int(count))
        try ids.withUnsafeMutableBufferPointer { buffer in try check(call(&count, buffer.baseAddress), "header") }
        return Array(ids.prefix(Int(count)))
    }

    private func name(ofGroup id: Int32) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(NC_MAX_NAME) + 1)
        try check(nc_inq_grpname(id, &buffer), "group")
        return buffer.nullTerminatedString
    }

    private func variables(in groupID: Int32, group: String) throws -> [NetCDFVariable] {
        try ids { count, ids in nc_inq_varids(groupID, &count, ids) }.map { try variable($0, in: groupID, group: group) }
    }

    private func variable(_ id: Int32, in groupID: Int32, group: String) throws -> NetCDFVariable {
        var name = [CChar](repeating: 0, count: Int(NC_MAX_NAME) + 1)
        var (type, rank, attributeCount) = (nc_type(0), Int32(0), Int32(0))
        try check(nc_inq_var(groupID, id, &name, &type, &rank, nil, &attributeCount), "\(group) variable \(id)")
        let variableName = name.nullTerminatedString
        let object = group == "/" ? variableName : "\(group.dropFirst())/\(variableName)"
        var dimensionIDs = [Int32](repeating: 0, count: Int(rank))
        if rank > 0 { try check(nc_inq_vardimid(groupID, id, &dimensionIDs), object) }
        let dimensions = try dimensionIDs.map { try dimension($0, in: groupID, object: object) }
        var (storage, chunkLengths) = (Int32(NC_CONTIGUOUS), [Int](repeating: 0, count: Int(rank)))
        var (shuffle, deflate, level) = (Int32(0), Int32(0), Int32(0))
        var chunks: [Int]?
        if nc_inq_var_chunking(groupID, id, &storage, &chunkLengths) == NC_NOERR, storage == NC_CHUNKED, rank > 0 {
            chunks = chunkLengths
        }
        if nc_inq_var_deflate(groupID, id, &shuffle, &deflate, &level) != NC_NOERR { (shuffle, deflate, level) = (0, 0, 0) }
        let attributes = try self.attributes(of: id, in: groupID, object: object)
        let reader = NetCDFAttributeReader(group: groupID, variable: id, check: check)
        var packingTypes = [String: NetCDFType]()
        for attribute in ["scale_factor", "add_offset", "_FillValue"] where attributes.contains(where: { $0.name == attribute }) {
            packingTypes[attribute] = try reader.type(attribute, object: object)
        }
        return NetCDFVariable(group: group, name: variableName, type: NetCDFType(code: type), dimensions: dimensions,
                              attributes: Dictionary(attributes.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
                              attributeNames: attributes.map(\.name), packingTypes: packingTypes, chunks: chunks,
                              deflateLevel: deflate != 0 ? Int(level) : 0, shuffle: shuffle != 0, id: id)
    }

    private func dimension(_ id: Int32, in groupID: Int32, object: String) throws -> NetCDFDimension {
        var name = [CChar](repeating: 0, count: Int(NC_MAX_NAME) + 1)
        var length = 0
        try check(nc_inq_dim(groupID, id, &name, &length), object)
        // The defining group: the nearest ancestor that lists the dimension as its own.
        var owner = groupID
        while try !ids({ count, ids in nc_inq_dimids(owner, &count, ids, 0) }).contains(id) {
            var parent: Int32 = 0
            guard nc_inq_grp_parent(owner, &parent) == NC_NOERR else { break }
            owner = parent
        }
        let unlimited = try ids { count, ids in nc_inq_unlimdims(owner, &count, ids) }
        var pathLength = 0
        try check(nc_inq_grpname_full(owner, &pathLength, nil), object)
        var groupPath = [CChar](repeating: 0, count: pathLength + 1)
        try check(nc_inq_grpname_full(owner, &pathLength, &groupPath), object)
        return NetCDFDimension(name: name.nullTerminatedString, length: length, isUnlimited: unlimited.contains(id),
                               group: groupPath.nullTerminatedString)
    }

    private func attributes(of variable: Int32, in groupID: Int32, object: String) throws -> [(name: String, value: AttributeValue)] {
        var count: Int32 = 0
        if variable == NC_GLOBAL { try check(nc_inq_natts(groupID, &count), object) } else {
            try check(nc_inq_varnatts(groupID, variable, &count), object)
        }
        let reader = NetCDFAttributeReader(group: groupID, variable: variable, check: check)
        return try (0..<count).map { index in
            var name = [CChar](repeating: 0, count: Int(NC_MAX_NAME) + 1)
            try check(nc_inq_attname(groupID, variable, index, &name), object)
            let attribute = name.nullTerminatedString
            return (attribute, try reader.value(attribute, object: object))
        }
    }
}
