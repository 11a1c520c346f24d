/// CF decoding of one variable's stored values (netCDF attribute conventions, CF §2.5 and
/// §8.1): a value equal to `_FillValue` or to any `missing_value`, or outside `valid_range`
/// (or `valid_min`/`valid_max`), becomes NaN — all tested in the packed domain — and the rest
/// unpack as `value × scale_factor + add_offset`.
public struct CFDecoding: Sendable, Equatable {
    public var fillValues: [Double]
    public var validMinimum: Double?
    public var validMaximum: Double?
    public var scale: Double?
    public var offset: Double?
    /// The type decoded values take (xarray's rule): the stored type for floats; for packed
    /// integers `double` when a packing attribute is double or the integers are wider than
    /// 16 bits, else `float`; unpacked integers with a fill value become `float` too (NaN).
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
        let stored = variable.type
        if stored.isFloatingPoint {
            decodedType = stored
        } else if scale != nil || offset != nil {
            let doubleAttribute = [variable.packingTypes["scale_factor"], variable.packingTypes["add_offset"]].contains(.double)
            let wide = [NetCDFType.int, .uint, .int64, .uint64].contains(stored)
            decodedType = doubleAttribute || wide ? .double : .float
        } else {
            decodedType = fillValues.isEmpty && validMinimum == nil && validMaximum == nil ? stored : .float
        }
    }

    /// Packing present: `scale_factor` or `add_offset`.
    public var isPacked: Bool { scale != nil || offset != nil }
    /// Anything to do at all.
    public var isIdentity: Bool { fillValues.isEmpty && validMinimum == nil && validMaximum == nil && !isPacked }

    /// Decodes stored values in place. Unpacking to `float` rounds as xarray does: the value,
    /// the product and the sum each to single precision.
    public func decode(_ values: inout [Double]) {
        guard !isIdentity else { return }
        let (scale, offset) = (self.scale ?? 1, self.offset ?? 0)
        let (low, high) = (validMinimum ?? -.infinity, validMaximum ?? .infinity)
        let fills = fillValues
        let single = decodedType == .float && isPacked
        for index in values.indices {
            let stored = values[index]
            if fills.contains(stored) || stored < low || stored > high {
                values[index] = .nan
            } else if single {
                values[index] = Double(Float(stored) * Float(scale) + Float(offset))
            } else if isPacked {
                values[index] = stored * scale + offset
            }
        }
    }
}
