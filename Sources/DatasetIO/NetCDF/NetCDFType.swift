import CNetCDF

/// A netCDF atomic external type (`nc_type`); user-defined types (compound, vlen, enum,
/// opaque) are kept by id but not decoded.
public struct NetCDFType: Hashable, Sendable, CustomStringConvertible {
    public let code: Int32

    public static let byte = NetCDFType(code: NC_BYTE), char = NetCDFType(code: NC_CHAR)
    public static let short = NetCDFType(code: NC_SHORT), int = NetCDFType(code: NC_INT)
    public static let float = NetCDFType(code: NC_FLOAT), double = NetCDFType(code: NC_DOUBLE)
    public static let ubyte = NetCDFType(code: NC_UBYTE), ushort = NetCDFType(code: NC_USHORT)
    public static let uint = NetCDFType(code: NC_UINT), int64 = NetCDFType(code: NC_INT64)
    public static let uint64 = NetCDFType(code: NC_UINT64), string = NetCDFType(code: NC_STRING)

    /// Bytes per value in memory (a pointer for strings), nil for user-defined types.
    public var size: Int? {
        switch code {
        case NC_BYTE, NC_UBYTE, NC_CHAR: 1
        case NC_SHORT, NC_USHORT: 2
        case NC_INT, NC_UINT, NC_FLOAT: 4
        case NC_DOUBLE, NC_INT64, NC_UINT64: 8
        case NC_STRING: MemoryLayout<UnsafeMutablePointer<CChar>>.size
        default: nil
        }
    }

    public var isNumeric: Bool { code != NC_CHAR && code != NC_STRING && code < NC_FIRSTUSERTYPEID }
    public var isFloatingPoint: Bool { self == .float || self == .double }
    /// A type only CDF-5 and netCDF-4 files hold.
    public var isExtended: Bool { [.ubyte, .ushort, .uint, .int64, .uint64].contains(self) }

    public var description: String {
        switch code {
        case NC_BYTE: "byte"
        case NC_CHAR: "char"
        case NC_SHORT: "short"
        case NC_INT: "int"
        case NC_FLOAT: "float"
        case NC_DOUBLE: "double"
        case NC_UBYTE: "ubyte"
        case NC_USHORT: "ushort"
        case NC_UINT: "uint"
        case NC_INT64: "int64"
        case NC_UINT64: "uint64"
        case NC_STRING: "string"
        default: "user type \(code)"
        }
    }
}
