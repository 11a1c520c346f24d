import CNetCDF
import Foundation

/// Writes a netCDF file atomically: it is built under a temporary name beside `path`, and
/// `finish()` closes, syncs and renames it into place; a writer dropped before `finish()`
/// removes its temporary file, so a failed conversion never leaves a partial output. Fill
/// mode is off (every value is written), as in nccopy.
public final class NetCDFWriter {
    public let path: String
    public let format: NetCDFFormat
    let temporaryPath: String
    private var id: Int32
    private var groupIDs: [String: Int32]
    private var variableIDs: [String: (group: Int32, id: Int32)] = [:]
    private var open = true
    private var finished = false
    private let check: NetCDFStatus

    public init(path: String, format: NetCDFFormat) throws {
        (self.path, self.format) = (path, format)
        temporaryPath = AtomicOutput.temporaryPath(for: path)
        check = NetCDFStatus(path: path, writing: true)
        var id: Int32 = 0
        let temporary = temporaryPath
        let status = NativeLibraryLock.run { nc_create(temporary, format.createMode, &id) }
        guard status == NC_NOERR else {
            throw DatasetError.writeFailed(path: path, object: "/", detail: "netCDF: \(NetCDFStatus.reason(status))")
        }
        (self.id, groupIDs) = (id, ["/": id])
        var previous: Int32 = 0
        let status2 = NativeLibraryLock.run { nc_set_fill(id, NC_NOFILL, &previous) }
        try check(status2, "fill mode")
    }

    deinit {
        if open { NativeLibraryLock.run { _ = nc_close(id) } }
        if !finished { try? FileManager.default.removeItem(atPath: temporaryPath) }
    }

    // MARK: Definitions

    /// The id of group `path`, created with its missing parents.
    @discardableResult
    public func group(_ path: String) throws -> Int32 {
        if let known = groupIDs[path] { return known }
        guard format.hasEnhancedModel else {
            throw DatasetError.writeFailed(path: self.path, object: path, detail: "groups need the netcdf4 format, not \(format.rawValue)")
        }
        let url = URL(fileURLWithPath: path)
        let parent = try group(url.deletingLastPathComponent().path)
        var child: Int32 = 0
        try NativeLibraryLock.run { try check(nc_def_grp(parent, url.lastPathComponent, &child), path) }
        groupIDs[path] = child
        return child
    }

    /// Defines dimension `name` in `group`; `length` nil makes it unlimited.
    public func defineDimension(_ name: String, length: Int?, in group: String = "/") throws {
        let groupID = try self.group(group)
        var dimension: Int32 = 0
        try NativeLibraryLock.run { try check(nc_def_dim(groupID, name, length ?? NC_UNLIMITED, &dimension), "dimension \(name)") }
    }

    public func define(_ definition: NetCDFVariableDefinition) throws {
        let object = Self.key(definition.group, definition.name)
        if definition.type.isExtended && !format.hasExtendedTypes || definition.type == .string && !format.hasEnhancedModel {
            throw DatasetError.writeFailed(path: path, object: object,
                                           detail: "type \(definition.type) needs the netcdf4 or cdf5 format, not \(format.rawValue)")
        }
        guard definition.type.size != nil else {
            throw DatasetError.writeFailed(path: path, object: object, detail: "user-defined types are not converted")
        }
        let groupID = try group(definition.group)
        try NativeLibraryLock.run {
            let dimensions = try definition.dimensions.map { name in
                var dimension: Int32 = 0
                try check(nc_inq_dimid(groupID, name, &dimension), "\(object) dimension \(name)")
                return dimension
            }
            var variable: Int32 = 0
            try check(nc_def_var(groupID, definition.name, definition.type.code, Int32(dimensions.count), dimensions, &variable), object)
            if format.isHDF5Based && !dimensions.isEmpty {
                if let chunks = definition.chunks {
                    try check(nc_def_var_chunking(groupID, variable, NC_CHUNKED, chunks), "\(object) chunks \(chunks)")
                }
                if definition.deflateLevel > 0 || definition.shuffle {
                    try check(nc_def_var_deflate(groupID, variable, definition.shuffle ? 1 : 0, definition.deflateLevel > 0 ? 1 : 0,
                                                 Int32(definition.deflateLevel)), "\(object) deflate")
                }
            }
            variableIDs[object] = (groupID, variable)
        }
    }

    /// Copies attribute `name` of `variable` (or, for nil, of group `group`) in `source`
    /// unchanged — same type and values — to variable `target` (or, for nil, to the same group
    /// here).
    public func copyAttribute(_ name: String, of variable: NetCDFVariable?, group: String = "/", in source: NetCDFDataset,
                              to target: String?) throws {
        let (targetGroup, targetID) = try target.map(variableIDs) ?? (self.group(group), NC_GLOBAL)
        try source.withGroup(variable?.group ?? group) { sourceGroup in
            try check(nc_copy_att(sourceGroup, variable?.id ?? NC_GLOBAL, name, targetGroup, targetID),
                      "\(target ?? group) attribute \(name)")
        }
    }

    /// Sets a text attribute of variable `target` (a path like `ocean/sst`) or of the root.
    public func setText(_ name: String, _ value: String, on target: String? = nil) throws {
        let (group, variable) = try ids(target)
        try NativeLibraryLock.run { try check(nc_put_att_text(group, variable, name, value.utf8.count, value), "\(target ?? "global") attribute \(name)") }
    }

    /// Sets a numeric attribute, stored as `type`.
    public func setNumbers(_ name: String, _ values: [Double], type: NetCDFType, on target: String? = nil) throws {
        let (group, variable) = try ids(target)
        try NativeLibraryLock.run {
            try check(nc_put_att_double(group, variable, name, type.code, values.count, values), "\(target ?? "global") attribute \(name)")
        }
    }

    /// The chunk lengths netcdf-c chose or was given for `target`, nil when contiguous.
    public func chunks(of target: String) throws -> [Int]? {
        let (group, variable) = try ids(target)
        return NativeLibraryLock.run {
            var (storage, rank) = (Int32(NC_CONTIGUOUS), Int32(0))
            guard nc_inq_varndims(group, variable, &rank) == NC_NOERR, rank > 0 else { return nil }
            var lengths = [Int](repeating: 0, count: Int(rank))
            guard nc_inq_var_chunking(group, variable, &storage, &lengths) == NC_NOERR, storage == NC_CHUNKED else { return nil }
            return lengths
        }
    }

    public func endDefinitions() throws {
        try NativeLibraryLock.run { try check(nc_enddef(id), "definitions") }
    }

    // MARK: Data

    /// Writes `slab.elementCount` values of the variable's own type from `buffer`.
    public func putRaw(_ target: String, start: [Int], count: [Int], from buffer: UnsafeRawPointer) throws {
        let (group, variable) = try ids(target)
        guard count.reduce(1, *) > 0 else { return }
        try NativeLibraryLock.run {
            if start.isEmpty {
                try check(nc_put_var(group, variable, buffer), target)
            } else {
                try check(nc_put_vara(group, variable, start, count, buffer), target)
            }
        }
    }

    /// Writes doubles, converted by netcdf-c to the variable's type (range errors are errors).
    public func putDoubles(_ target: String, start: [Int], count: [Int], _ values: [Double]) throws {
        let (group, variable) = try ids(target)
        guard !values.isEmpty else { return }
        try NativeLibraryLock.run {
            if start.isEmpty {
                try check(nc_put_var_double(group, variable, values), target)
            } else {
                try check(nc_put_vara_double(group, variable, start, count, values), target)
            }
        }
    }

    /// Closes the file, syncs it to disk and renames it into place.
    public func finish() throws {
        guard open else { return }
        open = false
        try NativeLibraryLock.run { try check(nc_close(id), "close") }
        try AtomicOutput.commit(temporaryPath, to: path)
        finished = true
    }

    private func ids(_ target: String?) throws -> (Int32, Int32) {
        guard let target else { return (id, NC_GLOBAL) }
        return try variableIDs(target)
    }

    private func variableIDs(_ target: String) throws -> (Int32, Int32) {
        guard let found = variableIDs[target] else {
            throw DatasetError.writeFailed(path: path, object: target, detail: "variable not defined")
        }
        return found
    }

    /// The key of a variable in `group`: its path without the leading slash.
    static func key(_ group: String, _ name: String) -> String { group == "/" ? name : String(group.dropFirst()) + "/" + name }
}
