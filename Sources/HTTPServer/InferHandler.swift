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
        var body = try await RequestBodyReader.collect(request, limit: limits.maximumBodyBytes)
        if let encoding = request.headers[.contentEncoding], encoding.trimmingCharacters(in: .whitespaces).lowercased() != "identity" {
            body = try BodyDecompression.inflate(body, encoding: encoding, limit: limits.maximumBodyBytes)
        }
        let inference = try HTTPInferenceCodec.decodeRequest(body, jsonLength: jsonLength, limits: limits)
        let result = try await service.infer(model: model, version: context.parameters.get("version"), request: inference)
        let (payload, headerLength) = try HTTPInferenceCodec.encodeResponse(result, binary: inference.wantsBinary)
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
