import Foundation

/// The model repository (Triton's layout): `<root>/<name>/config.json` and numeric version
/// folders `<root>/<name>/<version>/` (names starting with "0" are ignored, as in Triton).
///
/// Loading reads every version of a model and replaces the loaded copy only when all of them
/// loaded; a failed reload keeps the old model serving. Requests hold the model they resolved,
/// so an unload or reload never cuts one short.
public actor ModelRepository {
    public struct IndexEntry: Sendable, Equatable {
        public var name: String
        public var version: String
        public var state: String
        public var reason: String
    }

    public struct LoadedModel: Sendable {
        public let config: ModelConfig
        public let versions: [Int: ModelInstance]
        public var latest: Int { versions.keys.max()! }
    }

    public nonisolated let root: URL
    /// Inference statistics of every model version served, kept across reloads.
    public nonisolated let statistics = InferenceStatistics()
    private var loaded = [String: LoadedModel]()
    private var failures = [String: String]()

    public init(root: URL) {
        self.root = root
    }

    /// Folders of `root` that hold a `config.json`.
    public func available() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("config.json").path) }
            .sorted()
    }

    /// Loads every available model; returns the failures by name.
    @discardableResult
    public func loadAll() -> [String: String] {
        var errors = [String: String]()
        for name in available() {
            do { try load(name) } catch { errors[name] = error.message }
        }
        return errors
    }

    /// Loads (or reloads) `name`.
    public func load(_ name: String) throws(ServingError) {
        try Self.checkName(name)
        let folder = root.appendingPathComponent(name)
        do {
            let config = try ModelConfig.load(path: folder.appendingPathComponent("config.json").path, expectedName: name)
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let numbers = entries.compactMap { entry -> Int? in
                guard !entry.hasPrefix("0"), let number = Int(entry), number > 0 else { return nil }
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: folder.appendingPathComponent(entry).path, isDirectory: &isFolder)
                return exists && isFolder.boolValue ? number : nil
            }
            guard !numbers.isEmpty else { throw ServingError.invalid("model '\(name)' has no version folder") }
            var versions = [Int: ModelInstance]()
            for number in numbers {
                let model = try ModelKinds.load(config, directory: folder.appendingPathComponent("\(number)"))
                versions[number] = ModelInstance(name: name, version: number, config: config, model: model, statistics: statistics)
            }
            loaded[name] = LoadedModel(config: config, versions: versions)
            failures[name] = nil
        } catch let error as ServingError {
            failures[name] = error.message
            throw error
        } catch {
            failures[name] = "\(error)"
            throw .invalid("model '\(name)': \(error)")
        }
    }

    /// Stops serving `name`; requests already running finish.
    public func unload(_ name: String) throws(ServingError) {
        try Self.checkName(name)
        guard loaded.removeValue(forKey: name) != nil else { throw .init(.notFound, "model '\(name)' is not loaded") }
        failures[name] = nil
    }

    /// The model and version a request names (the newest version when `version` is nil).
    public func resolve(_ name: String, version: String?) throws(ServingError) -> (config: ModelConfig, version: Int, model: ModelInstance) {
        try Self.checkName(name)
        guard let entry = loaded[name] else {
            if let reason = failures[name] { throw .init(.unavailable, "model '\(name)' is not ready: \(reason)") }
            throw .init(.notFound, "model '\(name)' is not loaded")
        }
        guard let version else { return (entry.config, entry.latest, entry.versions[entry.latest]!) }
        guard let number = Int(version), let model = entry.versions[number] else {
            throw .init(.notFound, "model '\(name)' has no version '\(version)'")
        }
        return (entry.config, number, model)
    }

    public func isReady(_ name: String, version: String?) -> Bool {
        (try? resolve(name, version: version)) != nil
    }

    /// Runs the requests waiting in every model's batching window now, and every later one at
    /// once (graceful shutdown).
    public func flushQueues() {
        for model in loaded.values { for instance in model.versions.values { instance.flush() } }
    }

    /// The server's readiness: every model of the folder is loaded (Triton's strict readiness).
    public func isServerReady() -> Bool {
        available().allSatisfy { isReady($0, version: nil) }
    }

    /// Every model the folder holds or the server loaded, with its state per version.
    public func index() -> [IndexEntry] {
        let names = Set(available()).union(loaded.keys).sorted()
        return names.flatMap { name -> [IndexEntry] in
            if let entry = loaded[name] {
                return entry.versions.keys.sorted().map { IndexEntry(name: name, version: "\($0)", state: "READY", reason: "") }
            }
            return [IndexEntry(name: name, version: "", state: "UNAVAILABLE", reason: failures[name] ?? "unloaded")]
        }
    }

    /// Names a model may have: letters, digits, `-`, `_` and `.`, not only dots, at most 255 bytes.
    static func checkName(_ name: String) throws(ServingError) {
        func allowed(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
            default: false
            }
        }
        let bytes = name.utf8
        guard !bytes.isEmpty, bytes.count <= 255, bytes.allSatisfy(allowed), bytes.contains(where: { $0 != UInt8(ascii: ".") }) else {
            throw .invalid("invalid model name '\(name.prefix(64))': use letters, digits, '-', '_' and '.'")
        }
    }
}
