/// The central diffusion flux of u_t = κ u_xx: F = −κ(u_{i+1} − u_i)/Δx.
struct DiffusionFlux: FaceFlux {
    /// κ/Δx.
    let coefficient: Double

    static var usesReconstruction: Bool { false }

    @inline(__always)
    func callAsFunction(left: Double, right: Double, leftCell: Double, rightCell: Double) -> Double {
        -coefficient * (rightCell - leftCell)
    }
}
