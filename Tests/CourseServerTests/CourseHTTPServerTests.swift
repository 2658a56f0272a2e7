import Foundation
import Testing
import TestSupport
@testable import CourseServer

/// A backend that records what reached it.
final class RecordingBackend: NotebookBackend, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [APICall] = []
    var calls: [APICall] { lock.withLock { recorded } }

    func respond(to call: APICall) async -> APIAnswer {
        lock.withLock { recorded.append(call) }
        return APIAnswer(json: Data("{\"ok\":true,\"bytes\":\(call.body.count)}".utf8))
    }
}

/// The server driven with raw requests, so that nothing (no client library) tidies up a
/// hostile one: `..` paths, forged Host and Origin headers, missing tokens, huge bodies.
@Suite(.serialized) struct CourseHTTPServerTests {
    static let token = "0123456789abcdef0123456789abcdef"

    /// A site folder with a page, a nested page, a 404 page and a link that points outside,
    /// and a theme assets folder with the notebook's files.
    func makeServer(host: String = "127.0.0.1") async throws -> (server: CourseHTTPServer, backend: RecordingBackend) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString)").path
        let site = base + "/site", outside = base + "/secret.txt", assets = base + "/assets"
        try FileManager.default.createDirectory(atPath: site + "/lessons", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: assets, withIntermediateDirectories: true)
        try "<html><head><title>Home</title></head><body><h1>Home</h1></body></html>".write(toFile: site + "/index.html", atomically: true, encoding: .utf8)
        try "<html><head></head><body>Lesson</body></html>".write(toFile: site + "/lessons/01.html", atomically: true, encoding: .utf8)
        try "<html><head></head><body>Not here</body></html>".write(toFile: site + "/404.html", atomically: true, encoding: .utf8)
        try "body { color: red }".write(toFile: site + "/style.css", atomically: true, encoding: .utf8)
        try "// notebook".write(toFile: assets + "/notebook.js", atomically: true, encoding: .utf8)
        try "do not serve".write(toFile: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site + "/escape.txt", withDestinationPath: outside)
        let backend = RecordingBackend()
        let server = CourseHTTPServer(site: site, assets: assets, host: host, port: 0, token: Self.token, backend: backend)
        try await blocking { try server.start() }
        return (server, backend)
    }

    struct Response: Sendable {
        var status: Int
        var head: String
        var body: String
    }

    /// Sends `request` as written and reads the answer (the headers, and the body up to
    /// Content-Length).
    func send(_ request: String, port: UInt16, body: Data = Data()) async throws -> Response {
        try await blocking { try Self.sendNow(request, port: port, body: body) }
    }

    struct NotConnected: Error {}

    /// A socket connected to the server on loopback, whose reads give up after 10 s.
    static func connected(to port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw NotConnected() }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func sendNow(_ request: String, port: UInt16, body: Data) throws -> Response {
        let fd = try connected(to: port)
        defer { close(fd) }
        let bytes = Array(request.utf8) + Array(body)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBufferPointer { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { break }  // the server may refuse before reading everything
            offset += sent
        }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
            let text = String(decoding: response, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = String(text[..<end.lowerBound])
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.count - text[..<end.upperBound].utf8.count >= length { break }
            }
        }
        let text = String(decoding: response, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = Int(parts[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        return Response(status: status, head: parts[0], body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    func get(_ path: String, port: UInt16, headers: [String] = ["X-Course-Token: \(token)"], host: String? = nil) async throws -> Response {
        let lines = ["GET \(path) HTTP/1.1", "Host: \(host ?? "127.0.0.1:\(port)")", "Connection: close"] + headers
        return try await send(lines.joined(separator: "\r\n") + "\r\n\r\n", port: port)
    }

    @Test func servesPagesWithTheNotebookAndOtherFilesAsTheyAre() async throws {
        let (server, _) = try await makeServer()
        defer { server.stop() }
        let page = try await get("/", port: server.port)
        #expect(page.status == 200)
        #expect(page.body.contains("<h1>Home</h1>"))
        #expect(page.body.contains("<script src=\"/__course/notebook.js\" defer></script>\n</head>"))
        let nested = try await get("/lessons/01.html", port: server.port)
        #expect(nested.body.contains("Lesson") && nested.body.contains("/__course/notebook.css"))
        let css = try await get("/style.css", port: server.port)
        #expect(css.body == "body { color: red }" && css.head.contains("text/css"))
        #expect(try await get("/__course/notebook.js", port: server.port).body == "// notebook")
        let missing = try await get("/nope.html", port: server.port)
        #expect(missing.status == 404 && missing.body.contains("Not here"))
    }

    @Test func refusesEverythingOutsideTheSite() async throws {
        let (server, _) = try await makeServer()
        defer { server.stop() }
        for path in ["/../secret.txt", "/lessons/../../secret.txt", "/%2e%2e/secret.txt", "/lessons/%2E%2E/%2e%2e/secret.txt",
                     "/escape.txt", "/..%5csecret.txt", "/a%00b"] {
            let response = try await get(path, port: server.port)
            #expect(response.status != 200, "\(path)")
            #expect(!response.body.contains("do not serve"), "\(path)")
        }
    }

    @Test func everyRequestNeedsTheToken() async throws {
        let (server, backend) = try await makeServer()
        defer { server.stop() }
        #expect(try await get("/", port: server.port, headers: []).status == 401)
        #expect(try await get("/", port: server.port, headers: ["X-Course-Token: wrong"]).status == 401)
        #expect(try await get("/", port: server.port, headers: ["Cookie: course_token=\(Self.token.dropLast())0"]).status == 401)
        #expect(try await get("/api/notebook?lesson=01-x", port: server.port, headers: []).status == 401)
        #expect(try await get("/__course/notebook.js", port: server.port, headers: []).status == 401)
        #expect(try await get("/", port: server.port, headers: ["Cookie: theme=dark; course_token=\(Self.token)"]).status == 200)
        #expect(backend.calls.isEmpty)
    }

    /// The first load with `?token=` keeps the token in an HttpOnly, SameSite=Strict cookie
    /// and takes it out of the address.
    @Test func theFirstLoadSetsTheCookieAndDropsTheTokenFromTheURL() async throws {
        let (server, _) = try await makeServer()
        defer { server.stop() }
        let response = try await get("/lessons/01.html?token=\(Self.token)", port: server.port, headers: [])
        #expect(response.status == 303)
        #expect(response.head.contains("Location: /lessons/01.html"))
        #expect(response.head.contains("Set-Cookie: course_token=\(Self.token); HttpOnly; SameSite=Strict; Path=/"))
        #expect(try await get("/lessons/01.html?token=nope", port: server.port, headers: []).status == 401)
    }

    /// DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends
    /// `Host: evil.example:PORT`, with the token if it ever learned it.
    @Test func aHostOtherThanTheServersIsRefusedBeforeAnythingRuns() async throws {
        let (server, backend) = try await makeServer()
        defer { server.stop() }
        for host in ["evil.example:\(server.port)", "127.0.0.1", "127.0.0.1:1", "localhost.evil.example:\(server.port)",
                     "127.0.0.1.nip.io:\(server.port)", ""] {
            #expect(try await get("/", port: server.port, host: host).status == 421, "Host: \(host)")
            let run = try await send(
                "POST /api/run HTTP/1.1\r\nHost: \(host)\r\nX-Course-Token: \(Self.token)\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                port: server.port)
            #expect(run.status == 421, "Host: \(host)")
        }
        #expect(try await get("/", port: server.port, host: "localhost:\(server.port)").status == 200)
        #expect(backend.calls.isEmpty)
    }

    @Test func anotherSitesOriginIsRefusedBeforeAnythingRuns() async throws {
        let (server, backend) = try await makeServer()
        defer { server.stop() }
        for origin in ["Origin: http://evil.example", "Origin: null", "Origin: http://127.0.0.1:\(server.port + 1)",
                       "Origin: https://127.0.0.1:\(server.port)", "Sec-Fetch-Site: cross-site"] {
            let run = try await send(
                "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\n\(origin)\r\nCookie: course_token=\(Self.token)\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}", port: server.port)
            #expect(run.status == 403, "\(origin)")
        }
        #expect(backend.calls.isEmpty)
        let own = try await send(
            "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nOrigin: http://127.0.0.1:\(server.port)\r\n"
                + "Cookie: course_token=\(Self.token)\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", port: server.port)
        #expect(own.status == 200 && backend.calls.count == 1 && backend.calls[0].endpoint == "run")
    }

    /// Refused before the backend sees it (the server drains the rest of the body from the
    /// socket, reading it in buffers, before it answers).
    @Test func aBodyOverOneMebibyteIsRefused() async throws {
        let (server, backend) = try await makeServer()
        defer { server.stop() }
        let size = CourseHTTPServer.bodyLimit + 1
        let big = try await send(
            "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Course-Token: \(Self.token)\r\nContent-Length: \(size)\r\n\r\n",
            port: server.port, body: Data(count: size))
        #expect(big.status == 413)
        let chunked = try await send(
            "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Course-Token: \(Self.token)\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
            port: server.port)
        #expect(chunked.status == 411)
        #expect(backend.calls.isEmpty)
        let limit = try await send(
            "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Course-Token: \(Self.token)\r\nContent-Length: \(size - 1)\r\nConnection: close\r\n\r\n",
            port: server.port, body: Data(count: size - 1))
        #expect(limit.status == 200 && limit.body.contains("\"bytes\":\(size - 1)"))
    }

    @Test func bindsToLoopbackByDefault() async throws {
        let (server, _) = try await makeServer()
        defer { server.stop() }
        #expect(server.host == "127.0.0.1")
    }

    /// The live-reload WebSocket: refused from another origin; from the page's own, it
    /// says `reload` when the site is rebuilt.
    @Test func reloadReachesOpenPages() async throws {
        let (server, _) = try await makeServer()
        defer { server.stop() }
        let handshake = { (origin: String) in
            "GET /__course/live HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nOrigin: \(origin)\r\nCookie: course_token=\(Self.token)\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        }
        #expect(try await send(handshake("http://evil.example"), port: server.port).status == 403)

        let port = server.port
        let request = handshake("http://127.0.0.1:\(port)")
        let (upgraded, frame) = try await blocking { () -> (Bool, [UInt8]) in
            let fd = try Self.connected(to: port)
            defer { close(fd) }
            _ = request.withCString { Glibc.send(fd, $0, strlen($0), 0) }
            var received = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !String(decoding: received, as: UTF8.self).contains("\r\n\r\n") {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count <= 0 { break }
                received.append(contentsOf: buffer[0..<count])
            }
            let upgraded = String(decoding: received, as: UTF8.self).hasPrefix("HTTP/1.1 101")
            Thread.sleep(forTimeInterval: 0.3)  // the page is registered
            server.reload()
            var frame = [UInt8]()
            while frame.count < 8 {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count <= 0 { break }
                frame.append(contentsOf: buffer[0..<count])
            }
            return (upgraded, frame)
        }
        #expect(upgraded)
        // An unmasked text frame (0x81) of 6 bytes: "reload".
        #expect(Array(frame.prefix(8)) == [0x81, 6] + Array("reload".utf8))
    }

    @Test func theGateRulesOneByOne() {
        let gate = RequestGate(token: "t", boundHost: "0.0.0.0", port: 80)
        #expect(gate.acceptsHost("192.168.1.5:80"))
        #expect(!gate.acceptsHost("evil.example:80"))
        #expect(!gate.acceptsHost("localhost:80"))  // localhost is this machine's loopback, not the network address
        let loopback = RequestGate(token: "t", boundHost: "127.0.0.1", port: 80)
        #expect(loopback.acceptsHost("localhost:80") && loopback.acceptsHost("127.0.0.1:80") && !loopback.acceptsHost("10.0.0.1:80"))
        #expect(RequestGate.randomToken().count == 32 && RequestGate.randomToken() != RequestGate.randomToken())
    }
}
