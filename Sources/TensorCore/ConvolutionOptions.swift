/// How a convolution extends its input beyond the edges.
public enum PaddingMode: String, Codable, Sendable {
    /// Zeros outside the domain.
    case zeros
    /// Periodic wrap-around (PyTorch's `padding_mode="circular"`).
    case circular
}

/// Stride, padding and grouping of a convolution (the same on every spatial axis).
public struct ConvolutionOptions: Codable, Sendable, Equatable {
    public var stride: Int
    public var padding: Int
    public var paddingMode: PaddingMode
    /// Channels are split into `groups` independent blocks; `groups == channels` is depthwise.
    public var groups: Int

    public init(stride: Int = 1, padding: Int = 0, paddingMode: PaddingMode = .zeros, groups: Int = 1) {
        precondition(stride >= 1 && padding >= 0 && groups >= 1,
                     "convolution stride \(stride), padding \(padding), groups \(groups) out of range")
        (self.stride, self.padding, self.paddingMode, self.groups) = (stride, padding, paddingMode, groups)
    }
}
