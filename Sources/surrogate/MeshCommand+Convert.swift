import ArgumentParser
import Foundation
import MeshIO

extension MeshCommand {
    /// `surrogate mesh convert IN OUT [--format F]`.
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a mesh file; the output format comes from OUT's extension or --format.")
        @Argument(help: "The mesh file to read.") var input: String
        @Argument(help: "The mesh file to write.") var output: String
        @Option(help: "Output format: a family (gmsh, vtk, vtu, xdmf, exodus) or a variant such as gmsh22-ascii, vtu-appended.")
        var format: String?
        @Option(help: "Read the input as this format family, whatever its extension.") var inputFormat: String?
        @Flag(help: "Print the seconds spent reading and writing (for benchmarks).") var timing = false

        func run() throws {
            let inputFamily = try inputFormat.map { try MeshCommand.format(named: $0).family }
            let outputFormat = try format.map(MeshCommand.format(named:))
            let start = Date()
            let mesh = try MeshFile.read(input, family: inputFamily)
            let read = Date()
            try MeshFile.write(mesh, to: output, format: outputFormat)
            let written = Date()
            print("\(input) → \(output): \(mesh.pointCount) points, \(mesh.cellCount) cells")
            if timing {
                var usage = rusage()
                getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
                print(String(format: "timing read_seconds=%.3f write_seconds=%.3f peak_rss_mb=%.1f", read.timeIntervalSince(start),
                             written.timeIntervalSince(read), Double(usage.ru_maxrss) / 1024))
            }
        }
    }
}
