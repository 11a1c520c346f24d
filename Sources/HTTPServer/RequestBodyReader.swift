import Foundation
import Hummingbird
import Serving

/// Reads a request body into memory, refusing it as soon as it grows past the limit (or its
/// `Content-Length` announces more), so an oversized upload never gets buffered whole.
enum RequestBodyReader {
    static func collect(_ request: Request, limit: Int) async throws(ServingError) -> Data {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw tooLarge(declared, limit: limit)
        }
        var body = Data()
        do {
            for try await buffer in request.body {
                guard buffer.readableBytes <= limit - body.count else { throw tooLarge(body.count + buffer.readableBytes, limit: limit) }
                body.append(contentsOf: buffer.readableBytesView)
            }
        } catch let error as ServingError {
            throw error
        } catch {
            throw .invalid("cannot read the request body: \(error)")
        }
        return body
    }

    private static func tooLarge(_ size: Int, limit: Int) -> ServingError {
        .invalid("request body of \(size) bytes or more exceeds the limit of \(limit) bytes")
    }
}
