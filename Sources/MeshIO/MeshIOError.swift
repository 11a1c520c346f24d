/// Why a mesh file could not be read or written. Every case names the file; read errors also
/// name where the problem was found: the line (text), the byte offset (binary data), or the
/// variable and entry (netCDF files).
public enum MeshIOError: Error, CustomStringConvertible, Equatable {
    public enum Location: Equatable, Sendable, CustomStringConvertible {
        case line(Int)
        case byte(Int)
        /// An entry of a variable of a netCDF file (Exodus II).
        case entry(variable: String, index: Int)
        /// A variable (or dimension, or attribute) of a netCDF file.
        case variable(String)

        public var description: String {
            switch self {
            case let .line(line): "line \(line)"
            case let .byte(offset): "byte \(offset)"
            case let .entry(variable, index): "variable '\(variable)' entry \(index)"
            case let .variable(name): "variable '\(name)'"
            }
        }
    }

    case fileNotFound(path: String)
    case unknownFormat(path: String, reason: String)
    case malformed(path: String, at: Location, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .fileNotFound(path): "\(path): file not found"
        case let .unknownFormat(path, reason): "\(path): \(reason)"
        case let .malformed(path, location, reason): "\(path): \(location): \(reason)"
        case let .cannotWrite(path, reason): "\(path): cannot write: \(reason)"
        }
    }
}
