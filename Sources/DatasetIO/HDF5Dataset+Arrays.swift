import CHDF5

/// Whole-dataset reads and writes of plain arrays (reals or 64-bit integers), for files whose
/// datasets are not tensors of samples, such as the heavy data of an XDMF mesh.
extension HDF5Dataset {
    /// Number of elements (the product of the shape), or nil when it is more than the stored
    /// bytes could hold: a corrupt header can claim any shape, so a dataset larger than 1100
    /// times its storage (beyond zlib's 1032:1) plus 2²⁰ elements is refused, not allocated.
    public var elementCount: Int? {
        let stored = HDF5Library.call { Int(H5Dget_storage_size(id)) }
        let limit = stored.multipliedReportingOverflow(by: 1100).partialValue / Swift.max(elementSize, 1) + (1 << 20)
        var total = 1
        for extent in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= limit else { return nil }
            total = product
        }
        return total
    }

    /// True when the stored elements are integers.
    public var isInteger: Bool { typeName == "integer" }

    /// Every element as a `Double` (HDF5 converts integers and float32).
    public func readDoubles() throws -> [Double] {
        try readAll(repeating: 0.0, memoryType: shim_H5T_NATIVE_DOUBLE())
    }

    /// Every element as an `Int` (HDF5 converts narrower or unsigned integers; reals are refused).
    public func readIntegers() throws -> [Int] {
        guard isInteger else { throw DatasetError.nonNumeric(path: file.path, object: name, type: "\(typeName), not integers") }
        return try readAll(repeating: Int64(0), memoryType: shim_H5T_NATIVE_INT64()).map { Int($0) }
    }

    private func readAll<T>(repeating zero: T, memoryType: hid_t) throws -> [T] {
        guard isNumeric else { throw DatasetError.nonNumeric(path: file.path, object: name, type: typeName) }
        guard let count = elementCount else {
            throw DatasetError.inconsistent(path: file.path, object: name, reason: "shape \(shape) is more than its stored data can hold")
        }
        var values = [T](repeating: zero, count: count)
        if count == 0 { return values }
        let failure: String? = values.withUnsafeMutableBytes { buffer in
            HDF5Library.call {
                H5Dread(id, memoryType, shim_H5S_ALL(), shim_H5S_ALL(), shim_H5P_DEFAULT(), buffer.baseAddress) >= 0
                    ? nil : HDF5Library.errorStack()
            }
        }
        if let failure { throw DatasetError.readFailed(path: file.path, object: name, detail: failure) }
        return values
    }
}

extension HDF5File {
    /// Creates dataset `name` of `shape` holding `values` as float64.
    public func writeArray(_ name: String, doubles values: [Double], shape: [Int]) throws {
        try writeAll(name, values, shape: shape, type: shim_H5T_NATIVE_DOUBLE())
    }

    /// Creates dataset `name` of `shape` holding `values` as int64.
    public func writeArray(_ name: String, integers values: [Int], shape: [Int]) throws {
        try writeAll(name, values.map { Int64($0) }, shape: shape, type: shim_H5T_NATIVE_INT64())
    }

    private func writeAll<T>(_ name: String, _ values: [T], shape: [Int], type: hid_t) throws {
        precondition(shape.reduce(1, *) == values.count, "writeArray '\(name)': \(values.count) values for shape \(shape)")
        try values.withUnsafeBytes { buffer in
            try HDF5Library.call {
                let space = H5Screate_simple(Int32(shape.count), shape.map { hsize_t($0) }, nil)
                defer { H5Sclose(space) }
                let dataset = H5Dcreate2(id, name, type, space, shim_H5P_DEFAULT(), shim_H5P_DEFAULT(), shim_H5P_DEFAULT())
                guard dataset >= 0 else { throw DatasetError.writeFailed(path: path, object: name, detail: HDF5Library.errorStack()) }
                defer { H5Dclose(dataset) }
                guard values.isEmpty || H5Dwrite(dataset, type, shim_H5S_ALL(), shim_H5S_ALL(), shim_H5P_DEFAULT(), buffer.baseAddress) >= 0 else {
                    throw DatasetError.writeFailed(path: path, object: name, detail: HDF5Library.errorStack())
                }
            }
        }
    }
}
