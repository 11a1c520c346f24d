import Hummingbird

/// Where the server listens: a TCP host and port, or a Unix domain socket.
public enum ListenAddress: Sendable, Equatable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case unixSocket(path: String)

    var bindAddress: BindAddress {
        switch self {
        case .tcp(let host, let port): .hostname(host, port: port)
        case .unixSocket(let path): .unixDomainSocket(path: path)
        }
    }

    /// `http://127.0.0.1:8000` or `unix:/run/surrogate.sock`.
    public var description: String { describe(boundPort: nil) }

    /// The address as bound: TCP port 0 becomes the port the system chose.
    func describe(boundPort: Int?) -> String {
        switch self {
        case .tcp(let host, let port):
            let shown = host.contains(":") ? "[\(host)]" : host
            return "http://\(shown):\(boundPort ?? port)"
        case .unixSocket(let path): return "unix:\(path)"
        }
    }
}
