/// The viridis colour map (matplotlib's default), sampled at five anchors and interpolated
/// linearly: 0 is dark purple, 1 yellow.
public enum Viridis {
    public static let anchors: [(red: Double, green: Double, blue: Double)] =
        [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]

    /// The colour at `t` ∈ [0, 1] (clamped; NaN counts as 0).
    public static func colour(_ t: Double) -> (UInt8, UInt8, UInt8) {
        let position = min(max(t.isNaN ? 0 : t, 0), 1) * Double(anchors.count - 1)
        let i = min(Int(position), anchors.count - 2)
        let f = position - Double(i)
        func mix(_ a: Double, _ b: Double) -> UInt8 { UInt8((a + (b - a) * f).rounded()) }
        return (mix(anchors[i].red, anchors[i + 1].red), mix(anchors[i].green, anchors[i + 1].green),
                mix(anchors[i].blue, anchors[i + 1].blue))
    }
}
