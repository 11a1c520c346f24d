/// The Open Inference Protocol's tensor element types (SERVING.md §1.2), with their sizes and
/// the `TYPE_…` names of Triton model configurations.
public enum TensorDatatype: String, Codable, Sendable, CaseIterable {
    case bool = "BOOL", uint8 = "UINT8", uint16 = "UINT16", uint32 = "UINT32", uint64 = "UINT64"
    case int8 = "INT8", int16 = "INT16", int32 = "INT32", int64 = "INT64"
    case fp16 = "FP16", bf16 = "BF16", fp32 = "FP32", fp64 = "FP64", bytes = "BYTES"

    /// Bytes per element; nil for BYTES (variable length).
    public var byteSize: Int? {
        switch self {
        case .bool, .uint8, .int8: 1
        case .uint16, .int16, .fp16, .bf16: 2
        case .uint32, .int32, .fp32: 4
        case .uint64, .int64, .fp64: 8
        case .bytes: nil
        }
    }

    /// `TYPE_FP32`, … as in Triton's `config.pbtxt`/JSON model configurations.
    public var configName: String { "TYPE_" + (self == .bytes ? "STRING" : rawValue) }

    public init?(configName: String) {
        guard configName.hasPrefix("TYPE_") else { return nil }
        let name = String(configName.dropFirst(5))
        self.init(rawValue: name == "STRING" ? "BYTES" : name)
    }
}
