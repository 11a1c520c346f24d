import DatasetIO
import Foundation
import TensorCore

/// Writes gridded fields as PDEBench-layout HDF5 training data: each field, CF-decoded to
/// float32 (NaN where missing), as `[N, nt, x(, y)]` (`FieldLayout`) — `tensor` when there is
/// one field, else under its own name with the list in the root attribute `fields` — plus
/// `t-coordinate`, `x-coordinate` (and `y-coordinate`) in float64, each field's CF attributes, and the
/// input's global attributes on the root (so PDE parameters such as `beta` and
/// `parameter_names` reach `surrogate train`). Concatenation joins files along time.
struct PDEBenchExport {
    let plan: ConversionPlan

    func write(to path: String) throws -> [String] {
        let (fields, layout) = try plan.fields()
        let lead = fields[0]
        let temporary = AtomicOutput.temporaryPath(for: path)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        do {
            let file = try HDF5File.create(temporary)
            for field in fields { try writeField(field, layout: layout, named: fields.count == 1 ? "tensor" : field.name, into: file) }
            try writeCoordinates(of: lead, layout: layout, into: file)
            try writeAttributes(fields: fields, into: file)
            try file.flush()
        }
        try AtomicOutput.commit(temporary, to: path)
        return plan.notes
    }

    private func writeField(_ field: NetCDFVariable, layout: FieldLayout, named name: String, into file: HDF5File) throws {
        let shape = plan.outputShape(of: field)
        let outShape = layout.outputShape(shape)
        let chunk = [1, outShape[1]] + outShape.dropFirst(2)
        let dataset = try file.createDataset(name, shape: outShape, chunk: chunk)
        try plan.forEachPart(of: field, layout: layout) { part, shape, timeOffset in
            let start = [0, timeOffset] + outShape.dropFirst(2).map { _ in 0 }
            try dataset.write(Tensor<Float>(shape: shape, scalars: part), at: start)
        }
        for attribute in ["units", "standard_name", "long_name"] {
            if let text = field.text(attribute) { try file.setAttribute(attribute, .text(text), on: name) }
        }
        try file.setAttribute("source_variable", .text(field.path), on: name)
    }

    private func writeCoordinates(of field: NetCDFVariable, layout: FieldLayout, into file: HDF5File) throws {
        let dimensions = field.dimensions
        let timeDimension = dimensions[layout.timeAxis]
        let (times, timeVariable) = try plan.times(of: field, layout: layout)
        try file.writeDataset("t-coordinate", Tensor<Double>(times))
        for attribute in ["units", "calendar", "standard_name"] {
            if let text = timeVariable?.text(attribute) { try file.setAttribute(attribute, .text(text), on: "t-coordinate") }
        }
        try file.setAttribute("source_dimension", .text(timeDimension.name), on: "t-coordinate")
        for (name, axis) in zip(["x-coordinate", "y-coordinate"], layout.spaceAxes) {
            let dimension = dimensions[axis]
            let (values, coordinate) = try plan.spaceCoordinate(of: field, axis: axis)
            try file.writeDataset(name, Tensor<Double>(values))
            for attribute in ["units", "standard_name"] {
                if let text = coordinate?.text(attribute) { try file.setAttribute(attribute, .text(text), on: name) }
            }
            try file.setAttribute("source_dimension", .text(dimension.name), on: name)
        }
    }

    private func writeAttributes(fields: [NetCDFVariable], into file: HDF5File) throws {
        for (name, value) in plan.inputs[0].globalAttributes where !name.isEmpty { try file.setAttribute(name, value) }
        if fields.count > 1 { try file.setAttribute("fields", .text(fields.map(\.name).joined(separator: ","))) }
        try file.setAttribute("source_files", .text(plan.inputs.map { URL(fileURLWithPath: $0.path).lastPathComponent }.joined(separator: ",")))
    }
}
