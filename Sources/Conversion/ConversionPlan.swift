import DatasetIO

/// What a conversion will write, checked before anything is: the variables and dimensions
/// kept, each input's hyperslab, and how each variable's values move (`Mode`). Concatenated
/// inputs must agree on variables, types and every dimension but the concatenated one.
struct ConversionPlan {
    enum Mode: Equatable {
        /// Copied as stored, bytes unchanged.
        case stored
        /// CF-decoded (unpacked, NaN where missing).
        case decoded
        /// A time coordinate re-expressed in the first file's units.
        case time
    }

    let inputs: [NetCDFDataset]
    let selections: [String: DimensionSlice]
    let concatenate: String?
    /// The variables named with `--vars` (empty: all).
    let named: [String]
    let variables: [NetCDFVariable]
    /// Output dimensions in order of first use (group, name, unlimited).
    let dimensions: [NetCDFDimension]
    private(set) var modes: [String: Mode] = [:]
    private(set) var notes: [String] = []
    private var timeUnits: [String: [CFTimeUnits]] = [:]

    init(inputs: [NetCDFDataset], options: ConversionOptions) throws {
        self.inputs = inputs
        (selections, concatenate, named) = (options.selections, options.concatenate, options.variables)
        let first = inputs[0]
        variables = try VariableSelection.resolve(options.variables, in: first)
        guard !variables.isEmpty else { throw ConversionError.unsupported(path: first.path, reason: "no variables to convert") }
        var dimensions = [NetCDFDimension]()
        for dimension in variables.flatMap(\.dimensions) where !dimensions.contains(where: { $0.name == dimension.name && $0.group == dimension.group }) {
            dimensions.append(dimension)
        }
        self.dimensions = dimensions
        let names = Set(dimensions.map(\.name))
        for name in selections.keys.sorted() where !names.contains(name) {
            throw ConversionError.badOption(option: "--isel \(name)=…", reason: "no dimension '\(name)' in \(first.path) (dimensions: \(names.sorted().joined(separator: ", ")))")
        }
        if let concatenate, !names.contains(concatenate) {
            throw ConversionError.badOption(option: "--concat \(concatenate)", reason: "no dimension '\(concatenate)' in \(first.path) (dimensions: \(names.sorted().joined(separator: ", ")))")
        }
        for variable in variables {
            modes[variable.path] = options.unpack && CFDecoding(variable).isPacked ? .decoded : .stored
            try checkAcrossInputs(variable)
        }
        shareTimeEncodingWithBounds()
        for input in inputs { for variable in variables { _ = try slab(of: input.variable(variable.path)!, in: input) } }
        try checkTimeIncreases()
    }

    /// Groups the output needs: all of the input's when every variable is kept, else those
    /// holding the kept variables and dimensions, with their ancestors; parents first.
    var outputGroups: [String] {
        guard !named.isEmpty else { return inputs[0].groups }
        var needed = Set<String>()
        for path in variables.map(\.group) + dimensions.map(\.group) {
            var group = path
            while group != "/" && !group.isEmpty {
                needed.insert(group)
                group = String(group[..<group.lastIndex(of: "/")!])
            }
        }
        return inputs[0].groups.filter(needed.contains)
    }

    /// The type a decoded variable is written as: over all inputs, `double` if any input
    /// decodes to it, else `float`; at least a floating type, since decoding makes NaN.
    func decodedType(of variable: NetCDFVariable) -> NetCDFType {
        let types = inputs.compactMap { $0.variable(variable.path) }.map { CFDecoding($0).decodedType }
        if types.contains(.double) { return .double }
        if types.allSatisfy({ $0 == .float }) { return .float }
        return CFDecoding.floatType(stored: variable.type, scale: nil, offset: nil)
    }

    /// CF cell bounds (`bounds`, `climatology`) of a time coordinate move as it does.
    private mutating func shareTimeEncodingWithBounds() {
        for variable in variables {
            guard let units = timeUnits[variable.path] else { continue }
            for attribute in ["bounds", "climatology"] {
                guard let name = variable.text(attribute) else { continue }
                let path = variable.group == "/" ? name : String(variable.group.dropFirst()) + "/" + name
                guard variables.contains(where: { $0.path == path }) else { continue }
                timeUnits[path] = units
                if modes[variable.path] == .time { modes[path] = .time }
            }
        }
    }

    // MARK: Shapes

    /// Which axis of `variable` is concatenated, if any.
    func concatenationAxis(of variable: NetCDFVariable) -> Int? {
        guard let concatenate else { return nil }
        return variable.dimensions.firstIndex { $0.name == concatenate }
    }

    /// The hyperslab of `variable` (as found in `input`) that the selections keep.
    func slab(of variable: NetCDFVariable, in input: NetCDFDataset) throws -> Hyperslab {
        var slab = Hyperslab(whole: variable.shape)
        for (axis, dimension) in variable.dimensions.enumerated() {
            guard let selection = selections[dimension.name] else { continue }
            let resolved = try selection.resolve(length: dimension.length, dimension: dimension.name)
            if resolved.count == 0 && !dimension.isUnlimited {
                throw ConversionError.badOption(option: "--isel \(dimension.name)=\(selection)",
                                                reason: "selects nothing of \(input.path)'s \(dimension.length) (a fixed dimension cannot be empty)")
            }
            (slab.start[axis], slab.count[axis], slab.stride[axis]) = (resolved.start, resolved.count, resolved.stride)
        }
        return slab
    }

    /// The output length of `dimension`: the selected count, summed over inputs when
    /// concatenated.
    func length(of dimension: NetCDFDimension) throws -> Int {
        let lengths = try (dimension.name == concatenate ? inputs : [inputs[0]]).map { input -> Int in
            let own = input.variables.flatMap(\.dimensions).first { $0.name == dimension.name && $0.group == dimension.group }
            let length = own?.length ?? dimension.length
            return try selections[dimension.name].map { try $0.resolve(length: length, dimension: dimension.name).count } ?? length
        }
        return lengths.reduce(0, +)
    }

    func outputShape(of variable: NetCDFVariable) -> [Int] {
        variable.dimensions.map { (try? length(of: $0)) ?? $0.length }
    }

    // MARK: Checks across concatenated files

    private mutating func checkAcrossInputs(_ variable: NetCDFVariable) throws {
        let first = inputs[0]
        let timeUnits = try TimeCoordinate(variable, path: first.path)
        guard inputs.count > 1 else { return }
        let axis = concatenationAxis(of: variable)
        var units = timeUnits.map { [$0.units] } ?? []
        for input in inputs.dropFirst() {
            guard let other = input.variable(variable.path) else {
                throw ConversionError.missingVariable(path: input.path, name: variable.path, available: input.variables.map(\.path))
            }
            guard other.type == variable.type else {
                throw ConversionError.mismatch(path: input.path, reason: "'\(variable.path)' is \(other.type), but \(variable.type) in \(first.path)")
            }
            let otherShape = other.dimensions.enumerated().map { $0.offset == axis ? -1 : $0.element.length }
            let firstShape = variable.dimensions.enumerated().map { $0.offset == axis ? -1 : $0.element.length }
            guard other.dimensions.map(\.name) == variable.dimensions.map(\.name), otherShape == firstShape else {
                throw ConversionError.mismatch(path: input.path, reason: "'\(variable.path)' has dimensions \(Self.describe(other)), but \(Self.describe(variable)) in \(first.path)")
            }
            if axis == nil, variable.isCoordinate || TimeCoordinate.isTime(variable) {
                guard try input.readDoubles(other).elementsEqual(first.readDoubles(variable), by: Self.same) else {
                    throw ConversionError.mismatch(path: input.path, reason: "coordinate '\(variable.path)' differs from \(first.path)")
                }
            }
            if axis != nil, modes[variable.path] == .stored, CFDecoding(other) != CFDecoding(variable) {
                modes[variable.path] = .decoded
                notes.append("'\(variable.path)': packing or fill values differ between files; written unpacked as \(decodedType(of: variable))")
            }
            if let timeUnits {
                guard let otherUnits = try TimeCoordinate(other, path: input.path) else {
                    throw ConversionError.mismatch(path: input.path, reason: "'\(variable.path)' has no time units, unlike \(first.path)")
                }
                units.append(otherUnits.units)
                if axis != nil, other.text("units") != variable.text("units") || other.text("calendar") != variable.text("calendar") {
                    modes[variable.path] = .time
                }
            }
        }
        if modes[variable.path] == .time {
            notes.append("'\(variable.path)': time units differ between files; values re-expressed in '\(variable.text("units") ?? "")'")
        }
        if timeUnits != nil { self.timeUnits[variable.path] = units }
    }

    /// `values` of time variable `variable` of `input`, in the first input's units.
    func timeValues(_ values: [Double], of variable: NetCDFVariable, in input: NetCDFDataset) throws -> [Double] {
        guard let index = inputs.firstIndex(where: { $0 === input }), let units = timeUnits[variable.path] else { return values }
        let converted = try units[index].converting(values, to: units[0])
        if !variable.type.isFloatingPoint, let bad = converted.first(where: { $0 != $0.rounded() }) {
            throw ConversionError.mismatch(path: input.path, reason: "'\(variable.path)' value \(bad) in the first file's units is not a whole number, but the variable is \(variable.type)")
        }
        return converted
    }

    /// The concatenated coordinate must increase strictly across files (as ncrcat requires).
    private func checkTimeIncreases() throws {
        guard let concatenate, inputs.count > 1,
              let coordinate = variables.first(where: { $0.isCoordinate && $0.name == concatenate }) else { return }
        var previous = -Double.infinity
        for input in inputs {
            let source = input.variable(coordinate.path)!
            let values = try timeValues(input.readDoubles(source, slab(of: source, in: input)), of: source, in: input)
            for value in values {
                guard value > previous else {
                    throw ConversionError.mismatch(path: input.path, reason: "'\(coordinate.path)' does not increase across the concatenated files (\(value) after \(previous))")
                }
                previous = value
            }
        }
    }

    private static func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

    private static func describe(_ variable: NetCDFVariable) -> String {
        "(" + variable.dimensions.map { "\($0.name)=\($0.length)" }.joined(separator: ", ") + ")"
    }
}

extension CFDecoding {
    /// Attributes that describe a stored encoding, dropped when values are written decoded.
    static let encodingAttributes: Set<String> = ["scale_factor", "add_offset", "_FillValue", "missing_value", "_Unsigned",
                                                  "valid_range", "valid_min", "valid_max"]
}
