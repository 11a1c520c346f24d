/// Why a model or weight file could not be read or written. Each case names the file and,
/// where it applies, the field or tensor.
public enum ModelStoreError: Error, CustomStringConvertible, Equatable {
    case missingFile(path: String)
    case malformed(path: String, reason: String)
    case unsupportedFormatVersion(path: String, found: Int, supported: Int)
    case architectureMismatch(path: String, expected: String, found: String)
    case scalarTypeMismatch(path: String, expected: String, found: String)
    case hashMismatch(path: String, expected: String, actual: String)
    case missingTensor(path: String, name: String)
    case unexpectedTensor(path: String, name: String)
    case shapeMismatch(path: String, name: String, expected: [Int], found: [Int])
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .missingFile(path): "\(path): file not found"
        case let .malformed(path, reason): "\(path): \(reason)"
        case let .unsupportedFormatVersion(path, found, supported):
            "\(path): format_version \(found) is not supported (this build reads version \(supported))"
        case let .architectureMismatch(path, expected, found):
            "\(path): architecture is '\(found)', expected '\(expected)'"
        case let .scalarTypeMismatch(path, expected, found):
            "\(path): scalar_type is '\(found)', expected '\(expected)'"
        case let .hashMismatch(path, expected, actual):
            "\(path): sha256 \(actual) does not match \(expected) recorded in model.json"
        case let .missingTensor(path, name): "\(path): tensor '\(name)' is missing"
        case let .unexpectedTensor(path, name): "\(path): tensor '\(name)' is not a parameter of this model"
        case let .shapeMismatch(path, name, expected, found):
            "\(path): tensor '\(name)' has shape \(found), expected \(expected)"
        case let .writeFailed(path, reason): "\(path): could not write: \(reason)"
        }
    }
}
