import MeshCore

/// A numeric type of VTK data: its size in bytes, and whether it is a real or a signed integer.
struct ScalarType: Equatable {
    var size: Int
    var isReal = false
    var isSigned = true

    /// Legacy names (`double`, `vtktypeint64`, …), case-insensitive.
    init?(legacy name: String) {
        switch name.lowercased() {
        case "char", "vtktypeint8": size = 1
        case "unsigned_char", "vtktypeuint8": (size, isSigned) = (1, false)
        case "short", "vtktypeint16": size = 2
        case "unsigned_short", "vtktypeuint16": (size, isSigned) = (2, false)
        case "int", "vtktypeint32": size = 4
        case "unsigned_int", "vtktypeuint32": (size, isSigned) = (4, false)
        case "long", "vtktypeint64", "vtkidtype": size = 8
        case "unsigned_long", "vtktypeuint64": (size, isSigned) = (8, false)
        case "float": (size, isReal) = (4, true)
        case "double": (size, isReal) = (8, true)
        default: return nil
        }
    }

    /// XML names (`Float64`, `Int32`, `UInt8`, …).
    init?(xml name: String) {
        switch name {
        case "Float32", "Float64": (size, isReal) = (name == "Float32" ? 4 : 8, true)
        case "Int8", "Int16", "Int32", "Int64": size = Int(name.dropFirst(3))! / 8
        case "UInt8", "UInt16", "UInt32", "UInt64": (size, isSigned) = (Int(name.dropFirst(4))! / 8, false)
        default: return nil
        }
    }

    /// Reads `count` values at the reader's position: text tokens, or binary in the given byte order.
    func read(_ count: Int, from input: ByteReader, binary: Bool, bigEndian: Bool) throws -> DataArray.Values {
        try input.requirePlausible(count, bytesEach: binary ? size : 2, "number of values")
        if binary, !bigEndian, size == 8 {
            if isReal { return .double(try input.littleEndian8(count, as: Double.self)) }
            let start = input.offset
            let values = try input.littleEndian8(count, as: Int.self)
            if !isSigned, let bad = values.firstIndex(where: { $0 < 0 }) {
                throw input.error("integer does not fit in 64 bits", at: .byte(start + 8 * bad))
            }
            return .int(values)
        }
        if binary, size == 1, !isSigned {
            defer { input.offset += count }
            return .int(input.bytes(input.offset..<input.offset + count).map { Int($0) })
        }
        if isReal {
            return .double(try (0..<count).map { _ in
                binary ? try input.binaryDouble(size: size, bigEndian: bigEndian) : try input.double()
            })
        }
        return .int(try (0..<count).map { _ in
            binary ? try input.binaryInt(size: size, signed: isSigned, bigEndian: bigEndian) : try input.int()
        })
    }
}
