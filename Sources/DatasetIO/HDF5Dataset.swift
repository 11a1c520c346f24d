import CHDF5
import TensorCore

/// A dataset of an open HDF5 file: its shape and element type, and hyperslab reads and writes
/// that move only the selected elements (HDF5 converts float16/float64/integers on the way).
public final class HDF5Dataset: @unchecked Sendable {
    public let file: HDF5File
    public let name: String
    public let shape: [Int]
    /// `float`, `integer`, `string`, … (HDF5's type class, lower-cased).
    public let typeName: String
    /// Bytes per stored element.
    public let elementSize: Int
    let id: hid_t

    init(file: HDF5File, name: String) throws {
        (self.file, self.name) = (file, name)
        let opened: (hid_t, [Int], String, Int) = try HDF5Library.call {
            let id = H5Dopen2(file.id, name, shim_H5P_DEFAULT())
            guard id >= 0 else {
                throw DatasetError.readFailed(path: file.path, object: name, detail: HDF5Library.errorStack())
            }
            let space = H5Dget_space(id)
            defer { H5Sclose(space) }
            let rank = Int(H5Sget_simple_extent_ndims(space))
            var dims = [hsize_t](repeating: 0, count: Swift.max(rank, 0))
            if rank > 0 { H5Sget_simple_extent_dims(space, &dims, nil) }
            let type = H5Dget_type(id)
            defer { H5Tclose(type) }
            return (id, dims.map { Int($0) }, Self.typeName(H5Tget_class(type)), Int(H5Tget_size(type)))
        }
        (id, shape, typeName, elementSize) = opened
    }

    deinit {
        HDF5Library.call { _ = H5Dclose(id) }
    }

    public var isNumeric: Bool { typeName == "float" || typeName == "integer" }

    static func typeName(_ typeClass: H5T_class_t) -> String {
        switch typeClass {
        case H5T_FLOAT: "float"
        case H5T_INTEGER: "integer"
        case H5T_STRING: "string"
        case H5T_COMPOUND: "compound"
        case H5T_ENUM: "enum"
        case H5T_ARRAY: "array"
        case H5T_VLEN: "variable-length data"
        case H5T_OPAQUE: "opaque data"
        case H5T_REFERENCE: "references"
        default: "unknown type"
        }
    }

    /// Elements `start[i], start[i] + stride[i], …` (`count[i]` of them) along every axis,
    /// converted to `Scalar`. Only the selection is read from disk.
    public func read<Scalar: TensorScalar>(as: Scalar.Type = Float.self, start: [Int]? = nil, count: [Int]? = nil,
                                           stride: [Int]? = nil) throws -> Tensor<Scalar> {
        guard isNumeric else { throw DatasetError.nonNumeric(path: file.path, object: name, type: typeName) }
        let start = start ?? [Int](repeating: 0, count: shape.count)
        let stride = stride ?? [Int](repeating: 1, count: shape.count)
        let count = count ?? shape
        var tensor = Tensor<Scalar>(shape: count) { _ in }  // every element is read below
        try read(into: &tensor, start: start, stride: stride)
        return tensor
    }

    /// Reads the selection whose `count` is `destination.shape` into `destination`'s storage
    /// (reused when `destination` is its only owner, as in a streaming loop).
    public func read<Scalar: TensorScalar>(into destination: inout Tensor<Scalar>, start: [Int], stride: [Int]) throws {
        guard isNumeric else { throw DatasetError.nonNumeric(path: file.path, object: name, type: typeName) }
        let count = destination.shape
        precondition(start.count == shape.count && count.count == shape.count && stride.count == shape.count,
                     "selection of rank \(start.count) for '\(name)' of shape \(shape)")
        for axis in shape.indices where count[axis] > 0 {
            precondition(start[axis] >= 0 && stride[axis] >= 1 && start[axis] + (count[axis] - 1) * stride[axis] < shape[axis],
                         "selection start \(start) count \(count) stride \(stride) exceeds '\(name)' of shape \(shape)")
        }
        if count.contains(0) { return }
        let memoryType = Scalar.self == Float.self ? shim_H5T_NATIVE_FLOAT() : shim_H5T_NATIVE_DOUBLE()
        let failure: String? = destination.withUnsafeMutableBufferPointer { buffer in
            HDF5Library.call {
                let fileSpace = H5Dget_space(id)
                defer { H5Sclose(fileSpace) }
                let memorySpace = H5Screate_simple(Int32(count.count), count.map { hsize_t($0) }, nil)
                defer { H5Sclose(memorySpace) }
                if !shape.isEmpty {
                    let (s, c, t) = (start.map { hsize_t($0) }, count.map { hsize_t($0) }, stride.map { hsize_t($0) })
                    guard H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, s, t, c, nil) >= 0 else { return HDF5Library.errorStack() }
                }
                guard H5Dread(id, memoryType, shape.isEmpty ? shim_H5S_ALL() : memorySpace, fileSpace, shim_H5P_DEFAULT(),
                              buffer.baseAddress) >= 0 else { return HDF5Library.errorStack() }
                return nil
            }
        }
        if let failure { throw DatasetError.readFailed(path: file.path, object: name, detail: failure) }
    }

    /// Writes `values` into the block starting at `start` (its shape is the block's).
    public func write<Scalar: TensorScalar>(_ values: Tensor<Scalar>, at start: [Int]? = nil) throws {
        let start = start ?? [Int](repeating: 0, count: shape.count)
        precondition(values.rank == shape.count && zip(zip(start, values.shape), shape).allSatisfy { $0.0 + $0.1 <= $1 },
                     "block \(values.shape) at \(start) exceeds '\(name)' of shape \(shape)")
        let memoryType = Scalar.self == Float.self ? shim_H5T_NATIVE_FLOAT() : shim_H5T_NATIVE_DOUBLE()
        try values.withUnsafeBufferPointer { buffer in
            try HDF5Library.call {
                let fileSpace = H5Dget_space(id)
                defer { H5Sclose(fileSpace) }
                let memorySpace = H5Screate_simple(Int32(values.rank), values.shape.map { hsize_t($0) }, nil)
                defer { H5Sclose(memorySpace) }
                H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, start.map { hsize_t($0) }, nil,
                                    values.shape.map { hsize_t($0) }, nil)
                guard H5Dwrite(id, memoryType, memorySpace, fileSpace, shim_H5P_DEFAULT(), buffer.baseAddress) >= 0 else {
                    throw DatasetError.writeFailed(path: file.path, object: name, detail: HDF5Library.errorStack())
                }
            }
        }
    }
}

extension HDF5File {
    /// Creates a float32 (or float64) dataset of `shape`, chunked by `chunk` when given.
    public func createDataset(_ name: String, shape: [Int], double: Bool = false, chunk: [Int]? = nil) throws -> HDF5Dataset {
        try HDF5Library.call {
            let space = H5Screate_simple(Int32(shape.count), shape.map { hsize_t($0) }, nil)
            defer { H5Sclose(space) }
            let properties = H5Pcreate(shim_H5P_DATASET_CREATE())
            defer { H5Pclose(properties) }
            if let chunk { H5Pset_chunk(properties, Int32(chunk.count), chunk.map { hsize_t($0) }) }
            let type = double ? shim_H5T_IEEE_F64LE() : shim_H5T_IEEE_F32LE()
            let id = H5Dcreate2(self.id, name, type, space, shim_H5P_DEFAULT(), properties, shim_H5P_DEFAULT())
            guard id >= 0 else { throw DatasetError.writeFailed(path: path, object: name, detail: HDF5Library.errorStack()) }
            H5Dclose(id)
        }
        return try dataset(name)
    }

    /// Creates and fills a dataset in one step.
    public func writeDataset<Scalar: TensorScalar>(_ name: String, _ values: Tensor<Scalar>) throws {
        try createDataset(name, shape: values.shape, double: Scalar.self == Double.self).write(values)
    }
}
