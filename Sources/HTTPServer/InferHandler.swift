import Foundation
import HTTPTypes
import Hummingbird
import Serving

/// `POST v2/models/<m>[/versions/<v>]/infer`: the body through `HTTPInferenceCodec` (JSON, or
/// JSON plus binary tensors sized by `Inference-Header-Content-Length`; gzip or deflate
/// compressed), the answer likewise.
struct InferHandler: Sendable {
    static let headerLength = HTTPField.Name("Inference-Header-Content-Length")!

    let service: InferenceService
    let limits: RequestLimits

    func respond(to request: Request, context: some RequestContext) async throws(ServingError) -> Response {
        let model = context.parameters.get("model") ?? ""
        let jsonLength = try Self.jsonLength(request.headers[Self.headerLength])
        let body = try await RequestBodyReader.collect(request, limit: limits.maximumBodyBytes)
        let encoding = request.headers[.contentEncoding]
        let compressed = encoding.map { $0.trimmingCharacters(in: .whitespaces).lowercased() != "identity" } ?? false
        let limits = self.limits
        // A compressed body may inflate up to the limit: counted as large from 1/16 of the threshold.
        let inference = try await LargePayloadWork.run(bytes: compressed ? body.count * 16 : body.count) { () throws(ServingError) in
            let plain = compressed ? try BodyDecompression.inflate(body, encoding: encoding!, limit: limits.maximumBodyBytes) : body
            return try HTTPInferenceCodec.decodeRequest(plain, jsonLength: jsonLength, limits: limits)
        }
        let result = try await service.infer(model: model, version: context.parameters.get("version"), request: inference)
        // JSON text takes about 4 bytes per byte of binary data.
        let outputBytes = result.outputs.reduce(0) { $0 + $1.bytes.count * (inference.wantsBinary($1.name) ? 1 : 4) }
        let (payload, headerLength) = try await LargePayloadWork.run(bytes: outputBytes) { () throws(ServingError) in
            try HTTPInferenceCodec.encodeResponse(result, binary: inference.wantsBinary)
        }
        guard let headerLength else { return JSONResponse.bytes(payload, headers: [.contentType: "application/json"]) }
        return JSONResponse.bytes(payload, headers: [.contentType: "application/octet-stream", Self.headerLength: "\(headerLength)"])
    }

    /// The `Inference-Header-Content-Length` header as a byte count, when present.
    static func jsonLength(_ header: String?) throws(ServingError) -> Int? {
        guard let header else { return nil }
        guard let length = Int(header.trimmingCharacters(in: .whitespaces)), length >= 0 else {
            throw .invalid("Inference-Header-Content-Length '\(header.prefix(32))' is not a non-negative integer")
        }
        return length
    }
}
