/// Why a conversion could not be planned or a file could not be converted; each case is one
/// line naming the file or the option at fault.
public enum ConversionError: Error, CustomStringConvertible, Equatable {
    case badOption(option: String, reason: String)
    case noInputs(patterns: [String])
    case missingVariable(path: String, name: String, available: [String])
    case mismatch(path: String, reason: String)
    case unsupported(path: String, reason: String)

    public var description: String {
        switch self {
        case let .badOption(option, reason): "\(option): \(reason)"
        case let .noInputs(patterns): "no input files match \(patterns.joined(separator: " "))"
        case let .missingVariable(path, name, available):
            "\(path): no variable '\(name)' (the file has: \(available.prefix(12).joined(separator: ", "))\(available.count > 12 ? ", …" : ""))"
        case let .mismatch(path, reason): "\(path): \(reason)"
        case let .unsupported(path, reason): "\(path): \(reason)"
        }
    }
}
