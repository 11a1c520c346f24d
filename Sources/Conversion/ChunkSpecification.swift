/// Output chunk lengths, in nccopy's two forms: `dim/len,dim/len` (by dimension, for every
/// variable that has the dimension) and `var:n1,n2,…` (one variable, one length per axis).
public struct ChunkSpecification: Equatable, Sendable, Codable {
    public var byDimension: [String: Int] = [:]
    public var byVariable: [String: [Int]] = [:]

    public init() {}

    /// Adds one `--chunks` value.
    public mutating func add(parsing text: String) throws {
        func length(_ part: Substring) throws -> Int {
            guard let value = Int(part.trimmingCharacters(in: .whitespaces)), value > 0 else {
                throw ConversionError.badOption(option: "--chunks \(text)", reason: "chunk lengths must be positive integers")
            }
            return value
        }
        if let colon = text.lastIndex(of: ":") {
            let name = String(text[..<colon])
            guard !name.isEmpty else { throw ConversionError.badOption(option: "--chunks \(text)", reason: "no variable name before ':'") }
            byVariable[name] = try text[text.index(after: colon)...].split(separator: ",").map(length)
        } else {
            for item in text.split(separator: ",") {
                let parts = item.split(separator: "/")
                guard parts.count == 2, !parts[0].isEmpty else {
                    throw ConversionError.badOption(option: "--chunks \(text)", reason: "expected dim/len,… or var:n1,n2,…")
                }
                byDimension[String(parts[0])] = try length(parts[1])
            }
        }
    }

    public var isEmpty: Bool { byDimension.isEmpty && byVariable.isEmpty }

    /// Chunks for variable `path` over `dimensions` of `shape`, or nil to leave the default;
    /// lengths are clamped to the extents (an unlimited or empty axis keeps its length).
    public func chunks(for path: String, dimensions: [String], shape: [Int]) throws -> [Int]? {
        if let lengths = byVariable[path] {
            guard lengths.count == dimensions.count else {
                throw ConversionError.badOption(option: "--chunks \(path):…",
                                                reason: "\(lengths.count) lengths for a variable of \(dimensions.count) dimensions")
            }
            return zip(lengths, shape).map { length, extent in extent > 0 ? min(length, extent) : length }
        }
        guard dimensions.contains(where: { byDimension[$0] != nil }) else { return nil }
        return zip(dimensions, shape).map { name, extent in
            let length = byDimension[name] ?? extent
            return extent > 0 ? min(max(length, 1), extent) : max(length, 1)
        }
    }
}
