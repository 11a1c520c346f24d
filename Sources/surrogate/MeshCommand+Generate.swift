import ArgumentParser
import MeshCore
import MeshIO

extension MeshCommand {
    /// `surrogate mesh generate rectangle|disk|channel --out FILE`.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a structured rectangle, a mapped disk, a channel with a circular hole, or a unit box.")

        enum Shape: String, ExpressibleByArgument, CaseIterable {
            case rectangle, disk, channel, box
        }

        @Argument(help: "rectangle, disk, channel, or box (the unit cube in cells³ hexahedra, or 6 tetrahedra per cube without --quads).")
        var shape: Shape
        @Option(help: "The mesh file to write.") var out: String
        @Option(help: "Cells along the shortest side (rectangle: along the height; disk: across; channel: across the channel).")
        var cells = 8
        @Flag(help: "Quadrilaterals instead of triangles (a box: hexahedra instead of tetrahedra).") var quads = false
        @Option(help: "Rectangle or channel width (default 1 for a rectangle, 4 for a channel).") var width: Double?
        @Option(help: "Rectangle or channel height.") var height = 1.0
        @Option(help: "Disk radius (default 1) or hole radius (default 0.2).") var radius: Double?
        @Option(help: "Output format (default: from the extension).") var format: String?
        @Flag(help: "Reflect the point nearest the centre through a neighbour, tangling the cells around it (a test fixture).")
        var fold = false

        func validate() throws {
            guard cells >= 1, cells <= (shape == .box ? 256 : 4096) else { throw ValidationError("--cells must be between 1 and \(shape == .box ? 256 : 4096), got \(cells)") }
            guard height > 0, (width ?? 1) > 0, (radius ?? 1) > 0 else { throw ValidationError("--width, --height and --radius must be positive") }
            if shape == .channel {
                guard cells >= 2 else { throw ValidationError("a channel needs --cells ≥ 2") }
                guard (width ?? 4 * height) >= 1.5 * height else { throw ValidationError("a channel needs --width ≥ 1.5 × --height") }
                guard (radius ?? 0.2 * height) < height / 2 else { throw ValidationError("the hole's --radius must be below half the --height") }
            }
        }

        func run() throws {
            var mesh: Mesh
            switch shape {
            case .rectangle:
                let width = width ?? 1
                let nx = max(1, Int((Double(cells) * width / height).rounded()))
                mesh = MeshGenerator.rectangle(width: width, height: height, nx: nx, ny: cells, quads: quads)
            case .disk:
                mesh = MeshGenerator.disk(radius: radius ?? 1, n: cells, quads: quads)
            case .box:
                mesh = MeshGenerator.box(n: cells, tetrahedra: !quads)
            case .channel:
                mesh = MeshGenerator.channel(length: width ?? 4 * height, height: height, radius: radius ?? 0.2 * height, n: cells, quads: quads)
            }
            if fold { mesh = MeshGenerator.folded(mesh) }
            try MeshFile.write(mesh, to: out, format: try format.map(MeshCommand.format(named:)))
            print("\(out): \(shape.rawValue), \(mesh.pointCount) points, \(mesh.cellCount) \(mesh.cellBlocks[0].type.rawValue) cells")
        }
    }
}
