import CHDF5
import Foundation

/// An open HDF5 file: navigation, datasets and attributes. All library calls are serialised.
public final class HDF5File: @unchecked Sendable {
    public let path: String
    let id: hid_t

    private init(path: String, id: hid_t) {
        self.path = path
        self.id = id
    }

    deinit {
        HDF5Library.call { _ = H5Fclose(id) }
    }

    /// Opens `path` read-only.
    public static func open(_ path: String) throws -> HDF5File {
        guard FileManager.default.fileExists(atPath: path) else { throw DatasetError.fileNotFound(path: path) }
        return try HDF5Library.call {
            // No data-sieve buffer: strided selections then read only the selected runs instead
            // of everything between them (HDF5's default 64 KiB sieve reads the gaps too).
            let access = H5Pcreate(shim_H5P_FILE_ACCESS())
            defer { H5Pclose(access) }
            H5Pset_sieve_buf_size(access, 0)
            let id = H5Fopen(path, shim_H5F_ACC_RDONLY(), access)
            guard id >= 0 else { throw DatasetError.cannotOpen(path: path, detail: HDF5Library.errorStack()) }
            return HDF5File(path: path, id: id)
        }
    }

    /// Creates (or truncates) `path` for writing.
    public static func create(_ path: String) throws -> HDF5File {
        try HDF5Library.call {
            let id = H5Fcreate(path, shim_H5F_ACC_TRUNC(), shim_H5P_DEFAULT(), shim_H5P_DEFAULT())
            guard id >= 0 else { throw DatasetError.writeFailed(path: path, object: "/", detail: HDF5Library.errorStack()) }
            return HDF5File(path: path, id: id)
        }
    }

    /// Flushes buffered data to the operating system.
    public func flush() throws {
        try HDF5Library.call {
            guard H5Fflush(id, H5F_SCOPE_GLOBAL) >= 0 else {
                throw DatasetError.writeFailed(path: path, object: "/", detail: HDF5Library.errorStack())
            }
        }
    }

    /// True when `name` (a path such as `0000/grid/x`) exists.
    public func contains(_ name: String) -> Bool {
        HDF5Library.call {
            var prefix = ""
            for part in name.split(separator: "/") {
                prefix += (prefix.isEmpty ? "" : "/") + part
                guard H5Lexists(id, prefix, shim_H5P_DEFAULT()) > 0 else {
                    H5Eclear2(shim_H5E_DEFAULT())
                    return false
                }
            }
            return true
        }
    }

    /// Names of the links in `group`, sorted.
    public func childNames(of group: String = "/") throws -> [String] {
        try HDF5Library.call {
            let handle = H5Gopen2(id, group, shim_H5P_DEFAULT())
            guard handle >= 0 else {
                H5Eclear2(shim_H5E_DEFAULT())
                throw DatasetError.missingObject(path: path, object: group)
            }
            defer { H5Gclose(handle) }
            var info = H5G_info_t()
            guard H5Gget_info(handle, &info) >= 0 else {
                throw DatasetError.readFailed(path: path, object: group, detail: HDF5Library.errorStack())
            }
            var names = [String]()
            for index in 0..<info.nlinks {
                let length = H5Lget_name_by_idx(handle, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, shim_H5P_DEFAULT())
                guard length >= 0 else { throw DatasetError.readFailed(path: path, object: group, detail: HDF5Library.errorStack()) }
                var buffer = [CChar](repeating: 0, count: Int(length) + 1)
                H5Lget_name_by_idx(handle, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, shim_H5P_DEFAULT())
                names.append(String(cString: buffer))
            }
            return names.sorted()
        }
    }

    /// The dataset `name`.
    public func dataset(_ name: String) throws -> HDF5Dataset {
        guard contains(name) else { throw DatasetError.missingObject(path: path, object: name) }
        return try HDF5Dataset(file: self, name: name)
    }
}
