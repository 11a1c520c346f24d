import ArgumentParser
import MeshIO

extension MeshCommand {
    /// `surrogate mesh plot FILE --out F.svg|F.png [--field NAME | --quality]`.
    struct Plot: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a 2-D mesh as SVG or PNG, its cells coloured by a point or cell field or by quality.")
        @Argument(help: "A mesh file with triangles or quads.") var file: String
        @Option(help: "The picture to write: .svg or .png.") var out: String
        @Option(help: "Colour cells by this point or cell data (vectors by magnitude).") var field: String?
        @Flag(help: "Colour cells by aspect ratio; tangled cells are red.") var quality = false

        func validate() throws {
            guard [".svg", ".png"].contains(where: out.lowercased().hasSuffix) else {
                throw ValidationError("--out must name an .svg or .png file, got '\(out)'")
            }
            guard field == nil || !quality else { throw ValidationError("give --field or --quality, not both") }
        }

        func run() throws {
            let mesh = try MeshFile.read(file)
            let colouring: MeshPicture.Colouring = quality ? .quality : field.map { .field($0) } ?? .edges
            try MeshPicture.write(mesh, to: out, colouring: colouring)
            print("\(out): \(mesh.cellCount) cells")
        }
    }
}
