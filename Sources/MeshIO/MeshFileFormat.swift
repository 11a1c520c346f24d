/// The file formats and variants that `MeshFile` writes. Readers detect the variant (version,
/// ASCII or binary, encoding, compression) from the file itself and only need the `Family`.
public enum MeshFileFormat: String, CaseIterable, Sendable {
    case gmsh22Ascii = "gmsh22-ascii", gmsh22Binary = "gmsh22-binary"
    case gmsh41Ascii = "gmsh41-ascii", gmsh41Binary = "gmsh41-binary"
    case vtk42Ascii = "vtk42-ascii", vtk42Binary = "vtk42-binary"
    case vtk51Ascii = "vtk51-ascii", vtk51Binary = "vtk51-binary"
    case vtuAscii = "vtu-ascii", vtuBase64 = "vtu-base64", vtuAppended = "vtu-appended"
    case vtuZlib = "vtu-zlib", vtuAppendedZlib = "vtu-appended-zlib"
    /// XDMF3 XML with its heavy data in an HDF5 file beside it (`mesh.xdmf` + `mesh.h5`).
    case xdmfHDF = "xdmf-hdf"
    /// XDMF3 XML with the data inline as text (one file).
    case xdmfXML = "xdmf-xml"
    /// Exodus II, a netCDF-4 file.
    case exodus

    /// A format family: what the file extension (or a bare name such as `gmsh`) says.
    public enum Family: String, CaseIterable, Sendable {
        case gmsh, vtk, vtu, xdmf, exodus

        /// `.msh`, `.vtk`, `.vtu`, `.xdmf`/`.xmf`, or `.e`/`.exo`/`.ex2` (case-insensitive).
        public init?(path: String) {
            guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
            switch path[path.index(after: dot)...].lowercased() {
            case "msh": self = .gmsh
            case "vtk": self = .vtk
            case "vtu": self = .vtu
            case "xdmf", "xmf": self = .xdmf
            case "e", "exo", "ex2": self = .exodus
            default: return nil
            }
        }

        /// The extensions `init(path:)` knows, for messages.
        public static let extensionList = ".msh, .vtk, .vtu, .xdmf, .xmf, .e, .exo or .ex2"

        /// The usual file extension of the family.
        public var fileExtension: String {
            switch self {
            case .gmsh: "msh"
            case .exodus: "exo"
            default: rawValue
            }
        }

        /// What `MeshFile.write` uses when only the extension is known: the binary variant
        /// of the newest version (zlib-compressed for VTU, HDF5 for XDMF), as meshio does.
        public var defaultFormat: MeshFileFormat {
            switch self {
            case .gmsh: .gmsh41Binary
            case .vtk: .vtk51Binary
            case .vtu: .vtuZlib
            case .xdmf: .xdmfHDF
            case .exodus: .exodus
            }
        }
    }

    public var family: Family {
        switch self {
        case .gmsh22Ascii, .gmsh22Binary, .gmsh41Ascii, .gmsh41Binary: .gmsh
        case .vtk42Ascii, .vtk42Binary, .vtk51Ascii, .vtk51Binary: .vtk
        case .xdmfHDF, .xdmfXML: .xdmf
        case .exodus: .exodus
        default: .vtu
        }
    }

    /// The formats whose whole file is one byte stream (`MeshFile.encode`/`decode`); the
    /// others go through a library (HDF5, netCDF) and are written and read only as files.
    public static let streamable: [MeshFileFormat] = allCases.filter { ![.xdmfHDF, .exodus].contains($0) }

    /// A format by name: a variant (`gmsh22-binary`) or a family (`vtu`, meaning its default).
    public init?(name: String) {
        if let format = MeshFileFormat(rawValue: name) { self = format } else if let family = Family(rawValue: name) {
            self = family.defaultFormat
        } else {
            return nil
        }
    }
}
