/// How a convolution extends its input beyond the edges.
public enum PaddingMode: String, Codable, Sendable {
    /// Zeros outside the domain.
    case zeros
    /// Periodic wrap-around (PyTorch's `padding_mode="circular"`).
    case circular
}
