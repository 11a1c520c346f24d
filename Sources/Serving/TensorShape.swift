import Foundation

/// Checks on shapes and sizes that a request claims.
public enum TensorShape {
    /// Dimensions as non-negative integers.
    static func validate(_ dims: [Any], of owner: String) throws(ServingError) -> [Int] {
        try dims.map { (dim: Any) throws(ServingError) -> Int in
            guard let number = dim as? NSNumber, !number.isJSONBoolean else {
                throw .invalid("\(owner): shape entries must be integers")
            }
            let value = number.doubleValue
            guard value == value.rounded(), value >= 0, value <= Double(Int64.max) else {
                throw .invalid("\(owner): shape dimension \(number) is not a non-negative integer")
            }
            return number.intValue
        }
    }

    /// The element count, refused when it overflows or its bytes exceed `limitBytes`.
    public static func elementCount(_ shape: [Int], datatype: TensorDatatype, of owner: String, limitBytes: Int) throws(ServingError) -> Int {
        var count = 1
        for dim in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow else { throw .invalid("\(owner): shape \(shape) has more elements than fit in 64 bits") }
            count = product
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: datatype.byteSize ?? 4)
        guard !overflow, bytes <= limitBytes else {
            throw .invalid("\(owner): shape \(shape) of \(datatype.rawValue) exceeds the request size limit of \(limitBytes) bytes")
        }
        return count
    }

    /// BYTES tensors: `count` elements, each a 4-byte little-endian length and its bytes, exactly.
    public static func checkBytesElements(_ data: Data, count: Int, of owner: String) throws(ServingError) {
        var offset = 0
        for element in 0..<count {
            guard offset + 4 <= data.count else { throw .invalid("\(owner): BYTES element \(element) is truncated") }
            let length = data.dropFirst(offset).prefix(4).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            offset += 4
            guard length <= data.count - offset else { throw .invalid("\(owner): BYTES element \(element) is truncated") }
            offset += length
        }
        guard offset == data.count else { throw .invalid("\(owner): \(data.count - offset) bytes after the last BYTES element") }
    }
}
