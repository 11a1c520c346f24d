import CHDF5

/// Attributes: numbers, arrays of numbers and strings (fixed or variable length).
extension HDF5File {
    /// The attributes `names` of `object` (a group or dataset path; `/` for the file) that
    /// exist. Attributes are looked up by name on purpose: enumerating them (`H5Aiterate2`)
    /// crashes Debian's libhdf5 1.10.8 on some corrupt attribute tables (found by `make fuzz`),
    /// while a lookup by name does not build that table.
    public func attributes(named names: [String], of object: String = "/") throws -> [String: AttributeValue] {
        try HDF5Library.call {
            let handle = H5Oopen(id, object, shim_H5P_DEFAULT())
            guard handle >= 0 else {
                H5Eclear2(shim_H5E_DEFAULT())
                throw DatasetError.missingObject(path: path, object: object)
            }
            defer { H5Oclose(handle) }
            var result = [String: AttributeValue]()
            for name in names {
                let exists = H5Aexists(handle, name)
                guard exists > 0 else {
                    if exists < 0 {
                        throw DatasetError.readFailed(path: path, object: "\(object)@\(name)", detail: HDF5Library.errorStack())
                    }
                    continue
                }
                if let value = try readAttribute(handle, name, object: object) { result[name] = value }
            }
            return result
        }
    }

    /// One attribute's value; nil for types simulation files do not use (compound, …).
    private func readAttribute(_ handle: hid_t, _ name: String, object: String) throws -> AttributeValue? {
        let attribute = H5Aopen(handle, name, shim_H5P_DEFAULT())
        guard attribute >= 0 else {
            throw DatasetError.readFailed(path: path, object: "\(object)@\(name)", detail: HDF5Library.errorStack())
        }
        defer { H5Aclose(attribute) }
        let type = H5Aget_type(attribute)
        defer { H5Tclose(type) }
        let space = H5Aget_space(attribute)
        defer { H5Sclose(space) }
        let count = Int(H5Sget_simple_extent_npoints(space))
        switch H5Tget_class(type) {
        case H5T_FLOAT, H5T_INTEGER:
            var values = [Double](repeating: 0, count: Swift.max(count, 1))
            guard H5Aread(attribute, shim_H5T_NATIVE_DOUBLE(), &values) >= 0 else {
                throw DatasetError.readFailed(path: path, object: "\(object)@\(name)", detail: HDF5Library.errorStack())
            }
            return H5Sget_simple_extent_type(space) == H5S_SCALAR ? .number(values[0]) : .numbers(Array(values.prefix(count)))
        case H5T_STRING:
            guard count == 1, H5Tget_size(type) <= 1 << 16 else { return nil }
            // Variable-length strings live in HDF5's global heap, whose parser in libhdf5 1.10.8
            // crashes or loops forever on corrupt files (found by `make fuzz`); they are skipped.
            // Our files store fixed-length strings, and PDEBench's parameters are numbers.
            guard H5Tis_variable_str(type) == 0 else { return nil }
            let size = H5Tget_size(type)
            var buffer = [UInt8](repeating: 0, count: size + 1)
            guard H5Aread(attribute, type, &buffer) >= 0 else {
                throw DatasetError.readFailed(path: path, object: "\(object)@\(name)", detail: HDF5Library.errorStack())
            }
            return .text(String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self))
        default:
            return nil
        }
    }

    /// Writes (or replaces) an attribute of `object`. Strings are stored as fixed-length UTF-8
    /// (h5py reads them as `bytes`), which readers can parse without HDF5's global heap.
    public func setAttribute(_ name: String, _ value: AttributeValue, on object: String = "/") throws {
        try HDF5Library.call {
            let handle = H5Oopen(id, object, shim_H5P_DEFAULT())
            guard handle >= 0 else { throw DatasetError.writeFailed(path: path, object: object, detail: HDF5Library.errorStack()) }
            defer { H5Oclose(handle) }
            if H5Aexists(handle, name) > 0 { H5Adelete(handle, name) }
            var status: herr_t = -1
            switch value {
            case let .number(number):
                let space = H5Screate(H5S_SCALAR)
                defer { H5Sclose(space) }
                let attribute = H5Acreate2(handle, name, shim_H5T_IEEE_F64LE(), space, shim_H5P_DEFAULT(), shim_H5P_DEFAULT())
                defer { H5Aclose(attribute) }
                var copy = number
                status = H5Awrite(attribute, shim_H5T_NATIVE_DOUBLE(), &copy)
            case let .numbers(numbers):
                let space = H5Screate_simple(1, [hsize_t(numbers.count)], nil)
                defer { H5Sclose(space) }
                let attribute = H5Acreate2(handle, name, shim_H5T_IEEE_F64LE(), space, shim_H5P_DEFAULT(), shim_H5P_DEFAULT())
                defer { H5Aclose(attribute) }
                status = H5Awrite(attribute, shim_H5T_NATIVE_DOUBLE(), numbers)
            case let .text(text):
                let bytes = Array(text.utf8)
                let type = H5Tcopy(shim_H5T_C_S1())
                defer { H5Tclose(type) }
                H5Tset_size(type, Swift.max(bytes.count, 1))
                H5Tset_strpad(type, H5T_STR_NULLPAD)
                H5Tset_cset(type, H5T_CSET_UTF8)
                let space = H5Screate(H5S_SCALAR)
                defer { H5Sclose(space) }
                let attribute = H5Acreate2(handle, name, type, space, shim_H5P_DEFAULT(), shim_H5P_DEFAULT())
                defer { H5Aclose(attribute) }
                let padded = bytes.isEmpty ? [UInt8(0)] : bytes
                status = H5Awrite(attribute, type, padded)
            }
            guard status >= 0 else {
                throw DatasetError.writeFailed(path: path, object: "\(object)@\(name)", detail: HDF5Library.errorStack())
            }
        }
    }
}
