import CHDF5

/// Attributes: numbers, arrays of numbers and strings (fixed or variable length).
extension HDF5File {
    /// Every attribute of `object` (a group or dataset path; `/` for the file).
    public func attributes(of object: String = "/") throws -> [String: AttributeValue] {
        try HDF5Library.call {
            let handle = H5Oopen(id, object, shim_H5P_DEFAULT())
            guard handle >= 0 else {
                H5Eclear2(shim_H5E_DEFAULT())
                throw DatasetError.missingObject(path: path, object: object)
            }
            defer { H5Oclose(handle) }
            final class Names { var items: [String] = [] }
            let names = Names()
            var index: hsize_t = 0
            H5Aiterate2(handle, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, data in
                guard let name, let data else { return 0 }
                Unmanaged<Names>.fromOpaque(data).takeUnretainedValue().items.append(String(cString: name))
                return 0
            }, Unmanaged.passUnretained(names).toOpaque())
            var result = [String: AttributeValue]()
            for name in names.items {
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
            guard count == 1 else { return nil }
            if H5Tis_variable_str(type) > 0 {
                let memoryType = H5Tcopy(shim_H5T_C_S1())
                defer { H5Tclose(memoryType) }
                H5Tset_size(memoryType, shim_H5T_VARIABLE())
                H5Tset_cset(memoryType, H5Tget_cset(type))
                var pointer: UnsafeMutablePointer<CChar>?
                guard H5Aread(attribute, memoryType, &pointer) >= 0, let pointer else {
                    throw DatasetError.readFailed(path: path, object: "\(object)@\(name)", detail: HDF5Library.errorStack())
                }
                defer { H5free_memory(pointer) }
                return .text(String(cString: pointer))
            }
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

    /// Writes (or replaces) an attribute of `object`. Strings are stored as variable-length
    /// UTF-8, which h5py reads as `str`.
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
                let type = H5Tcopy(shim_H5T_C_S1())
                defer { H5Tclose(type) }
                H5Tset_size(type, shim_H5T_VARIABLE())
                H5Tset_cset(type, H5T_CSET_UTF8)
                let space = H5Screate(H5S_SCALAR)
                defer { H5Sclose(space) }
                let attribute = H5Acreate2(handle, name, type, space, shim_H5P_DEFAULT(), shim_H5P_DEFAULT())
                defer { H5Aclose(attribute) }
                status = text.withCString { pointer in
                    var pointer: UnsafePointer<CChar>? = pointer
                    return H5Awrite(attribute, type, &pointer)
                }
            }
            guard status >= 0 else {
                throw DatasetError.writeFailed(path: path, object: "\(object)@\(name)", detail: HDF5Library.errorStack())
            }
        }
    }
}
