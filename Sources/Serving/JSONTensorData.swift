import Foundation

/// Typed tensor `data` in JSON, flat (`[1, 2, 3, 4]`) or nested (`[[1, 2], [3, 4]]`), to and from
/// the little-endian bytes of `InferenceTensor`.
enum JSONTensorData {
    /// The bytes of `data` as `datatype`; it must hold exactly `count` elements.
    static func encode(_ data: Any, datatype: TensorDatatype, count: Int, of owner: String) throws(ServingError) -> Data {
        var flat = [Any]()
        flat.reserveCapacity(count)
        try flatten(data, into: &flat, limit: count, of: owner)
        guard flat.count == count else { throw .invalid("\(owner): 'data' has \(flat.count) elements, the shape needs \(count)") }
        var bytes = Data(capacity: count * (datatype.byteSize ?? 8))
        func append<T>(_ value: T) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }
        for (index, element) in flat.enumerated() {
            func fail() -> ServingError { .invalid("\(owner): element \(index) (\(element)) is not a valid \(datatype.rawValue)") }
            if datatype == .bytes {
                guard let text = element as? String else { throw fail() }
                let utf8 = Data(text.utf8)
                append(UInt32(utf8.count).littleEndian)
                bytes.append(utf8)
                continue
            }
            guard let number = element as? NSNumber else { throw fail() }
            let isBool = number.isJSONBoolean
            guard (datatype == .bool) == isBool else { throw fail() }
            let value = number.doubleValue
            func integer<T: FixedWidthInteger>(_: T.Type) throws(ServingError) -> T {
                guard value == value.rounded(), let exact = T(exactly: value) else { throw fail() }
                return exact
            }
            switch datatype {
            case .bool: append(UInt8(number.boolValue ? 1 : 0))
            case .uint8: append(try integer(UInt8.self))
            case .uint16: append(try integer(UInt16.self).littleEndian)
            case .uint32: append(try integer(UInt32.self).littleEndian)
            case .uint64: append(try integer(UInt64.self).littleEndian)
            case .int8: append(try integer(Int8.self))
            case .int16: append(try integer(Int16.self).littleEndian)
            case .int32: append(try integer(Int32.self).littleEndian)
            case .int64: append(try integer(Int64.self).littleEndian)
            case .fp32: append(Float(value))
            case .fp64: append(value)
            case .fp16, .bf16: throw .invalid("\(owner): \(datatype.rawValue) has no JSON form; send it as binary data")
            case .bytes: break
            }
        }
        return bytes
    }

    private static func flatten(_ value: Any, into flat: inout [Any], limit: Int, of owner: String) throws(ServingError) {
        if let list = value as? [Any] {
            for element in list {
                try flatten(element, into: &flat, limit: limit, of: owner)
                if flat.count > limit { throw .invalid("\(owner): 'data' has more elements than the shape's \(limit)") }
            }
        } else {
            flat.append(value)
        }
    }

    /// A flat JSON array of `tensor`'s elements: booleans, strings (BYTES), integers, or numbers.
    static func write(_ tensor: InferenceTensor, into json: inout JSONText) throws(ServingError) {
        switch tensor.datatype {
        case .bool: json.array(tensor.values(as: UInt8.self)) { json, value in json.raw(value != 0 ? "true" : "false") }
        case .bytes:
            var strings = [String]()
            var offset = 0
            let data = tensor.bytes
            while offset + 4 <= data.count {
                let length = data.dropFirst(offset).prefix(4).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
                strings.append(String(decoding: data.dropFirst(offset + 4).prefix(length), as: UTF8.self))
                offset += 4 + length
            }
            json.array(strings) { json, text in json.string(text) }
        case .fp16, .bf16: throw ServingError(.internal, "\(tensor.datatype.rawValue) output '\(tensor.name)' has no JSON form")
        case .uint64: json.array(tensor.values(as: UInt64.self)) { json, value in json.integer(value) }
        case .int64: json.array(tensor.values(as: Int64.self)) { json, value in json.integer(value) }
        default: try json.array(tensor.doubles) { (json, value) throws(ServingError) in try json.number(value) }
        }
    }
}
