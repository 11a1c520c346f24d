import Foundation

/// A loaded model version that answers inference requests. Model kinds (rollout surrogates
/// now, later methods' models) join the server by conforming and registering in `ModelKinds`.
public protocol ServableModel: Sendable {
    /// The outputs for `inputs`, already checked against the configuration's names, datatypes
    /// and shapes by the server.
    func infer(_ inputs: [String: InferenceTensor], config: ModelConfig) throws(ServingError) -> [InferenceTensor]

    /// Requests with equal keys can run as one batch: every input concatenated along its first
    /// axis, every output split back along it. Nil: this request runs alone.
    func batchingKey(_ inputs: [String: InferenceTensor]) -> String?

    /// Whether `inputs` are a few milliseconds of work at most. Such a request, alone in the
    /// server, runs on the thread that read it (a network event loop, saving two thread
    /// hand-offs); longer ones always run on the model's own thread, so that they never hold up
    /// the other connections of that event loop (health checks included).
    func isQuick(_ inputs: [String: InferenceTensor]) -> Bool
}

extension ServableModel {
    /// Inputs whose shapes agree past the batch axis batch together.
    public func batchingKey(_ inputs: [String: InferenceTensor]) -> String? { Self.shapeKey(inputs) }

    /// No request is known to be quick.
    public func isQuick(_ inputs: [String: InferenceTensor]) -> Bool { false }

    /// The input names, datatypes and shapes past the batch axis, as one string.
    public static func shapeKey(_ inputs: [String: InferenceTensor]) -> String {
        inputs.keys.sorted().map { name in
            let input = inputs[name]!
            return name + ":" + input.datatype.rawValue + "[" + input.shape.dropFirst().map(String.init).joined(separator: ",") + "]"
        }.joined(separator: ";")
    }
}

/// The model kinds the server can load, by `config.json` `kind`.
public enum ModelKinds {
    public static let known = ["rollout1d"]

    /// Loads version folder `directory` of a model of `config.kind`.
    public static func load(_ config: ModelConfig, directory: URL) throws(ServingError) -> any ServableModel {
        switch config.kind {
        case "rollout1d": return try RolloutServable(config: config, directory: directory)
        default: throw .invalid("model '\(config.name)': unknown kind '\(config.kind)' (known: \(known.joined(separator: ", ")))")
        }
    }
}
