import Foundation

/// A named tensor of a request or response: element type, shape and its elements as
/// little-endian row-major bytes (the binary extension's and gRPC's raw layout).
public struct InferenceTensor: Sendable, Equatable {
    public var name: String
    public var datatype: TensorDatatype
    public var shape: [Int]
    public var bytes: Data

    public init(name: String, datatype: TensorDatatype, shape: [Int], bytes: Data) {
        (self.name, self.datatype, self.shape, self.bytes) = (name, datatype, shape, bytes)
    }

    public init(name: String, shape: [Int], floats: [Float]) {
        precondition(shape.reduce(1, *) == floats.count, "\(floats.count) values for shape \(shape)")
        self.init(name: name, datatype: .fp32, shape: shape, bytes: floats.withUnsafeBufferPointer { Data(buffer: $0) })
    }

    public init(name: String, shape: [Int], int32s: [Int32]) {
        precondition(shape.reduce(1, *) == int32s.count, "\(int32s.count) values for shape \(shape)")
        self.init(name: name, datatype: .int32, shape: shape, bytes: int32s.withUnsafeBufferPointer { Data(buffer: $0) })
    }

    public var elementCount: Int { shape.reduce(1, *) }

    /// The elements as `T` (the caller has checked the datatype).
    public func values<T>(as type: T.Type) -> [T] {
        bytes.withUnsafeBytes { raw in
            (0..<(raw.count / MemoryLayout<T>.size)).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self) }
        }
    }

    /// The elements of a numeric tensor as Double (for JSON output).
    public var doubles: [Double] {
        switch datatype {
        case .bool, .uint8: values(as: UInt8.self).map(Double.init)
        case .int8: values(as: Int8.self).map(Double.init)
        case .uint16: values(as: UInt16.self).map(Double.init)
        case .int16: values(as: Int16.self).map(Double.init)
        case .uint32: values(as: UInt32.self).map(Double.init)
        case .int32: values(as: Int32.self).map(Double.init)
        case .uint64: values(as: UInt64.self).map(Double.init)
        case .int64: values(as: Int64.self).map(Double.init)
        case .fp32: values(as: Float.self).map(Double.init)
        case .fp64: values(as: Double.self)
        case .fp16, .bf16, .bytes: []
        }
    }
}
