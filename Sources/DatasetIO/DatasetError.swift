/// Why a simulation file could not be read or written. Every case names the file and, where
/// it applies, the object (dataset, group, attribute); HDF5's own error stack, when there is
/// one, is captured into `detail` instead of being printed to standard error.
public enum DatasetError: Error, CustomStringConvertible, Equatable {
    case fileNotFound(path: String)
    case cannotOpen(path: String, detail: String)
    case notNetCDF(path: String, detail: String)
    case missingObject(path: String, object: String)
    case wrongRank(path: String, object: String, expected: String, found: [Int])
    case nonNumeric(path: String, object: String, type: String)
    case empty(path: String, object: String)
    case unknownLayout(path: String, found: [String])
    case inconsistent(path: String, object: String, reason: String)
    case readFailed(path: String, object: String, detail: String)
    case writeFailed(path: String, object: String, detail: String)

    public var description: String {
        switch self {
        case let .fileNotFound(path): "\(path): file not found"
        case let .cannotOpen(path, detail): "\(path): not a readable HDF5 file (\(detail))"
        case let .notNetCDF(path, detail): "\(path): not a readable netCDF file (\(detail))"
        case let .missingObject(path, object): "\(path): no object '\(object)'"
        case let .wrongRank(path, object, expected, found): "\(path): '\(object)' has shape \(found), expected \(expected)"
        case let .nonNumeric(path, object, type): "\(path): '\(object)' holds \(type), not numbers"
        case let .empty(path, object): "\(path): '\(object)' holds no samples"
        case let .unknownLayout(path, found):
            "\(path): not a PDEBench layout (top-level objects: \(found.prefix(8).joined(separator: ", ")))"
        case let .inconsistent(path, object, reason): "\(path): '\(object)': \(reason)"
        case let .readFailed(path, object, detail): "\(path): reading '\(object)' failed (\(detail))"
        case let .writeFailed(path, object, detail): "\(path): writing '\(object)' failed (\(detail))"
        }
    }
}
