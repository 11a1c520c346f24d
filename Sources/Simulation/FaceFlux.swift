/// A numerical flux F_{i+½} through the face between cells i and i+1 of a periodic
/// finite-volume grid, so that du_i/dt = −(F_{i+½} − F_{i−½})/Δx.
///
/// `left` and `right` are the MUSCL face states u_i + s_i/2 and u_{i+1} − s_{i+1}/2;
/// `leftCell` and `rightCell` the cell averages u_i, u_{i+1} (for central viscous fluxes).
protocol FaceFlux {
    /// False when the flux never reads the reconstructed face states (pure diffusion), so
    /// the slope computation can be skipped.
    static var usesReconstruction: Bool { get }

    func callAsFunction(left: Double, right: Double, leftCell: Double, rightCell: Double) -> Double
}

/// The MC-limited MUSCL slope (a cell difference, not a derivative) of a cell with
/// backward difference a = u_i − u_{i−1} and forward difference b = u_{i+1} − u_i:
///
///     s = sign(c)·[a·b > 0]·min(2|a|, 2|b|, |c|),   c = (a + b)/2 = (u_{i+1} − u_{i−1})/2.
///
/// It is zero at extrema, so face values u_i ± s/2 stay between neighbouring cell averages.
@inline(__always)
func monotonizedCentralSlope(backward a: Double, forward b: Double) -> Double {
    let c = 0.5 * (a + b)
    let magnitude = Swift.min(2 * Swift.abs(a), 2 * Swift.abs(b), Swift.abs(c))
    return a * b > 0 ? Double(signOf: c, magnitudeOf: magnitude) : 0  // a select, not a branch
}
