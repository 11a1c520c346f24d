import Foundation
import NeuralNetworks
import TensorCore

/// A trained model on disk: `model.json` (format version, architecture id, typed
/// configuration, weight checksum) beside `weights.safetensors`.
///
/// Saving writes the weights first and the manifest last, each atomically, so a reader never
/// sees a manifest whose weights are incomplete. Loading checks the version, architecture,
/// scalar type, sha256, and every tensor's name and shape before returning.
public enum ModelCheckpoint {
    public static let formatVersion = 1
    public static let manifestName = "model.json"
    public static let weightsName = "weights.safetensors"

    struct Manifest<Configuration: Codable>: Codable {
        var format = "surrogate-model"
        var formatVersion: Int
        var architecture: String
        var scalarType: String
        var config: Configuration
        var weights: Weights
        var parameterCount: Int
        var metadata: [String: String]

        struct Weights: Codable {
            var file: String
            var sha256: String
            var bytes: Int
        }

        enum CodingKeys: String, CodingKey {
            case format, architecture, config, weights, metadata
            case formatVersion = "format_version", scalarType = "scalar_type", parameterCount = "parameter_count"
        }
    }

    /// The fields read before the typed configuration, so that a version or architecture
    /// mismatch is reported as such.
    struct ManifestHeader: Codable {
        var formatVersion: Int
        var architecture: String
        var scalarType: String
        enum CodingKeys: String, CodingKey {
            case architecture, formatVersion = "format_version", scalarType = "scalar_type"
        }
    }

    /// Writes `model` and `parameters` into `directory` (created if needed).
    public static func save<Model: Architecture>(_ model: Model, parameters: ParameterSet<Model.Scalar>, to directory: URL,
                                                 metadata: [String: String] = [:]) throws {
        let weights = try Safetensors.encode(parameters.tensors, metadata: ["architecture": Model.architectureID])
        try AtomicFile.write(weights, to: directory.appendingPathComponent(weightsName))
        let manifest = Manifest(formatVersion: formatVersion, architecture: Model.architectureID,
                                scalarType: Model.Scalar.safetensorsDType, config: model.configuration,
                                weights: .init(file: weightsName, sha256: SHA256.hexDigest(of: weights), bytes: weights.count),
                                parameterCount: parameters.scalarCount, metadata: metadata)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(manifest), to: directory.appendingPathComponent(manifestName))
    }

    /// The architecture id recorded in `directory`'s manifest, to choose the type to load.
    public static func architecture(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(manifestName).path
        guard let data = FileManager.default.contents(atPath: path) else { throw ModelStoreError.missingFile(path: path) }
        do { return try JSONDecoder().decode(ManifestHeader.self, from: data).architecture } catch {
            throw ModelStoreError.malformed(path: path, reason: describe(error))
        }
    }

    /// Reads a model of type `Model` from `directory`, verifying it completely.
    public static func load<Model: Architecture>(_ type: Model.Type, from directory: URL) throws
        -> (model: Model, parameters: ParameterSet<Model.Scalar>, metadata: [String: String]) {
        let manifestURL = directory.appendingPathComponent(manifestName)
        let manifestPath = manifestURL.path
        guard let manifestData = FileManager.default.contents(atPath: manifestPath) else {
            throw ModelStoreError.missingFile(path: manifestPath)
        }
        let decoder = JSONDecoder()
        let header: ManifestHeader
        do { header = try decoder.decode(ManifestHeader.self, from: manifestData) } catch {
            throw ModelStoreError.malformed(path: manifestPath, reason: describe(error))
        }
        guard header.formatVersion == formatVersion else {
            throw ModelStoreError.unsupportedFormatVersion(path: manifestPath, found: header.formatVersion, supported: formatVersion)
        }
        guard header.architecture == Model.architectureID else {
            throw ModelStoreError.architectureMismatch(path: manifestPath, expected: Model.architectureID, found: header.architecture)
        }
        guard header.scalarType == Model.Scalar.safetensorsDType else {
            throw ModelStoreError.scalarTypeMismatch(path: manifestPath, expected: Model.Scalar.safetensorsDType,
                                                     found: header.scalarType)
        }
        let manifest: Manifest<Model.Configuration>
        do { manifest = try decoder.decode(Manifest<Model.Configuration>.self, from: manifestData) } catch {
            throw ModelStoreError.malformed(path: manifestPath, reason: describe(error))
        }
        guard !manifest.weights.file.contains("/"), !manifest.weights.file.hasPrefix(".") else {
            throw ModelStoreError.malformed(path: manifestPath, reason: "weights.file '\(manifest.weights.file)' must be a plain file name")
        }
        let weightsPath = directory.appendingPathComponent(manifest.weights.file).path
        guard let weights = FileManager.default.contents(atPath: weightsPath) else {
            throw ModelStoreError.missingFile(path: weightsPath)
        }
        let digest = SHA256.hexDigest(of: weights)
        guard digest == manifest.weights.sha256 else {
            throw ModelStoreError.hashMismatch(path: weightsPath, expected: manifest.weights.sha256, actual: digest)
        }
        let contents = try Safetensors.decode(weights, as: Model.Scalar.self, path: weightsPath)
        let model = Model(configuration: manifest.config)
        let expected = model.parameterShapes()
        for name in expected.keys.sorted() {
            guard let tensor = contents.tensors[name] else { throw ModelStoreError.missingTensor(path: weightsPath, name: name) }
            guard tensor.shape == expected[name]! else {
                throw ModelStoreError.shapeMismatch(path: weightsPath, name: name, expected: expected[name]!, found: tensor.shape)
            }
        }
        if let extra = contents.tensors.keys.sorted().first(where: { expected[$0] == nil }) {
            throw ModelStoreError.unexpectedTensor(path: weightsPath, name: extra)
        }
        return (model, ParameterSet(contents.tensors), manifest.metadata)
    }

    /// One line for a decoding error: the coding path and what was wrong.
    private static func describe(_ error: Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case let DecodingError.keyNotFound(key, context):
            let parent = path(context)
            return "missing field '\(parent.isEmpty ? "" : parent + ".")\(key.stringValue)'"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            return "field '\(path(context))': \(context.debugDescription)"
        case let DecodingError.dataCorrupted(context):
            return context.codingPath.isEmpty ? "not valid JSON" : "field '\(path(context))': \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
