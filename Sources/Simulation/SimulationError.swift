/// Why a simulation could not be set up. Each case names the offending value, so that a
/// command-line front end can report it as given.
public enum SimulationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A PDE or exact-solution parameter is outside its admissible range.
    case invalidParameter(name: String, value: Double, reason: String)
    /// The grid cannot carry the scheme (too few cells).
    case invalidGrid(cells: Int, reason: String)
    /// Save times must be finite, non-negative and non-decreasing.
    case invalidSaveTimes(reason: String)
    /// A batch must hold at least one sample.
    case invalidSampleCount(Int)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, reason): "parameter \(name) = \(value): \(reason)"
        case let .invalidGrid(cells, reason): "grid of \(cells) cells: \(reason)"
        case let .invalidSaveTimes(reason): "save times: \(reason)"
        case let .invalidSampleCount(count): "sample count \(count): at least one sample is needed"
        }
    }

    /// Throws unless `times` are finite, non-negative and non-decreasing.
    static func validate(saveTimes times: [Double]) throws(SimulationError) {
        guard !times.isEmpty else { throw .invalidSaveTimes(reason: "no save times given") }
        guard times.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw .invalidSaveTimes(reason: "every time must be finite and non-negative")
        }
        guard zip(times, times.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw .invalidSaveTimes(reason: "times must be non-decreasing")
        }
    }
}
