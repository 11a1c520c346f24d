import CNetCDF
import DatasetIO
import Foundation

/// A netCDF file open for reading or being defined and written, with every netcdf-c call
/// made under `NativeLibraryLock` (netcdf-c is not thread-safe, and its netCDF-4 files go
/// through the same libhdf5 that `DatasetIO` serialises). Failures throw `MeshIOError`
/// naming the file and the variable, with netCDF's own reason.
final class NetCDFFile {
    let path: String
    let id: Int32

    /// Reads of more values than this are refused rather than allocated: a corrupt header can
    /// claim any shape (1100 times the file's size, beyond zlib's 1032:1, plus 2²⁰).
    let maximumValues: Int

    private init(path: String, id: Int32) {
        (self.path, self.id) = (path, id)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        maximumValues = size.multipliedReportingOverflow(by: 1100).partialValue + (1 << 20)
    }

    deinit { NativeLibraryLock.run { _ = nc_close(id) } }

    static func open(_ path: String) throws -> NetCDFFile {
        guard FileManager.default.fileExists(atPath: path) else { throw MeshIOError.fileNotFound(path: path) }
        var id: Int32 = 0
        let status = NativeLibraryLock.run { nc_open(path, NC_NOWRITE, &id) }
        guard status == NC_NOERR else {
            throw MeshIOError.unknownFormat(path: path, reason: "not a readable netCDF file (\(reason(status)))")
        }
        return NetCDFFile(path: path, id: id)
    }

    /// Creates `path` (64-bit offset classic format, Exodus II's large-model layout) in define mode.
    static func create(_ path: String) throws -> NetCDFFile {
        var id: Int32 = 0
        let status = NativeLibraryLock.run { nc_create(path, NC_CLOBBER | NC_64BIT_OFFSET, &id) }
        guard status == NC_NOERR else { throw MeshIOError.cannotWrite(path: path, reason: "netCDF: \(reason(status))") }
        return NetCDFFile(path: path, id: id)
    }

    static func reason(_ status: Int32) -> String { String(cString: nc_strerror(status)) }

    func check(_ status: Int32, _ location: MeshIOError.Location, writing: Bool = false) throws {
        guard status != NC_NOERR else { return }
        if writing { throw MeshIOError.cannotWrite(path: path, reason: "\(location): netCDF: \(Self.reason(status))") }
        throw MeshIOError.malformed(path: path, at: location, reason: "netCDF: \(Self.reason(status))")
    }

    // MARK: Reading

    /// The length of dimension `name`, or nil when there is none.
    func dimension(_ name: String) -> Int? {
        NativeLibraryLock.run {
            var (dimension, length) = (Int32(0), 0)
            guard nc_inq_dimid(id, name, &dimension) == NC_NOERR, nc_inq_dimlen(id, dimension, &length) == NC_NOERR else { return nil }
            return length
        }
    }

    /// The id of variable `name`, or nil.
    func variable(_ name: String) -> Int32? {
        NativeLibraryLock.run {
            var variable: Int32 = 0
            return nc_inq_varid(id, name, &variable) == NC_NOERR ? variable : nil
        }
    }

    /// The extents of variable `name`.
    func shape(_ name: String) throws -> [Int] {
        guard let variable = variable(name) else { throw MeshIOError.malformed(path: path, at: .variable(name), reason: "missing") }
        return try NativeLibraryLock.run {
            var rank: Int32 = 0
            try check(nc_inq_varndims(id, variable, &rank), .variable(name))
            var dimensions = [Int32](repeating: 0, count: Int(rank))
            try check(nc_inq_vardimid(id, variable, &dimensions), .variable(name))
            return try dimensions.map { dimension in
                var length = 0
                try check(nc_inq_dimlen(id, dimension, &length), .variable(name))
                return length
            }
        }
    }

    /// Elements `start ..< start + count` (per axis) of variable `name` as doubles, or the
    /// whole variable.
    func doubles(_ name: String, start: [Int]? = nil, count: [Int]? = nil) throws -> [Double] {
        try values(name, start: start, count: count, zero: 0.0) { nc_get_vara_double(self.id, $0, $1, $2, $3) }
    }

    /// Like `doubles`, as 64-bit integers (netCDF converts; reals are truncated).
    func integers(_ name: String, start: [Int]? = nil, count: [Int]? = nil) throws -> [Int] {
        try values(name, start: start, count: count, zero: Int64(0)) { nc_get_vara_longlong(self.id, $0, $1, $2, $3) }.map { Int($0) }
    }

    /// The rows of a 2-D char variable (names padded with NULs), as strings.
    func strings(_ name: String) throws -> [String] {
        let shape = try shape(name)
        guard shape.count == 2 else { throw MeshIOError.malformed(path: path, at: .variable(name), reason: "expected a 2-D char array, found shape \(shape)") }
        let bytes = try values(name, start: nil, count: nil, zero: CChar(0)) { nc_get_vara_text(self.id, $0, $1, $2, $3) }
        return (0..<shape[0]).map { row in
            let chars = bytes[row * shape[1]..<(row + 1) * shape[1]].prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return String(decoding: chars, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
    }

    private func values<T>(_ name: String, start: [Int]?, count: [Int]?, zero: T,
                           _ get: (Int32, UnsafePointer<Int>, UnsafePointer<Int>, UnsafeMutablePointer<T>) -> Int32) throws -> [T] {
        guard let variable = variable(name) else { throw MeshIOError.malformed(path: path, at: .variable(name), reason: "missing") }
        let shape = try shape(name)
        let start = start ?? shape.map { _ in 0 }
        let count = count ?? shape
        var total = 1
        for (axis, extent) in count.enumerated() {
            guard extent >= 0, start[axis] + extent <= shape[axis] else {
                throw MeshIOError.malformed(path: path, at: .variable(name), reason: "selection \(start)+\(count) exceeds shape \(shape)")
            }
            let (product, overflow) = total.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= maximumValues else { throw MeshIOError.malformed(path: path, at: .variable(name), reason: "shape \(shape) is more than the file could hold") }
            total = product
        }
        var output = [T](repeating: zero, count: max(total, 1))
        if total > 0 {
            try NativeLibraryLock.run {
                try output.withUnsafeMutableBufferPointer { buffer in
                    try check(get(variable, start, count.isEmpty ? [1] : count, buffer.baseAddress!), .variable(name))
                }
            }
        }
        return Array(output.prefix(total))
    }

    /// Text attribute `attribute` of variable `name` (or of the file, for `name` nil).
    func text(attribute: String, of name: String?) -> String? {
        NativeLibraryLock.run {
            var variable = NC_GLOBAL
            if let name { guard nc_inq_varid(id, name, &variable) == NC_NOERR else { return nil } }
            var (type, length) = (nc_type(0), 0)
            guard nc_inq_att(id, variable, attribute, &type, &length) == NC_NOERR, type == NC_CHAR else { return nil }
            var chars = [CChar](repeating: 0, count: length + 1)
            guard nc_get_att_text(id, variable, attribute, &chars) == NC_NOERR else { return nil }
            return String(decoding: chars.prefix(length).prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    // MARK: Writing

    func defineDimension(_ name: String, _ length: Int) throws {
        var dimension: Int32 = 0
        try NativeLibraryLock.run { try check(nc_def_dim(id, name, length, &dimension), .variable(name), writing: true) }
    }

    /// Defines variable `name` of `type` over the named dimensions.
    func defineVariable(_ name: String, _ type: nc_type, _ dimensions: [String]) throws {
        try NativeLibraryLock.run {
            let ids = try dimensions.map { dimension in
                var dimensionID: Int32 = 0
                try check(nc_inq_dimid(id, dimension, &dimensionID), .variable(dimension), writing: true)
                return dimensionID
            }
            var variable: Int32 = 0
            try check(nc_def_var(id, name, type, Int32(ids.count), ids, &variable), .variable(name), writing: true)
        }
    }

    /// Sets a text attribute of variable `name`, or of the file for `name` nil.
    func setText(_ attribute: String, _ value: String, of name: String? = nil) throws {
        try NativeLibraryLock.run {
            var variable = NC_GLOBAL
            if let name { try check(nc_inq_varid(id, name, &variable), .variable(name), writing: true) }
            try check(nc_put_att_text(id, variable, attribute, value.utf8.count, value), .variable(name ?? "global"), writing: true)
        }
    }

    func setNumber(_ attribute: String, float value: Float) throws {
        var value = value
        try NativeLibraryLock.run { try check(nc_put_att_float(id, NC_GLOBAL, attribute, NC_FLOAT, 1, &value), .variable("global"), writing: true) }
    }

    func setNumber(_ attribute: String, int value: Int32, of name: String? = nil) throws {
        var value = value
        try NativeLibraryLock.run {
            var variable = NC_GLOBAL
            if let name { try check(nc_inq_varid(id, name, &variable), .variable(name), writing: true) }
            try check(nc_put_att_int(id, variable, attribute, NC_INT, 1, &value), .variable(name ?? "global"), writing: true)
        }
    }

    func endDefinitions() throws {
        try NativeLibraryLock.run { try check(nc_enddef(id), .variable("definitions"), writing: true) }
    }

    /// Writes all of variable `name` (or the block at `start` of `count`).
    func put(_ name: String, doubles values: [Double], start: [Int]? = nil, count: [Int]? = nil) throws {
        try put(name, values, start: start, count: count) { nc_put_vara_double(self.id, $0, $1, $2, $3) }
    }

    func put(_ name: String, integers values: [Int], start: [Int]? = nil, count: [Int]? = nil) throws {
        try put(name, values.map { Int64($0) }, start: start, count: count) { nc_put_vara_longlong(self.id, $0, $1, $2, $3) }
    }

    /// Writes `rows` into a 2-D char variable, each padded with NULs to the row length.
    func put(_ name: String, strings rows: [String]) throws {
        let width = try shape(name).last ?? 0
        let chars = rows.flatMap { row in
            let bytes = Array(row.utf8.prefix(width - 1)).map { CChar(bitPattern: $0) }
            return bytes + [CChar](repeating: 0, count: width - bytes.count)
        }
        try put(name, chars, start: nil, count: nil) { nc_put_vara_text(self.id, $0, $1, $2, $3) }
    }

    private func put<T>(_ name: String, _ values: [T], start: [Int]?, count: [Int]?,
                        _ write: (Int32, UnsafePointer<Int>, UnsafePointer<Int>, UnsafePointer<T>) -> Int32) throws {
        guard !values.isEmpty else { return }
        let shape = try shape(name)
        let start = start ?? shape.map { _ in 0 }
        let count = count ?? shape
        precondition(count.reduce(1, *) == values.count, "NetCDFFile.put '\(name)': \(values.count) values for \(count)")
        guard let variable = variable(name) else { throw MeshIOError.cannotWrite(path: path, reason: "no variable '\(name)'") }
        try NativeLibraryLock.run {
            try values.withUnsafeBufferPointer { buffer in
                try check(write(variable, start, count, buffer.baseAddress!), .variable(name), writing: true)
            }
        }
    }
}
