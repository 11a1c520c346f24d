import CNetCDF
import Foundation

extension NetCDFDataset {
    /// Reads of more values than this are refused before allocating: a corrupt header can claim
    /// any shape (1100 × the file size, beyond deflate's 1032:1, plus 2²⁰ for fill-only files).
    var maximumValues: Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return size.multipliedReportingOverflow(by: 1100).partialValue + (1 << 20)
    }

    /// Copies `slab` of `variable` in its own external type into `buffer` (which must hold
    /// `slab.elementCount × type.size` bytes). Strings come as `char *` that the caller frees
    /// with `NetCDFDataset.freeStrings`.
    public func readRaw(_ variable: NetCDFVariable, _ slab: Hyperslab, into buffer: UnsafeMutableRawPointer) throws {
        try validate(variable, slab)
        guard slab.elementCount > 0 else { return }
        let check = NetCDFStatus(path: path)
        try withGroup(variable.group) { group in
            if variable.dimensions.isEmpty {
                try check(nc_get_var(group, variable.id, buffer), variable.path)
            } else if slab.isStrided {
                try check(nc_get_vars(group, variable.id, slab.start, slab.count, slab.stride, buffer), variable.path)
            } else {
                try check(nc_get_vara(group, variable.id, slab.start, slab.count, buffer), variable.path)
            }
        }
    }

    /// `slab` of a numeric variable as stored (no CF decoding), converted to `Double`.
    public func readDoubles(_ variable: NetCDFVariable, _ slab: Hyperslab? = nil) throws -> [Double] {
        let slab = slab ?? Hyperslab(whole: variable.shape)
        guard variable.type.isNumeric else {
            throw DatasetError.nonNumeric(path: path, object: variable.path, type: variable.type.description)
        }
        try validate(variable, slab)
        var values = [Double](repeating: 0, count: slab.elementCount)
        guard !values.isEmpty else { return values }
        let check = NetCDFStatus(path: path)
        try withGroup(variable.group) { group in
            try values.withUnsafeMutableBufferPointer { buffer in
                let base = buffer.baseAddress!
                if variable.dimensions.isEmpty {
                    try check(nc_get_var_double(group, variable.id, base), variable.path)
                } else {
                    try check(nc_get_vars_double(group, variable.id, slab.start, slab.count, slab.stride, base), variable.path)
                }
            }
        }
        return values
    }

    /// `slab` of a numeric variable with CF decoding applied: fill, missing and out-of-range
    /// values become NaN and packed values are unpacked (`CFDecoding`).
    public func readDecoded(_ variable: NetCDFVariable, _ slab: Hyperslab? = nil) throws -> [Double] {
        let decoding = CFDecoding(variable)
        var values = try readDoubles(variable, slab)
        decoding.decode(&values)
        return values
    }

    /// The text rows of a char or string variable (char arrays split along their last axis).
    public func readStrings(_ variable: NetCDFVariable) throws -> [String] {
        let check = NetCDFStatus(path: path)
        let slab = Hyperslab(whole: variable.shape)
        try validate(variable, slab)
        switch variable.type {
        case .string:
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: slab.elementCount)
            guard !pointers.isEmpty else { return [] }
            try readRaw(variable, slab, into: &pointers)
            defer { Self.freeStrings(&pointers, count: pointers.count) }
            return pointers.map { $0.map { String(cString: $0) } ?? "" }
        case .char:
            var chars = [CChar](repeating: 0, count: max(slab.elementCount, 1))
            if slab.elementCount > 0 {
                try withGroup(variable.group) { group in try check(nc_get_var_text(group, variable.id, &chars), variable.path) }
            }
            let width = variable.shape.last ?? 1
            return stride(from: 0, to: slab.elementCount, by: max(width, 1)).map { offset in
                String(decoding: chars[offset..<offset + width].prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        default:
            throw DatasetError.inconsistent(path: path, object: variable.path, reason: "holds \(variable.type), not text")
        }
    }

    /// Frees strings that `readRaw` returned for a string variable.
    public static func freeStrings(_ pointers: UnsafeMutableRawPointer, count: Int) {
        _ = NativeLibraryLock.run {
            nc_free_string(count, pointers.assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self))
        }
    }

    private func validate(_ variable: NetCDFVariable, _ slab: Hyperslab) throws {
        guard slab.fits(variable.shape) else {
            throw DatasetError.inconsistent(path: path, object: variable.path,
                                            reason: "selection start \(slab.start) count \(slab.count) stride \(slab.stride) exceeds shape \(variable.shape)")
        }
        let (_, overflow) = variable.shape.reduce((1, false)) { partial, length in
            let (product, over) = partial.0.multipliedReportingOverflow(by: length)
            return (product, partial.1 || over)
        }
        guard !overflow, slab.elementCount <= maximumValues else {
            throw DatasetError.inconsistent(path: path, object: variable.path, reason: "shape \(variable.shape) is more than the file could hold")
        }
    }
}
