import Foundation

/// The door of a server that runs code: every request must carry the server's token, name
/// the server itself in `Host` (a page of another site that rebinds its DNS name to 127.0.0.1
/// names its own host), and come from the server's own pages (`Origin`, `Sec-Fetch-Site`).
/// Checked before anything is read or run.
public struct RequestGate: Sendable {
    /// The secret in the URL printed at start; pages keep it in an `HttpOnly` cookie.
    public var token: String
    /// The address the server listens on (`127.0.0.1`, `0.0.0.0`, …) and its port.
    public var boundHost: String
    public var port: UInt16

    public static let cookieName = "course_token"
    public static let headerName = "X-Course-Token"

    public init(token: String, boundHost: String, port: UInt16) {
        (self.token, self.boundHost, self.port) = (token, boundHost, port)
    }

    /// A new random token: 32 hex digits from the system's generator.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }.joined()
    }

    public struct Refusal: Error, Equatable, Sendable {
        public var status: Int
        public var reason: String
    }

    /// What a request shows of itself.
    public struct Request: Sendable {
        public var method: String
        public var headers: [String: String]  // lowercased names
        /// The `token` query parameter, if any.
        public var queryToken: String?

        public init(method: String, headers: [String: String], queryToken: String?) {
            (self.method, self.headers, self.queryToken) = (method, headers, queryToken)
        }
    }

    /// nil when the request may go on; otherwise how to refuse it.
    public func refusal(of request: Request) -> Refusal? {
        guard let host = request.headers["host"], acceptsHost(host) else {
            return Refusal(status: 421, reason: "this server answers only to its own address (Host: \(request.headers["host"] ?? "none"))")
        }
        if let origin = request.headers["origin"], origin != "http://" + host {
            return Refusal(status: 403, reason: "requests from other sites are refused (Origin: \(origin))")
        }
        if request.headers["sec-fetch-site"] == "cross-site" {
            return Refusal(status: 403, reason: "requests from other sites are refused")
        }
        guard let presented = presentedToken(request), Self.equalInConstantTime(presented, token) else {
            return Refusal(status: 401, reason: "open the address `course serve` printed (with its ?token=…)")
        }
        return nil
    }

    /// The token the request carries: the header, the cookie, or the query (the first page load).
    public func presentedToken(_ request: Request) -> String? {
        if let header = request.headers[Self.headerName.lowercased()] { return header }
        if let cookies = request.headers["cookie"] {
            for pair in cookies.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == Self.cookieName { return String(parts[1]) }
            }
        }
        return request.queryToken
    }

    /// `Host` must be `name:port` with this server's port, and the name an address literal or
    /// `localhost`: a DNS name could be rebound to this machine by another site. A server
    /// bound to one address answers to it (and to `localhost` when it is a loopback one); one
    /// bound to all addresses answers to any address literal.
    func acceptsHost(_ host: String) -> Bool {
        guard let colon = host.lastIndex(of: ":"), host[host.index(after: colon)...] == String(port) else { return false }
        let name = String(host[..<colon])
        let loopback = boundHost == "127.0.0.1" || boundHost == "::1" || boundHost == "localhost"
        if name == "localhost" { return loopback }
        if boundHost == "0.0.0.0" || boundHost == "::" { return Self.isAddressLiteral(name) }
        let bound = boundHost.contains(":") ? "[\(boundHost)]" : boundHost
        return name == bound || (loopback && (name == "127.0.0.1" || name == "[::1]"))
    }

    static func isAddressLiteral(_ name: String) -> Bool {
        if name.hasPrefix("[") && name.hasSuffix("]") { return true }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }

    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
