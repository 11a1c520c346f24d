/// An index selection along one dimension, written as for `isel` in xarray or a Python slice:
/// `5` (one index, the dimension kept with length 1), `0:100`, `0:100:2`, `-10:` (negative
/// indices count from the end), `::4`.
public struct DimensionSlice: Equatable, Sendable, Codable, CustomStringConvertible {
    public var start: Int?
    public var stop: Int?
    public var step: Int
    /// A single index rather than a range.
    public var isIndex: Bool

    /// Parses `text` (what follows `dim=`).
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        func integer(_ part: String) throws -> Int? {
            if part.isEmpty { return nil }
            guard let value = Int(part) else { throw ConversionError.badOption(option: "--isel", reason: "'\(text)' is not start:stop:step (integers)") }
            return value
        }
        switch parts.count {
        case 1:
            guard let index = try integer(parts[0]) else { throw ConversionError.badOption(option: "--isel", reason: "empty selection") }
            (start, stop, step, isIndex) = (index, nil, 1, true)
        case 2, 3:
            (start, stop, isIndex) = (try integer(parts[0]), try integer(parts[1]), false)
            step = parts.count == 3 ? try integer(parts[2]) ?? 1 : 1
            guard step > 0 else { throw ConversionError.badOption(option: "--isel", reason: "step in '\(text)' must be positive") }
        default:
            throw ConversionError.badOption(option: "--isel", reason: "'\(text)' is not start:stop:step")
        }
    }

    /// First index, count and stride on a dimension of `length`, as Python resolves a slice;
    /// an index out of range is an error.
    public func resolve(length: Int, dimension: String) throws -> (start: Int, count: Int, stride: Int) {
        if isIndex {
            let index = start! < 0 ? start! + length : start!
            guard index >= 0 && index < length else {
                throw ConversionError.badOption(option: "--isel \(dimension)=\(self)", reason: "index out of range for length \(length)")
            }
            return (index, 1, 1)
        }
        func clamp(_ value: Int?, _ fallback: Int) -> Int {
            guard let value else { return fallback }
            return Swift.min(Swift.max(value < 0 ? value + length : value, 0), length)
        }
        let (first, end) = (clamp(start, 0), clamp(stop, length))
        let count = end > first ? (end - first - 1) / step + 1 : 0
        return (first, count, step)
    }

    public var description: String {
        if isIndex { return "\(start!)" }
        return "\(start.map(String.init) ?? ""):\(stop.map(String.init) ?? "")" + (step != 1 ? ":\(step)" : "")
    }
}
