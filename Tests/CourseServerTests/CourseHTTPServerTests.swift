import Foundation
import Testing
@testable import StaticServer

@Suite struct StaticFileServerTests {
    /// A site folder with a page, a nested page, a 404 page and a link that points outside.
    func makeSite() throws -> (site: String, outside: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("server-\(UUID().uuidString)").path
        let site = base + "/site", outside = base + "/secret.txt"
        try FileManager.default.createDirectory(atPath: site + "/lessons", withIntermediateDirectories: true)
        try "<html><body><h1>Home</h1></body></html>".write(toFile: site + "/index.html", atomically: true, encoding: .utf8)
        try "<html><body>Lesson</body></html>".write(toFile: site + "/lessons/01.html", atomically: true, encoding: .utf8)
        try "<html><body>Not here</body></html>".write(toFile: site + "/404.html", atomically: true, encoding: .utf8)
        try "body { color: red }".write(toFile: site + "/style.css", atomically: true, encoding: .utf8)
        try "do not serve".write(toFile: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site + "/escape.txt", withDestinationPath: outside)
        return (site, outside)
    }

    /// Sends a raw request (so `..` reaches the server unnormalized) and returns the response.
    func get(_ path: String, port: UInt16, readAll: Bool = true) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        let request = "GET \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
            if !readAll, String(decoding: response, as: UTF8.self).contains("\n\n") { break }
        }
        return String(decoding: response, as: UTF8.self)
    }

    @Test func servesPagesWithTheLiveReloadScriptAndOtherFilesAsTheyAre() throws {
        let (site, _) = try makeSite()
        let server = try StaticFileServer(root: site, port: 0)
        server.start()
        defer { server.stop() }
        let home = try get("/", port: server.port)
        #expect(home.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"))
        #expect(home.hasSuffix("<h1>Home</h1>" + StaticFileServer.reloadScript + "</body></html>"))
        let css = try get("/style.css", port: server.port)
        #expect(css.contains("Content-Type: text/css; charset=utf-8\r\n"))
        #expect(css.hasSuffix("\r\n\r\nbody { color: red }"))
        #expect(try get("/lessons/01.html?from=search", port: server.port).contains("Lesson"))
        let missing = try get("/nope.html", port: server.port)
        #expect(missing.hasPrefix("HTTP/1.1 404 Not Found"))
        #expect(missing.contains("Not here"))
    }

    @Test func refusesEverythingOutsideTheSite() throws {
        let (site, _) = try makeSite()
        let server = try StaticFileServer(root: site, port: 0)
        server.start()
        defer { server.stop() }
        for path in ["/../secret.txt", "/lessons/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                     "/lessons/%2e%2e/%2e%2e/secret.txt", "/escape.txt", "/..%5csecret.txt", "/%00", "/a%zz"] {
            let response = try get(path, port: server.port)
            #expect(response.hasPrefix("HTTP/1.1 403 Forbidden"), "\(path)")
            #expect(!response.contains("do not serve"), "\(path)")
        }
    }

    @Test func bindsToLoopbackByDefault() throws {
        let (site, _) = try makeSite()
        let server = try StaticFileServer(root: site, port: 0)
        defer { server.stop() }
        #expect(server.host == "127.0.0.1")
        #expect(throws: StaticFileServer.Failure.self) { try StaticFileServer(root: site, host: "localhost:80", port: 0) }
    }

    @Test func reloadReachesOpenPages() throws {
        let (site, _) = try makeSite()
        let server = try StaticFileServer(root: site, port: 0)
        server.start()
        defer { server.stop() }
        let port = server.port
        let received = LockedText()
        let listener = Thread {
            received.set((try? get(StaticFileServer.eventsPath, port: port)) ?? "")
        }
        listener.start()
        usleep(200_000)
        server.reload()
        usleep(200_000)
        server.stop()
        for _ in 0..<50 where !received.value.contains("data: reload") { usleep(20_000) }
        #expect(received.value.contains("Content-Type: text/event-stream"))
        #expect(received.value.contains("data: reload\n\n"))
    }
}

final class LockedText: @unchecked Sendable {
    private var text = ""
    private let lock = NSLock()
    func set(_ value: String) { lock.withLock { text = value } }
    var value: String { lock.withLock { text } }
}
