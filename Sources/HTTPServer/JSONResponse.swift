import Foundation
import HTTPTypes
import Hummingbird
import Serving

/// Responses with JSON bodies, and the empty ones the health endpoints answer.
enum JSONResponse {
    /// `value` (a JSON object or array of Foundation types) with status `status`.
    static func object(_ value: Any, status: HTTPResponse.Status = .ok) throws(ServingError) -> Response {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.withoutEscapingSlashes]) else {
            throw ServingError(.internal, "cannot encode the response as JSON")
        }
        return jsonBody(data, status: status)
    }

    /// An `Encodable` value with sorted keys.
    static func encoded(_ value: some Encodable) throws(ServingError) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { throw ServingError(.internal, "cannot encode the response as JSON") }
        return jsonBody(data, status: .ok)
    }

    /// `{"error": message}` with the status Triton maps the error's kind to.
    static func error(_ error: ServingError) -> Response {
        self.error(error.message, status: status(of: error))
    }

    static func error(_ message: String, status: HTTPResponse.Status) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: ["error": message], options: [.withoutEscapingSlashes])) ?? Data(#"{"error": "unknown error"}"#.utf8)
        return jsonBody(data, status: status)
    }

    /// No body (health and readiness answers, load and unload).
    static func empty(_ status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentLength: "0"], body: .init())
    }

    /// A body of raw bytes with its content type.
    static func bytes(_ body: Data, status: HTTPResponse.Status = .ok, headers: HTTPFields) -> Response {
        Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func jsonBody(_ body: Data, status: HTTPResponse.Status) -> Response {
        bytes(body, status: status, headers: [.contentType: "application/json"])
    }

    /// `ServingError.httpStatus` as an HTTP status with its reason phrase.
    static func status(of error: ServingError) -> HTTPResponse.Status {
        switch error.httpStatus {
        case 404: .notFound
        case 500: .internalServerError
        case 501: .notImplemented
        case 503: .serviceUnavailable
        default: .badRequest
        }
    }
}
