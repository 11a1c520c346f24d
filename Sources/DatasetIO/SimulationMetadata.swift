/// What a generated 1-D data file says about itself, beyond PDEBench's own attributes: the PDE
/// and its convention, the parameters (under PDEBench's names), the domain and Δt.
public struct SimulationMetadata: Sendable, Equatable {
    /// `advection`, `burgers`, `reaction-diffusion`, …
    public var pde: String
    /// The equation as solved, e.g. `u_t + (u^2/2)_x = (Nu/pi) u_xx`.
    public var convention: String
    /// Parameters in order, under PDEBench's attribute names (`beta`, `Nu`, `rho`).
    public var parameters: [(name: String, value: Double)]
    public var domain: ClosedRange<Double>
    /// Save times of the frames (t = 0 first).
    public var times: [Double]

    public init(pde: String, convention: String, parameters: [(name: String, value: Double)],
                domain: ClosedRange<Double> = 0...1, times: [Double]) {
        (self.pde, self.convention, self.parameters, self.domain, self.times) = (pde, convention, parameters, domain, times)
    }

    public static func == (a: SimulationMetadata, b: SimulationMetadata) -> Bool {
        a.pde == b.pde && a.convention == b.convention && a.domain == b.domain && a.times == b.times
            && a.parameters.map(\.name) == b.parameters.map(\.name) && a.parameters.map(\.value) == b.parameters.map(\.value)
    }

    /// Cell centres x_i = x_L + (i + ½)Δx of `cells` cells.
    public func cellCentres(_ cells: Int) -> [Double] {
        let width = (domain.upperBound - domain.lowerBound) / Double(cells)
        return (0..<cells).map { domain.lowerBound + (Double($0) + 0.5) * width }
    }
}
