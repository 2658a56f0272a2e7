import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves a built site from a folder over HTTP, for previewing (`course serve`), with live
/// reload: HTML pages get a tiny script that listens on `/__course/events` and reloads the page
/// when `reload()` is called.
///
/// Safety: it binds to loopback unless told otherwise, and serves only files inside its folder:
/// paths with `..` segments (also percent-encoded), backslashes or NUL are refused, and a file
/// reached through a symbolic link that points outside the folder is refused.
public final class StaticFileServer: @unchecked Sendable {
    public let root: String
    public let host: String
    /// The port it listens on (the one the system chose, when asked for port 0).
    public private(set) var port: UInt16 = 0

    private var listener: Int32 = -1
    private let lock = NSLock()
    private var listeners: [Int32] = []  // open event streams
    private var running = false

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - root: the folder to serve.
    ///   - host: the address to bind, `127.0.0.1` by default; `0.0.0.0` exposes the site to the network.
    ///   - port: the port, or 0 for any free one.
    public init(root: String, host: String = "127.0.0.1", port: UInt16) throws {
        self.root = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        self.host = host
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw Failure(description: "cannot open a socket") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(listener)
            throw Failure(description: "not an IPv4 address: \(host)")
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc_listen(listener) == 0 else {
            let reason = String(cString: strerror(errno))
            close(listener)
            throw Failure(description: "cannot listen on \(host):\(port): \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    /// Accepts connections on a background thread until `stop()`.
    public func start() {
        lock.withLock { running = true }
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                let connection = accept(listener, nil, nil)
                if connection < 0 { if errno == EINTR { continue } else { break } }
                var noSigPipe: Int32 = 1
                #if canImport(Darwin)
                setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &noSigPipe, socklen_t(MemoryLayout<Int32>.size))
                #endif
                _ = noSigPipe
                Thread { [self] in handle(connection) }.start()
            }
        }
        thread.start()
    }

    public func stop() {
        lock.withLock { running = false }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        let open = lock.withLock { let all = listeners; listeners = []; return all }
        for socket in open { shutdown(socket, Int32(SHUT_RDWR)); close(socket) }
    }

    /// Tells every open page to reload.
    public func reload() {
        let open = lock.withLock { listeners }
        for socket in open where !send(socket, "data: reload\n\n") {
            lock.withLock { listeners.removeAll { $0 == socket } }
            close(socket)
        }
    }

    // MARK: Requests

    static let eventsPath = "/__course/events"
    static let reloadScript = """
        <script>new EventSource("/__course/events").onmessage = function () { location.reload(); };</script>
        """

    private func handle(_ connection: Int32) {
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !head.ends(with: [13, 10, 13, 10]) {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0, head.count + count <= 16 * 1024 else { close(connection); return }
            head.append(contentsOf: buffer[0..<count])
        }
        guard let request = HTTPRequest(head: String(decoding: head.dropLast(4), as: UTF8.self)) else {
            respond(connection, status: "400 Bad Request", type: "text/plain", body: Data("bad request\n".utf8))
            return
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            respond(connection, status: "405 Method Not Allowed", type: "text/plain", body: Data("only GET\n".utf8))
            return
        }
        if request.rawPath == Self.eventsPath {
            guard send(connection, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\nretry: 500\n\n") else {
                close(connection)
                return
            }
            lock.withLock { listeners.append(connection) }
            return
        }
        switch resolve(request.rawPath) {
        case .file(let path):
            serve(path, to: connection, headOnly: request.method == "HEAD", status: "200 OK")
        case .refused:
            respond(connection, status: "403 Forbidden", type: "text/plain", body: Data("outside the site\n".utf8))
        case .missing:
            let notFound = root + "/404.html"
            if FileManager.default.fileExists(atPath: notFound) {
                serve(notFound, to: connection, headOnly: request.method == "HEAD", status: "404 Not Found")
            } else {
                respond(connection, status: "404 Not Found", type: "text/plain", body: Data("not found\n".utf8))
            }
        }
    }

    enum Resolution: Equatable {
        case file(String)
        case missing
        case refused
    }

    /// Maps a request path to a file inside the root, or refuses it.
    func resolve(_ rawPath: String) -> Resolution {
        guard rawPath.hasPrefix("/"), let path = percentDecoded(rawPath), !path.contains("\\") else { return .refused }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == ".." || $0 == "." }) else { return .refused }
        var candidate = root + "/" + segments.joined(separator: "/")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), isFolder.boolValue {
            candidate += "/index.html"
        }
        guard FileManager.default.fileExists(atPath: candidate) else { return .missing }
        let real = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else { return .refused }
        return .file(real)
    }

    private func serve(_ path: String, to connection: Int32, headOnly: Bool, status: String) {
        guard var body = FileManager.default.contents(atPath: path) else {
            respond(connection, status: "404 Not Found", type: "text/plain", body: Data("not found\n".utf8))
            return
        }
        let type = Self.contentType(of: path)
        if type.hasPrefix("text/html") {
            var page = String(decoding: body, as: UTF8.self)
            if let end = page.range(of: "</body>", options: .backwards) {
                page.insert(contentsOf: Self.reloadScript, at: end.lowerBound)
            } else {
                page += Self.reloadScript
            }
            body = Data(page.utf8)
        }
        respond(connection, status: status, type: type, body: body, headOnly: headOnly)
    }

    private func respond(_ connection: Int32, status: String, type: String, body: Data, headOnly: Bool = false) {
        let head = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
            + "Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
        if send(connection, head), !headOnly { _ = send(connection, body) }
        shutdown(connection, Int32(SHUT_WR))
        close(connection)
    }

    @discardableResult
    private func send(_ connection: Int32, _ text: String) -> Bool { send(connection, Data(text.utf8)) }

    private func send(_ connection: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Darwin)
                let sent = Darwin.send(connection, buffer.baseAddress! + offset, buffer.count - offset, 0)
                #else
                let sent = Glibc.send(connection, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                #endif
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }

    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "ico": return "image/x-icon"
        case "txt", "md": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}

private func Glibc_listen(_ socket: Int32) -> Int32 { listen(socket, 64) }

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}
