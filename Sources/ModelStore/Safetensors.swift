import Foundation
import TensorCore

/// The safetensors format (Hugging Face): an 8-byte little-endian header length N, N bytes of
/// JSON (`{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {…}}`,
/// space-padded to a multiple of 8), then the raw little-endian tensor bytes, contiguous and
/// in offset order.
public enum Safetensors {
    /// Largest header accepted (the reference implementation's limit).
    static let maximumHeaderBytes = 100_000_000

    /// The file's bytes for `tensors` (in name order) and string `metadata`.
    public static func encode<Scalar: TensorScalar>(_ tensors: [String: Tensor<Scalar>],
                                                    metadata: [String: String] = [:]) throws -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            let bytes = tensor.count * MemoryLayout<Scalar>.size
            header[name] = ["dtype": Scalar.safetensorsDType, "shape": tensor.shape, "data_offsets": [offset, offset + bytes]]
            offset += bytes
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(0x20) }
        var data = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for name in names {
            tensors[name]!.withUnsafeBufferPointer { data.append(UnsafeBufferPointer(start: $0.baseAddress, count: $0.count)) }
        }
        return data
    }

    /// A decoded file: tensors converted to `Scalar` and the metadata strings.
    public struct Contents<Scalar: TensorScalar> {
        public var tensors: [String: Tensor<Scalar>]
        public var metadata: [String: String]
        /// The stored dtype of each tensor (`F32`, `F64`, `F16`, `BF16`).
        public var dtypes: [String: String]
    }

    /// Parses and validates `data` (`path` names the file in errors).
    public static func decode<Scalar: TensorScalar>(_ data: Data, as: Scalar.Type = Scalar.self,
                                                    path: String) throws -> Contents<Scalar> {
        func fail(_ reason: String) -> ModelStoreError { .malformed(path: path, reason: reason) }
        guard data.count >= 8 else { throw fail("file of \(data.count) bytes is too short for a safetensors header") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(min(maximumHeaderBytes, data.count - 8)) else {
            throw fail("header length \(headerLength) exceeds the file size \(data.count)")
        }
        let headerData = data.subdata(in: 8..<(8 + Int(headerLength)))
        guard let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any] else {
            throw fail("header is not a JSON object")
        }
        let dataStart = 8 + Int(headerLength)
        let dataLength = data.count - dataStart
        var contents = Contents<Scalar>(tensors: [:], metadata: [:], dtypes: [:])
        if let metadata = header["__metadata__"] {
            guard let strings = metadata as? [String: String] else { throw fail("__metadata__ must map strings to strings") }
            contents.metadata = strings
        }
        var spans = [(begin: Int, end: Int)]()
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw fail("tensor '\(name)' needs dtype, shape and data_offsets")
            }
            guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("tensor '\(name)' has a negative dimension in \(shape)") }
            guard let width = elementWidth(dtype) else { throw fail("tensor '\(name)' has unsupported dtype \(dtype)") }
            let (count, overflow) = shape.reduce((1, false)) { acc, dim in
                let (product, o) = acc.0.multipliedReportingOverflow(by: dim)
                return (product, acc.1 || o)
            }
            guard !overflow, offsets[0] >= 0, offsets[1] >= offsets[0], offsets[1] <= dataLength,
                  offsets[1] - offsets[0] == count * width else {
                throw fail("tensor '\(name)': data_offsets \(offsets) do not hold \(shape) of \(dtype) within \(dataLength) data bytes")
            }
            spans.append((offsets[0], offsets[1]))
            let bytes = data.subdata(in: (dataStart + offsets[0])..<(dataStart + offsets[1]))
            contents.tensors[name] = Tensor(shape: shape, scalars: convert(bytes, dtype: dtype, count: count))
            contents.dtypes[name] = dtype
        }
        var expected = 0
        for span in spans.sorted(by: { $0.begin < $1.begin }) {
            guard span.begin == expected else { throw fail("tensor data has a gap or overlap at byte \(expected)") }
            expected = span.end
        }
        guard expected == dataLength else { throw fail("\(dataLength - expected) trailing bytes after the last tensor") }
        return contents
    }

    static func elementWidth(_ dtype: String) -> Int? {
        switch dtype {
        case "F64": 8
        case "F32": 4
        case "F16", "BF16": 2
        default: nil
        }
    }

    private static func convert<Scalar: TensorScalar>(_ bytes: Data, dtype: String, count: Int) -> [Scalar] {
        bytes.withUnsafeBytes { raw in
            switch dtype {
            case "F64": (0..<count).map { Scalar(Double(bitPattern: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self).littleEndian)) }
            case "F32": (0..<count).map { Scalar(Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self).littleEndian)) }
            case "F16": (0..<count).map { Scalar(Float(Float16(bitPattern: raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self).littleEndian))) }
            default: (0..<count).map {  // BF16: the high half of a float32
                Scalar(Float(bitPattern: UInt32(raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self).littleEndian) << 16))
            }
            }
        }
    }
}
