import Foundation

/// A request parameter value: the Open Inference Protocol allows strings, numbers and booleans.
public enum ParameterValue: Sendable, Equatable {
    case string(String), number(Double), bool(Bool)
}

/// One inference request, whichever transport carried it.
public struct InferenceRequest: Sendable {
    public struct RequestedOutput: Sendable, Equatable {
        public var name: String
        /// The output's `binary_data` parameter, when given.
        public var binary: Bool?

        public init(name: String, binary: Bool? = nil) {
            (self.name, self.binary) = (name, binary)
        }
    }

    public var id: String?
    public var parameters: [String: ParameterValue]
    public var inputs: [InferenceTensor]
    /// Empty: all outputs.
    public var outputs: [RequestedOutput]

    public init(id: String? = nil, parameters: [String: ParameterValue] = [:], inputs: [InferenceTensor],
                outputs: [RequestedOutput] = []) {
        (self.id, self.parameters, self.inputs, self.outputs) = (id, parameters, inputs, outputs)
    }

    /// Whether output `name` goes back as binary: its own `binary_data`, else the request's
    /// `binary_data_output`, else JSON.
    public func wantsBinary(_ name: String) -> Bool {
        if let own = outputs.first(where: { $0.name == name })?.binary { return own }
        if case .bool(let all)? = parameters["binary_data_output"] { return all }
        return false
    }
}

/// The inference response.
public struct InferenceResponse: Sendable {
    public var modelName: String
    public var modelVersion: String
    public var id: String?
    public var outputs: [InferenceTensor]

    public init(modelName: String, modelVersion: String, id: String?, outputs: [InferenceTensor]) {
        (self.modelName, self.modelVersion, self.id, self.outputs) = (modelName, modelVersion, id, outputs)
    }
}

/// Bounds on what one request may claim, checked before anything is allocated for it.
public struct RequestLimits: Sendable {
    /// Largest body, also after decompression (Triton: 64 MiB).
    public var maximumBodyBytes = 64 << 20
    /// Deepest JSON nesting (Triton: 100).
    public var maximumJSONDepth = 100
    /// Most tensors in `inputs` or `outputs`.
    public var maximumTensors = 64

    public init() {}
}
