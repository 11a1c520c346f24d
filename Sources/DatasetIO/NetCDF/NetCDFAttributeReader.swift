import CNetCDF

/// Reads one attribute as an `AttributeValue`: text (char or a single string), numbers
/// (converted to `Double` by netcdf-c) or, for user-defined types, a placeholder text.
struct NetCDFAttributeReader {
    let group: Int32
    let variable: Int32
    let check: NetCDFStatus

    /// The attribute's external type.
    func type(_ name: String, object: String) throws -> NetCDFType {
        var type = nc_type(0)
        try check(nc_inq_atttype(group, variable, name, &type), "\(object) attribute \(name)")
        return NetCDFType(code: type)
    }

    func value(_ name: String, object: String) throws -> AttributeValue {
        var (type, length) = (nc_type(0), 0)
        try check(nc_inq_att(group, variable, name, &type, &length), "\(object) attribute \(name)")
        switch NetCDFType(code: type) {
        case .char:
            var chars = [CChar](repeating: 0, count: length + 1)
            try check(nc_get_att_text(group, variable, name, &chars), "\(object) attribute \(name)")
            return .text(String(decoding: chars.prefix(length).prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        case .string:
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: length)
            try check(nc_get_att_string(group, variable, name, &pointers), "\(object) attribute \(name)")
            defer { _ = nc_free_string(length, &pointers) }
            return .text(pointers.map { $0.map { String(cString: $0) } ?? "" }.joined(separator: "\n"))
        case let numeric where numeric.isNumeric:
            var values = [Double](repeating: 0, count: max(length, 1))
            if length > 0 { try check(nc_get_att_double(group, variable, name, &values), "\(object) attribute \(name)") }
            return length == 1 ? .number(values[0]) : .numbers(Array(values.prefix(length)))
        case let other:
            return .text("<\(other)>")
        }
    }
}
