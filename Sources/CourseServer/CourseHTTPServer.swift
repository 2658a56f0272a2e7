import FlyingFox
import Foundation

/// What the notebook's API calls: the server knows HTTP, the door and the files; the
/// backend (CoursePipeline's `Notebook`) knows lessons.
public protocol NotebookBackend: Sendable {
    /// Answers `METHOD /api/<endpoint>`: a status and a JSON body.
    func respond(to call: APICall) async -> APIAnswer
}

public struct APICall: Sendable {
    public var method: String
    /// `run`, `check-exercise`, `notebook`.
    public var endpoint: String
    public var query: [String: String]
    public var body: Data
}

public struct APIAnswer: Sendable {
    public var status: Int
    public var json: Data

    public init(status: Int = 200, json: Data) {
        (self.status, self.json) = (status, json)
    }

    /// `{"error": message}`.
    public static func error(_ status: Int, _ message: String) -> APIAnswer {
        APIAnswer(status: status, json: (try? JSONSerialization.data(withJSONObject: ["error": message])) ?? Data())
    }
}

/// `course serve`'s server (FlyingFox): the built site with live reload, the notebook's
/// script and styles, and its API, all behind the `RequestGate`.
///
/// - `GET /…` a file of the site; HTML pages get the notebook's `<link>` and `<script>`.
///   The first load with `?token=T` sets the token cookie and redirects to the bare URL.
/// - `GET /__course/notebook.js`, `/__course/notebook.css`: from the theme's `assets/`.
/// - `GET /__course/live`: a WebSocket that says `reload` after a rebuild.
/// - `/api/…`: the backend, with request bodies up to 1 MiB.
public final class CourseHTTPServer: @unchecked Sendable {
    public let site: SiteFolder
    /// Where `notebook.js` and `notebook.css` are read from (the theme's `assets/`).
    public let assets: String
    public let host: String
    public private(set) var port: UInt16
    public let token: String
    private let backend: (any NotebookBackend)?
    private var server: HTTPServer?
    private var task: Task<Void, any Error>?
    private let live = LiveReload()

    public static let bodyLimit = 1 << 20

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init(site: String, assets: String, host: String = "127.0.0.1", port: UInt16, token: String,
                backend: (any NotebookBackend)?) {
        self.site = SiteFolder(site)
        self.assets = assets
        self.host = host
        self.port = port
        self.token = token
        self.backend = backend
    }

    /// Starts listening (port 0: any free one, then `port` says which) and returns.
    public func start() throws {
        let address: sockaddr_in
        do {
            address = try .inet(ip4: host, port: port)
        } catch {
            throw Failure(description: "not an IPv4 address: \(host)")
        }
        let server = HTTPServer(address: address, timeout: 3600, logger: .disabled, handler: Handler(owner: self))
        self.server = server
        let task = Task { try await server.run() }
        self.task = task
        // Wait (on this thread) until it listens, or has failed to.
        let ready = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do {
                try await server.waitUntilListening(timeout: 10)
                if case .ip4(_, let port) = await server.listeningAddress { outcome.port = port }
            } catch {
                outcome.error = "\(error)"
            }
            ready.signal()
        }
        ready.wait()
        guard let actual = outcome.port else {
            task.cancel()
            throw Failure(description: "cannot listen on \(host):\(port): \(outcome.error ?? "no address")")
        }
        port = actual
    }

    private final class Outcome: @unchecked Sendable {
        var port: UInt16?
        var error: String?
    }

    /// Stops listening and closes every connection (without waiting for them to close).
    public func stop() {
        task?.cancel()
        let server = self.server
        Task { await server?.stop(timeout: 0) }
    }

    /// Tells every open page to reload.
    public func reload() {
        Task { await live.broadcast("reload") }
    }

    // MARK: Requests

    struct Handler: HTTPHandler {
        let owner: CourseHTTPServer
        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            await owner.respond(to: request)
        }
    }

    static let notebookTags = """
        <link rel="stylesheet" href="/__course/notebook.css">
        <script src="/__course/notebook.js" defer></script>

        """

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        var headers: [String: String] = [:]
        for name in request.headers.keys {
            let key = name.rawValue.lowercased()
            headers[key] = request.headers.values(for: name).joined(separator: key == "cookie" ? "; " : ", ")
        }
        let queryToken = request.query.first { $0.name == "token" }?.value
        let gate = RequestGate(token: token, boundHost: host, port: port)
        if let refusal = gate.refusal(of: .init(method: request.method.rawValue, headers: headers, queryToken: queryToken)) {
            return Self.text(refusal.status, refusal.reason)
        }
        let path = request.target.path(percentEncoded: true)
        // The first load with the token in the URL: keep it in a cookie, and take it out of the
        // address bar (and of the history).
        if queryToken != nil, headers[RequestGate.headerName.lowercased()] == nil, !path.hasPrefix("/api/") {
            let cookie = "\(RequestGate.cookieName)=\(token); HttpOnly; SameSite=Strict; Path=/"
            let headers: HTTPHeaders = [.location: path, HTTPHeader("Set-Cookie"): cookie]
            return HTTPResponse(statusCode: .seeOther, headers: headers)
        }
        if path.hasPrefix("/api/") {
            return await api(request, endpoint: String(path.dropFirst(5)))
        }
        if path == "/__course/live" {
            return (try? await WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: live)).handleRequest(request))
                ?? Self.text(400, "not a WebSocket request")
        }
        guard request.method == .GET || request.method == .HEAD else { return Self.text(405, "only GET here") }
        if path == "/__course/notebook.js" || path == "/__course/notebook.css" {
            let file = assets + "/" + (path as NSString).lastPathComponent
            guard let body = FileManager.default.contents(atPath: file) else { return Self.text(404, "no \(file)") }
            return Self.response(200, type: SiteFolder.contentType(of: file), body: body, headOnly: request.method == .HEAD)
        }
        switch site.resolve(path) {
        case .file(let file):
            return serve(file, status: 200, headOnly: request.method == .HEAD)
        case .refused:
            return Self.text(403, "outside the site")
        case .missing:
            let notFound = site.root + "/404.html"
            return FileManager.default.fileExists(atPath: notFound)
                ? serve(notFound, status: 404, headOnly: request.method == .HEAD) : Self.text(404, "not found")
        }
    }

    private func serve(_ file: String, status: Int, headOnly: Bool) -> HTTPResponse {
        guard var body = FileManager.default.contents(atPath: file) else { return Self.text(404, "not found") }
        let type = SiteFolder.contentType(of: file)
        if type.hasPrefix("text/html") {
            var page = String(decoding: body, as: UTF8.self)
            if let end = page.range(of: "</head>") {
                page.insert(contentsOf: Self.notebookTags, at: end.lowerBound)
            } else {
                page = Self.notebookTags + page
            }
            body = Data(page.utf8)
        }
        return Self.response(status, type: type, body: body, headOnly: headOnly)
    }

    private func api(_ request: HTTPRequest, endpoint: String) async -> HTTPResponse {
        guard let backend else { return Self.text(404, "no notebook here") }
        var body = Data()
        if request.method == .POST || request.method == .PUT {
            guard let length = request.bodySequence.count else {
                return Self.json(.error(411, "send the body with a Content-Length"))
            }
            guard length <= Self.bodyLimit else {
                return Self.json(.error(413, "the request body is over 1 MiB"), closing: true)
            }
            guard let data = try? await request.bodyData else { return Self.json(.error(400, "cannot read the body")) }
            body = data
        }
        var query: [String: String] = [:]
        for item in request.query where item.name != "token" { query[item.name] = item.value }
        let answer = await backend.respond(to: APICall(method: request.method.rawValue, endpoint: endpoint, query: query, body: body))
        return Self.json(answer)
    }

    static func response(_ status: Int, type: String, body: Data, headOnly: Bool = false, closing: Bool = false) -> HTTPResponse {
        var headers: HTTPHeaders = [
            .contentType: type, HTTPHeader("Cache-Control"): "no-cache", HTTPHeader("X-Content-Type-Options"): "nosniff",
            HTTPHeader("Referrer-Policy"): "no-referrer",
        ]
        if closing { headers[.connection] = "close" }
        if headOnly { headers[.contentLength] = String(body.count) }
        return HTTPResponse(statusCode: statusCode(status), headers: headers, body: headOnly ? Data() : body)
    }

    static func text(_ status: Int, _ message: String) -> HTTPResponse {
        response(status, type: "text/plain; charset=utf-8", body: Data((message + "\n").utf8))
    }

    static func json(_ answer: APIAnswer, closing: Bool = false) -> HTTPResponse {
        response(answer.status, type: "application/json", body: answer.json, closing: closing)
    }

    static func statusCode(_ code: Int) -> HTTPStatusCode {
        let phrases = [
            200: "OK", 303: "See Other", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            405: "Method Not Allowed", 409: "Conflict", 411: "Length Required", 413: "Content Too Large",
            421: "Misdirected Request", 500: "Internal Server Error", 503: "Service Unavailable",
        ]
        return HTTPStatusCode(code, phrase: phrases[code] ?? "Status \(code)")
    }
}

/// The pages listening on `/__course/live`.
actor LiveReload: WSMessageHandler {
    private var clients: [UUID: AsyncStream<WSMessage>.Continuation] = [:]

    nonisolated func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        let id = UUID()
        await add(id, continuation)
        Task { [weak self] in
            for await _ in client {}  // the page closed its end
            await self?.remove(id)
            continuation.finish()
        }
        return stream
    }

    private func add(_ id: UUID, _ continuation: AsyncStream<WSMessage>.Continuation) { clients[id] = continuation }
    private func remove(_ id: UUID) { clients[id] = nil }

    func broadcast(_ text: String) {
        for continuation in clients.values { continuation.yield(.text(text)) }
    }
}
