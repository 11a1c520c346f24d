/// CF decoding of one variable's stored values (netCDF attribute conventions, CF §2.5 and
/// §8.1): signed integers marked `_Unsigned = "true"` are read as unsigned; a value equal to
/// `_FillValue` or to any `missing_value`, or outside `valid_range` (or `valid_min`/
/// `valid_max`), becomes NaN — all tested in the packed domain — and the rest unpack as
/// `value × scale_factor + add_offset`.
public struct CFDecoding: Sendable, Equatable {
    public var fillValues: [Double]
    public var validMinimum: Double?
    public var validMaximum: Double?
    public var scale: Double?
    public var offset: Double?
    /// Bits of a signed integer type read as unsigned (`_Unsigned`), nil otherwise.
    public var unsignedBits: Int?
    /// The type decoded values take: the stored type when nothing is decoded, else xarray's
    /// `_choose_float_dtype` (`floatType`).
    public let decodedType: NetCDFType

    public init(_ variable: NetCDFVariable) {
        let attributes = variable.attributes
        fillValues = [attributes["_FillValue"], attributes["missing_value"]].compactMap { $0 }.flatMap { value -> [Double] in
            switch value {
            case let .number(number): [number]
            case let .numbers(numbers): numbers
            case .text: []
            }
        }
        if case let .numbers(range)? = attributes["valid_range"], range.count == 2 {
            (validMinimum, validMaximum) = (range[0], range[1])
        } else {
            (validMinimum, validMaximum) = (attributes["valid_min"]?.number, attributes["valid_max"]?.number)
        }
        (scale, offset) = (attributes["scale_factor"]?.number, attributes["add_offset"]?.number)
        let unsigned: [NetCDFType: (bits: Int, type: NetCDFType)] = [.byte: (8, .ubyte), .short: (16, .ushort), .int: (32, .uint), .int64: (64, .uint64)]
        var stored = variable.type
        if variable.text("_Unsigned")?.lowercased() == "true", let (bits, type) = unsigned[variable.type] {
            (unsignedBits, stored) = (bits, type)
            fillValues = fillValues.map { $0 < 0 ? $0 + Double(sign: .plus, exponent: bits, significand: 1) : $0 }
        }
        let masked = !fillValues.isEmpty || validMinimum != nil || validMaximum != nil
        if scale == nil && offset == nil && !masked {
            decodedType = stored
        } else {
            decodedType = Self.floatType(stored: stored, scale: scale.map { _ in variable.packingTypes["scale_factor"] ?? .double },
                                         offset: offset.map { _ in variable.packingTypes["add_offset"] ?? .double })
        }
    }

    /// xarray's `_choose_float_dtype`: with `scale_factor` and `add_offset` of one float type,
    /// that type (but `double` for 32-bit integers); with `add_offset` otherwise, `double`;
    /// with `scale_factor` alone, its type; with neither, `float` for floats of up to 4 bytes
    /// and integers of up to 2, else `double`.
    public static func floatType(stored: NetCDFType, scale: NetCDFType?, offset: NetCDFType?) -> NetCDFType {
        let size = stored.size ?? 8
        if let scale, let offset, scale == offset, scale.isFloatingPoint {
            return size == 4 && !stored.isFloatingPoint ? .double : scale
        }
        if offset != nil { return .double }
        if let scale { return scale.isFloatingPoint ? scale : .double }
        if stored.isFloatingPoint { return size <= 4 ? .float : .double }
        return size <= 2 ? .float : .double
    }

    /// Packing present: `scale_factor` or `add_offset`.
    public var isPacked: Bool { scale != nil || offset != nil }
    /// Anything to do at all.
    public var isIdentity: Bool { fillValues.isEmpty && validMinimum == nil && validMaximum == nil && !isPacked && unsignedBits == nil }

    /// Decodes stored values in place. Unpacking to `float` rounds as xarray does: the value,
    /// the product and the sum each to single precision.
    public func decode(_ values: inout [Double]) {
        guard !isIdentity else { return }
        let (scale, offset) = (self.scale ?? 1, self.offset ?? 0)
        let (low, high) = (validMinimum ?? -.infinity, validMaximum ?? .infinity)
        let fills = fillValues
        let single = decodedType == .float && isPacked
        let wrap = unsignedBits.map { Double(sign: .plus, exponent: $0, significand: 1) }
        for index in values.indices {
            var stored = values[index]
            if let wrap, stored < 0 { stored += wrap }
            if fills.contains(stored) || stored < low || stored > high {
                values[index] = .nan
            } else if single {
                values[index] = Double(Float(stored) * Float(scale) + Float(offset))
            } else if isPacked {
                values[index] = stored * scale + offset
            } else {
                values[index] = stored
            }
        }
    }
}
