import Foundation

/// A loaded model version that answers inference requests. Model kinds (rollout surrogates
/// now, later methods' models) join the server by conforming and registering in `ModelKinds`.
public protocol ServableModel: Sendable {
    /// The outputs for `inputs`, already checked against the configuration's names, datatypes
    /// and shapes by the server.
    func infer(_ inputs: [String: InferenceTensor], config: ModelConfig) throws(ServingError) -> [InferenceTensor]
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
