import DatasetIO

extension ConversionPlan {
    /// The fields to export and their common layout: those named with `--vars` (each must
    /// have time and space dimensions), or every non-coordinate numeric variable that has them.
    func fields() throws -> (fields: [NetCDFVariable], layout: FieldLayout) {
        let first = inputs[0]
        let candidates = variables.filter { !$0.isCoordinate && $0.type.isNumeric && $0.dimensions.count >= 2 }
        var fields: [NetCDFVariable]
        if named.isEmpty {
            fields = candidates.filter { (try? FieldLayout($0, in: first)) != nil }
        } else {
            fields = candidates.filter { variable in named.contains { $0 == variable.path || $0 == "/" + variable.path } }
            for field in fields { _ = try FieldLayout(field, in: first) }
        }
        guard let lead = fields.first else {
            throw ConversionError.unsupported(path: first.path, reason: "no field with a time and a space dimension among \(variables.map(\.path).joined(separator: ", "))")
        }
        let layout = try FieldLayout(lead, in: first)
        for field in fields.dropFirst() where field.dimensions.map(\.name) != lead.dimensions.map(\.name) {
            throw ConversionError.mismatch(path: first.path, reason: "fields '\(lead.path)' and '\(field.path)' have different dimensions; convert them separately with --vars")
        }
        if let concatenate, lead.dimensions[layout.timeAxis].name != concatenate {
            throw ConversionError.badOption(option: "--concat \(concatenate)", reason: "fields are joined along their time dimension '\(lead.dimensions[layout.timeAxis].name)' only")
        }
        return (fields, layout)
    }

    /// Calls `body` with each input's part of `field`, CF-decoded to float32 in `[N, nt, x(, y)]`
    /// order, its shape and its offset along time in the output.
    func forEachPart(of field: NetCDFVariable, layout: FieldLayout,
                     _ body: (_ values: [Float], _ shape: [Int], _ timeOffset: Int) throws -> Void) throws {
        var timeOffset = 0
        for input in inputs where input === inputs[0] || concatenate != nil {
            guard let source = input.variable(field.path) else { continue }
            let slab = try slab(of: source, in: input)
            let values = try input.readDecoded(source, slab)
            try body(layout.permute(values, shape: slab.count), layout.outputShape(slab.count), timeOffset)
            timeOffset += slab.count[layout.timeAxis]
        }
    }

    /// The time coordinate of `field` over all inputs, in the first input's units (frame
    /// indices when the time dimension has no coordinate variable), and that variable.
    func times(of field: NetCDFVariable, layout: FieldLayout) throws -> ([Double], NetCDFVariable?) {
        var times = [Double]()
        var timeVariable: NetCDFVariable?
        for input in inputs where input === inputs[0] || concatenate != nil {
            guard let variable = input.variable(field.path),
                  let coordinate = VariableSelection.coordinate(variable.dimensions[layout.timeAxis], near: variable, in: input) else { continue }
            timeVariable = timeVariable ?? coordinate
            let values = try input.readDecoded(coordinate, slab(of: coordinate, in: input))
            times += try timeValues(values, of: coordinate, in: input)
        }
        if times.isEmpty { times = (0..<outputShape(of: field)[layout.timeAxis]).map(Double.init) }
        return (times, timeVariable)
    }

    /// Coordinates of a space axis of `field` (indices when it has no coordinate variable).
    func spaceCoordinate(of field: NetCDFVariable, axis: Int) throws -> ([Double], NetCDFVariable?) {
        let first = inputs[0]
        guard let coordinate = VariableSelection.coordinate(field.dimensions[axis], near: field, in: first) else {
            return ((0..<outputShape(of: field)[axis]).map(Double.init), nil)
        }
        return (try first.readDecoded(coordinate, slab(of: coordinate, in: first)), coordinate)
    }
}
