import ArgumentParser
import MeshIO

/// `surrogate mesh info|convert|generate|plot`: mesh files in meshio's data model.
struct MeshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mesh", abstract: "Inspect, convert, generate and plot meshes (Gmsh, VTK, VTU, XDMF, Exodus II).",
        subcommands: [Info.self, Convert.self, Generate.self, Plot.self])

    /// A format by name, or a validation error listing the names.
    static func format(named name: String) throws -> MeshFileFormat {
        guard let format = MeshFileFormat(name: name) else {
            let families = MeshFileFormat.Family.allCases.map(\.rawValue)
            let names = families + MeshFileFormat.allCases.map(\.rawValue).filter { !families.contains($0) }
            throw ValidationError("unknown mesh format '\(name)' (one of: \(names.joined(separator: ", ")))")
        }
        return format
    }
}
