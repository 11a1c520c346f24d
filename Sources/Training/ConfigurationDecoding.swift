import Foundation

/// Decoding with defaults for absent keys and an error for unknown ones.
enum ConfigurationDecoding {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Throws when `decoder`'s object has a key outside `known`.
    static func rejectUnknownKeys(_ decoder: Decoder, known: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = container.allKeys.map(\.stringValue).first(where: { !known.contains($0) }) {
            let path = (decoder.codingPath.map(\.stringValue) + [unknown]).joined(separator: ".")
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "unknown key '\(path)' (known here: \(known.joined(separator: ", ")))"))
        }
    }

    /// A one-line account of a JSON decoding failure, naming the key path.
    static func describe(_ error: Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : keys.joined(separator: ".") + ": "
        }
        switch error as? DecodingError {
        case let .keyNotFound(key, context)?: return "\(path(context))missing key '\(key.stringValue)'"
        case let .typeMismatch(type, context)?: return "\(path(context))expected \(type)"
        case let .valueNotFound(type, context)?: return "\(path(context))expected \(type), found null"
        case let .dataCorrupted(context)?:
            let underlying = (context.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return "\(path(context))\(underlying ?? context.debugDescription)"
        default: return "\(error)"
        }
    }
}

extension KeyedDecodingContainer {
    /// The value at `key`, or `fallback` when the key is absent.
    func value<T: Decodable>(_ key: Key, default fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
}
