/// The flux of viscous Burgers u_t + (u²/2)_x = κ u_xx: a Rusanov-type flux on f(u) = u²/2
/// with the Murman–Roe speed ½|u_L + u_R| as dissipation coefficient, plus a central viscous
/// flux:
///
///     F = ½[(u_L² + u_R²)/2 − ½|u_L + u_R|·(u_R − u_L)] − κ(u_{i+1} − u_i)/Δx.
///
/// Without viscosity the Murman–Roe speed admits expansion shocks at sonic points
/// (u_L = −u_R < 0); PDEBench's smallest ν = 0.001 resolves them on its grids.
struct BurgersFlux: FaceFlux {
    /// κ/Δx.
    let viscousCoefficient: Double

    static var usesReconstruction: Bool { true }

    @inline(__always)
    func callAsFunction(left: Double, right: Double, leftCell: Double, rightCell: Double) -> Double {
        let speed = 0.5 * Swift.abs(left + right)
        let convective = 0.5 * (0.5 * (left * left + right * right) - speed * (right - left))
        return convective - viscousCoefficient * (rightCell - leftCell)
    }
}
