import DatasetIO
import Foundation
import MeshCore
import MeshIO

/// Writes gridded fields for ParaView: the grid as a VTK unstructured mesh (lines in 1-D,
/// quads in 2-D; points at the coordinate values), one `.vtu` per time step with each field
/// as point data (`name`, or `name[k]` per sample when there are several), and a `.pvd`
/// collection giving each step's time. The steps go to a folder beside the `.pvd`, built under
/// a temporary name and renamed into place before the `.pvd` is written (last, atomically), so
/// an existing `.pvd` means a complete output.
struct VTUExport {
    let plan: ConversionPlan

    func write(to path: String) throws -> [String] {
        let (fields, layout) = try plan.fields()
        let lead = fields[0]
        let x = try plan.spaceCoordinate(of: lead, axis: layout.spaceAxes[0]).0
        let y = layout.spaceAxes.count > 1 ? try plan.spaceCoordinate(of: lead, axis: layout.spaceAxes[1]).0 : [0]
        let (times, _) = try plan.times(of: lead, layout: layout)
        let grid = Self.grid(x: x, y: y, planar: layout.spaceAxes.count > 1)
        let pointCount = x.count * y.count
        // Values of each field, [N, nt, x, y] over all steps.
        var data = [String: [Float]]()
        var samples = 1
        for field in fields {
            var values = [Float]()
            var parts = [([Float], [Int])]()
            try plan.forEachPart(of: field, layout: layout) { part, shape, _ in parts.append((part, shape)) }
            samples = parts[0].1[0]
            for sample in 0..<samples {
                for (part, shape) in parts {
                    let perSample = shape.dropFirst().reduce(1, *)
                    values += part[sample * perSample..<(sample + 1) * perSample]
                }
            }
            data[field.name] = values
        }
        let output = URL(fileURLWithPath: path)
        let stem = output.deletingPathExtension().lastPathComponent
        let folder = output.deletingLastPathComponent().appendingPathComponent(stem)
        if FileManager.default.fileExists(atPath: folder.path) && !FileManager.default.fileExists(atPath: path) {
            throw ConversionError.unsupported(path: path, reason: "\(folder.path) exists and is not the steps folder of an earlier \(stem).pvd; move it away")
        }
        let temporary = URL(fileURLWithPath: AtomicOutput.temporaryPath(for: folder.path))
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        var steps = [(time: Double, file: String)]()
        for (step, time) in times.enumerated() {
            var mesh = grid
            for field in fields {
                let values = data[field.name]!
                for sample in 0..<samples {
                    let base = (sample * times.count + step) * pointCount
                    // PDEBench order is x-major ([x, y]); VTK points go x fastest.
                    let point = (0..<pointCount).map { index in Double(values[base + (index % x.count) * y.count + index / x.count]) }
                    mesh.pointData[samples == 1 ? field.name : "\(field.name)[\(sample)]"] = DataArray(doubles: point)
                }
            }
            let name = String(format: "%@_%04d.vtu", stem, step)
            try MeshFile.write(mesh, to: temporary.appendingPathComponent(name).path)
            steps.append((time, "\(stem)/\(name)"))
        }
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.moveItem(at: temporary, to: folder)
        let collection = """
            <?xml version="1.0"?>
            <VTKFile type="Collection" version="0.1" byte_order="LittleEndian">
              <Collection>
            \(steps.map { "    <DataSet timestep=\"\($0.time)\" group=\"\" part=\"0\" file=\"\($0.file)\"/>" }.joined(separator: "\n"))
              </Collection>
            </VTKFile>

            """
        let pvdTemporary = AtomicOutput.temporaryPath(for: path)
        try Data(collection.utf8).write(to: URL(fileURLWithPath: pvdTemporary))
        try AtomicOutput.commit(pvdTemporary, to: path)
        return plan.notes
    }

    /// Points at (x, y) with x fastest; lines between neighbours in 1-D, quads in 2-D.
    static func grid(x: [Double], y: [Double], planar: Bool) -> Mesh {
        var points = [Double]()
        for yValue in y { for xValue in x { points += [xValue, yValue] } }
        var connectivity = [Int]()
        if planar {
            for j in 0..<max(y.count - 1, 0) {
                for i in 0..<max(x.count - 1, 0) {
                    let corner = j * x.count + i
                    connectivity += [corner, corner + 1, corner + 1 + x.count, corner + x.count]
                }
            }
        } else {
            for i in 0..<max(x.count - 1, 0) { connectivity += [i, i + 1] }
        }
        return Mesh(dimension: 2, points: points, cellBlocks: [CellBlock(type: planar ? .quad : .line, connectivity: connectivity)])
    }
}
