/// The upwind (Rusanov) flux of u_t + β u_x = 0:
///
///     F = ½[β(u_L + u_R) − |β|(u_R − u_L)],
///
/// which is β·u_L for β > 0 and β·u_R for β < 0.
struct AdvectionFlux: FaceFlux {
    let beta: Double

    static var usesReconstruction: Bool { true }

    @inline(__always)
    func callAsFunction(left: Double, right: Double, leftCell: Double, rightCell: Double) -> Double {
        0.5 * (beta * (left + right) - Swift.abs(beta) * (right - left))
    }
}
