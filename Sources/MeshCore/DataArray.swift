/// A named array attached to points, cells or the whole mesh: `count` tuples of `components`
/// values each, stored flat (tuple-major), as reals or as integers.
public struct DataArray: Equatable, Sendable {
    public enum Values: Equatable, Sendable {
        case double([Double])
        case int([Int])
    }

    public var values: Values
    public var components: Int

    public init(_ values: Values, components: Int = 1) {
        precondition(components >= 1, "DataArray: components must be ≥ 1, got \(components)")
        self.values = values
        self.components = components
    }

    public init(doubles: [Double], components: Int = 1) { self.init(.double(doubles), components: components) }
    public init(ints: [Int], components: Int = 1) { self.init(.int(ints), components: components) }

    /// Number of values (tuples × components).
    public var valueCount: Int {
        switch values {
        case let .double(v): v.count
        case let .int(v): v.count
        }
    }

    /// Number of tuples.
    public var count: Int { valueCount / components }

    public var isInteger: Bool {
        if case .int = values { return true }
        return false
    }

    /// The values as reals (integers converted).
    public var doubles: [Double] {
        switch values {
        case let .double(v): v
        case let .int(v): v.map(Double.init)
        }
    }

    /// The values as integers, or nil when they are reals.
    public var ints: [Int]? {
        if case let .int(v) = values { return v }
        return nil
    }

    /// The tuples `range` (in tuples, not values).
    public func slice(_ range: Range<Int>) -> DataArray {
        let values = range.lowerBound * components..<range.upperBound * components
        switch self.values {
        case let .double(v): return DataArray(doubles: Array(v[values]), components: components)
        case let .int(v): return DataArray(ints: Array(v[values]), components: components)
        }
    }

    /// Concatenates arrays of one kind and component count (reals win over integers).
    public static func concatenating(_ arrays: [DataArray]) -> DataArray {
        let components = arrays.first?.components ?? 1
        precondition(arrays.allSatisfy { $0.components == components }, "DataArray: component counts differ")
        if arrays.allSatisfy(\.isInteger) {
            return DataArray(ints: arrays.flatMap { $0.ints ?? [] }, components: components)
        }
        return DataArray(doubles: arrays.flatMap(\.doubles), components: components)
    }
}
