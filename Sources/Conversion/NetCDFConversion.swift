import DatasetIO
import Foundation

/// Converts one netCDF file, or several concatenated along a dimension, into one netCDF file:
/// the selected variables with their attributes, dimensions (selection applied) and groups.
/// Values are copied as stored (packing preserved) unless they must be decoded: on `--unpack`,
/// or when concatenated files pack a variable differently (never folding values silently).
/// A time coordinate whose units differ between concatenated files is re-expressed in the
/// first file's units, and must increase strictly across the whole result.
struct NetCDFConversion {
    let plan: ConversionPlan
    let options: ConversionOptions
    let format: NetCDFFormat

    var inputs: [NetCDFDataset] { plan.inputs }

    /// Writes `path` atomically and returns notes for the report.
    func write(to path: String) throws -> [String] {
        let writer = try NetCDFWriter(path: path, format: format)
        var notes = plan.notes
        try defineDimensions(writer)
        for variable in plan.variables { try define(variable, in: writer, notes: &notes) }
        try copyGroupAttributes(writer, notes: &notes)
        try writer.endDefinitions()
        for variable in plan.variables { try copyData(variable, to: writer) }
        try writer.finish()
        return notes
    }

    // MARK: Definitions

    private func defineDimensions(_ writer: NetCDFWriter) throws {
        var unlimitedUsed = false
        for dimension in plan.dimensions {
            var unlimited = dimension.isUnlimited
            if unlimited && !format.hasEnhancedModel {
                // The classic model has one record dimension, the first axis of all its variables.
                let leading = plan.variables.allSatisfy { variable in
                    !variable.dimensions.dropFirst().contains { $0.name == dimension.name && $0.group == dimension.group }
                }
                unlimited = leading && !unlimitedUsed
                unlimitedUsed = unlimitedUsed || unlimited
            }
            try writer.defineDimension(dimension.name, length: unlimited ? nil : plan.length(of: dimension), in: dimension.group)
        }
    }

    private func define(_ variable: NetCDFVariable, in writer: NetCDFWriter, notes: inout [String]) throws {
        let mode = plan.modes[variable.path] ?? .stored
        let type = mode == .decoded ? plan.decodedType(of: variable) : variable.type
        let shape = plan.outputShape(of: variable)
        let bytes = shape.reduce(type.size ?? 1, *)
        let small = bytes < 8192 && !variable.dimensions.contains(where: \.isUnlimited)
        var definition = NetCDFVariableDefinition(group: variable.group, name: variable.name, type: type,
                                                  dimensions: variable.dimensions.map(\.name))
        if format.isHDF5Based && !small && type != .string && !shape.isEmpty {
            definition.chunks = try options.chunks.chunks(for: variable.path, dimensions: definition.dimensions, shape: shape)
                ?? variable.chunks.map { zip($0, shape).map { chunk, extent in extent > 0 ? min(chunk, extent) : chunk } }
            definition.deflateLevel = options.deflateLevel ?? variable.deflateLevel
            definition.shuffle = definition.deflateLevel > 0 && (options.shuffle || options.deflateLevel == nil && variable.shuffle)
        }
        try writer.define(definition)
        let dropped: Set<String> = mode == .decoded ? CFDecoding.encodingAttributes : []
        for name in variable.attributeNames where !dropped.contains(name) {
            try copyAttribute(name, of: variable, to: variable.path, writer: writer, notes: &notes)
        }
        if mode == .decoded { try writer.setNumbers("_FillValue", [.nan], type: type, on: variable.path) }
    }

    private func copyGroupAttributes(_ writer: NetCDFWriter, notes: inout [String]) throws {
        for (name, _) in inputs[0].globalAttributes where name != "history" {
            try copyAttribute(name, of: nil, to: nil, writer: writer, notes: &notes)
        }
        for group in plan.outputGroups {
            try writer.group(group)
            for (name, _) in inputs[0].groupAttributes[group] ?? [] {
                try writer.copyAttribute(name, of: nil, group: group, in: inputs[0], to: nil)
            }
        }
        let stamp = ISO8601DateFormatter().string(from: Date())
        let previous = inputs[0].globalAttributeDictionary["history"]?.text
        let line = "\(stamp): \(options.commandLine.isEmpty ? "surrogate convert" : options.commandLine)"
        try writer.setText("history", previous.map { line + "\n" + $0 } ?? line)
    }

    /// Copies an attribute unchanged; where the output format cannot hold its type (strings or
    /// unsigned integers in a classic file) it is written as text or doubles, with a note.
    private func copyAttribute(_ name: String, of variable: NetCDFVariable?, to target: String?, writer: NetCDFWriter,
                               notes: inout [String]) throws {
        do {
            try writer.copyAttribute(name, of: variable, in: inputs[0], to: target)
        } catch {
            let value = variable?.attributes[name] ?? inputs[0].globalAttributeDictionary[name]
            switch value {
            case let .text(text)?: try writer.setText(name, text, on: target)
            case let .number(number)?: try writer.setNumbers(name, [number], type: .double, on: target)
            case let .numbers(numbers)?: try writer.setNumbers(name, numbers, type: .double, on: target)
            case nil: throw error
            }
            notes.append("attribute \(target ?? "global"):\(name) stored with a \(format.rawValue) type")
        }
    }

    // MARK: Data

    /// Slabs of about this many bytes move at a time.
    static let slabBytes = 32 << 20

    private func copyData(_ variable: NetCDFVariable, to writer: NetCDFWriter) throws {
        let mode = plan.modes[variable.path] ?? .stored
        let concatenated = plan.concatenationAxis(of: variable)
        var offset = 0
        for (index, input) in inputs.enumerated() where index == 0 || concatenated != nil {
            guard let source = input.variable(variable.path) else { continue }
            let slab = try plan.slab(of: source, in: input)
            var start = slab.start.map { _ in 0 }
            if let axis = concatenated { start[axis] = offset }
            try copy(source, from: input, slab: slab, mode: mode, to: writer, at: start)
            if let axis = concatenated { offset += slab.count[axis] }
        }
    }

    private func copy(_ variable: NetCDFVariable, from input: NetCDFDataset, slab: Hyperslab, mode: ConversionPlan.Mode,
                      to writer: NetCDFWriter, at start: [Int]) throws {
        let target = variable.path
        guard !slab.count.isEmpty else {
            return try move(variable, from: input, slab: slab, mode: mode, to: writer, at: start)
        }
        let rowElements = slab.count.dropFirst().reduce(1, *)
        let valueBytes = mode == .stored ? (variable.type.size ?? 8) : 8
        var rows = max(1, Self.slabBytes / max(rowElements * valueBytes, 1))
        // Whole chunks of the output along axis 0, so that no deflated chunk is written twice.
        if let chunk = try writer.chunks(of: target)?.first, chunk > 0 { rows = max(chunk, rows / chunk * chunk) }
        rows = min(rows, max(slab.count[0], 1))
        for first in stride(from: 0, to: slab.count[0], by: rows) {
            let part = slab.rows(first, min(rows, slab.count[0] - first))
            var at = start
            at[0] += first
            try move(variable, from: input, slab: part, mode: mode, to: writer, at: at)
        }
    }

    /// Moves one slab: raw bytes, decoded values, or time values re-expressed in the first
    /// file's units.
    private func move(_ variable: NetCDFVariable, from input: NetCDFDataset, slab: Hyperslab, mode: ConversionPlan.Mode,
                      to writer: NetCDFWriter, at start: [Int]) throws {
        let target = variable.path
        switch mode {
        case .stored:
            let size = variable.type.size!
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(slab.elementCount * size, 1), alignment: 16)
            defer { buffer.deallocate() }
            try input.readRaw(variable, slab, into: buffer)
            defer { if variable.type == .string { NetCDFDataset.freeStrings(buffer, count: slab.elementCount) } }
            try writer.putRaw(target, start: start, count: slab.count, from: buffer)
        case .decoded:
            try writer.putDoubles(target, start: start, count: slab.count, input.readDecoded(variable, slab))
        case .time:
            let values = try input.readDoubles(variable, slab)
            let converted = try plan.timeValues(values, of: variable, in: input)
            try writer.putDoubles(target, start: start, count: slab.count, converted)
        }
    }
}
