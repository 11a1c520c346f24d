/// The value of an HDF5 attribute, as simulation files use them.
public enum AttributeValue: Equatable, Sendable, CustomStringConvertible {
    case number(Double)
    case numbers([Double])
    case text(String)

    /// The value as one number, when it is one.
    public var number: Double? {
        switch self {
        case let .number(value): value
        case let .numbers(values) where values.count == 1: values[0]
        default: nil
        }
    }

    public var text: String? {
        if case let .text(value) = self { return value }
        return nil
    }

    public var description: String {
        switch self {
        case let .number(value): "\(value)"
        case let .numbers(values): "\(values)"
        case let .text(value): "\"\(value)\""
        }
    }
}
