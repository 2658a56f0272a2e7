import CourseModel
import Foundation
import Testing
@testable import CoursePipeline
import TestSupport

/// The notebook's HTTP contract end to end: `course serve` on a copy of the `notebook` fixture
/// course, driven with curl as a client would drive it (ARCHITECTURE.md, "The notebook's HTTP
/// contract").
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "needs curl"))
struct NotebookEndToEndTests {
    static let lesson = "01-cells"
    // The fixture's cells, by the line of their opening fence.
    static let (first, second, trap, exercise) = (8, 20, 30, 39)

    struct Served: @unchecked Sendable {
        var serve: CourseServe
        var root: String
        var base: String
        var token: String
        var host: String
    }

    func copyOfNotebookFixture() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/notebook/Lessons", toPath: root + "/Lessons")
        try FileManager.default.copyItem(atPath: fixtures + "/notebook/Sources", toPath: root + "/Sources")
        let theme = URL(fileURLWithPath: fixtures).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Site").path
        try FileManager.default.createSymbolicLink(atPath: root + "/Site", withDestinationPath: theme)
        return root
    }

    func start(_ root: String) async throws -> Served {
        var options = CourseServe.Options()
        options.build.root = root
        options.build.workingDirectory = root
        options.build.cacheFolder = sharedCache
        options.port = 0
        let serve = CourseServe(options: options, log: { _ in })
        try await blocking { try serve.start() }
        let url = try #require(serve.url)
        let components = try #require(URLComponents(string: url))
        let host = "127.0.0.1:\(components.port ?? 0)"
        return Served(serve: serve, root: root, base: "http://\(host)", token: options.token, host: host)
    }

    struct Answer: @unchecked Sendable {
        var status: Int
        var json: [String: Any]
        var body: String
    }

    /// A request with curl: `headers` as given (the token is added unless `token` is false).
    func call(_ served: Served, _ method: String, _ path: String, body: [String: Any]? = nil,
              headers: [String] = [], token: Bool = true) async throws -> Answer {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await blocking { try Self.callNow(served, method, path, body: data, headers: headers, token: token) }
    }

    static func callNow(_ served: Served, _ method: String, _ path: String, body: Data?,
                        headers: [String], token: Bool) throws -> Answer {
        var arguments = ["-s", "--max-time", "60", "-o", "-", "-w", "\n%{http_code}", "-X", method]
        if token { arguments += ["-H", "X-Course-Token: \(served.token)"] }
        for header in headers { arguments += ["-H", header] }
        if let body {
            arguments += ["-H", "Content-Type: application/json", "--data-binary", String(decoding: body, as: UTF8.self)]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments + [served.base + path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let status = Int(text.split(separator: "\n").last ?? "") ?? 0
        let body = String(text[..<(text.lastIndex(of: "\n") ?? text.endIndex)])
        let json = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        return Answer(status: status, json: json, body: body)
    }

    func run(_ served: Served, edits: [Int: String], upto: Int? = nil) async throws -> Answer {
        var body: [String: Any] = ["lesson": Self.lesson, "edits": Dictionary(uniqueKeysWithValues: edits.map { (String($0.key), $0.value) })]
        if let upto { body["upto"] = upto }
        return try await call(served, "POST", "/api/run", body: body)
    }

    func cell(_ answer: Answer, _ line: Int) -> [String: Any]? {
        (answer.json["cells"] as? [[String: Any]])?.first { $0["line"] as? Int == line }
    }

    @Test func theContractEndToEnd() async throws {
        let root = try copyOfNotebookFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lessonPath = root + "/Lessons/\(Self.lesson).md"
        let original = try Data(contentsOf: URL(fileURLWithPath: lessonPath))
        var served = try await start(root)

        // The door: no token, another host, another origin.
        #expect(try await call(served, "GET", "/\(Self.lesson).html", token: false).status == 401)
        #expect(try await call(served, "POST", "/api/run", body: ["lesson": Self.lesson], token: false).status == 401)
        #expect(try await call(served, "POST", "/api/run", body: ["lesson": Self.lesson], headers: ["Host: evil.example:80"]).status == 421)
        #expect(try await call(served, "POST", "/api/run", body: ["lesson": Self.lesson], headers: ["Origin: http://evil.example"]).status == 403)
        let page = try await call(served, "GET", "/\(Self.lesson).html")
        #expect(page.status == 200 && page.body.contains("/__course/notebook.js"))
        #expect(page.body.contains("data-lesson=\"\(Self.lesson)\"") && page.body.contains("data-line=\"\(Self.first)\""))

        // Unedited cells that match their blocks: the blocks, as written and checked (the site's rule).
        let unedited = try await run(served, edits: [:], upto: Self.second)
        #expect(cell(unedited, Self.second)?["output"] as? String == "twice four is 8.0\n")
        #expect(cell(unedited, Self.second)?["note"] as? String == "as written, checked")

        // An edit that prints: its output, and the lesson's, which it no longer matches.
        let printed = try await run(served, edits: [Self.first: "import Neural\nlet four = double(2)\nprint(\"four is\", four)"])
        #expect(printed.status == 200)
        let first = try #require(cell(printed, Self.first))
        #expect(first["output"] as? String == "four is 4.0\n")
        #expect(first["verdict"] as? String == "failed" && first["expected"] as? String == "4.0\n" && first["edited"] as? Bool == true)
        #expect(cell(printed, Self.second) == nil)  // the run stops at the edited cell

        // Running a later cell runs the edited one before it; unedited cells still pass.
        let upto = try await run(served, edits: [Self.first: "import Neural\nlet four = double(3)"], upto: Self.second)
        #expect(cell(upto, Self.second)?["output"] as? String == "twice four is 12.0\n")
        #expect(cell(upto, Self.first)?["verdict"] as? String == "failed")

        // An edit that does not compile: the error at the edited cell's line.
        let broken = try await run(served, edits: [Self.second: "print(\"ok\")\nprint(undefinedName)"])
        let diagnostics = try #require(cell(broken, Self.second)?["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.contains { $0["line"] as? Int == Self.second + 2 && ($0["message"] as? String ?? "").contains("undefinedName") })

        // A trap: its message.
        let trapped = try await run(served, edits: [Self.trap: "let values = [1, 2, 3]\nprint(values[7])"])
        #expect((cell(trapped, Self.trap)?["message"] as? String ?? "").contains("Index out of range"))

        // A timeout (the lesson allows 8 s): killed, and said.
        let began = Date()
        let stuck = try await run(served, edits: [Self.second: "while true {}"])
        #expect(Date().timeIntervalSince(began) < 30)
        #expect(stuck.json["timedOut"] as? Bool == true)
        #expect((cell(stuck, Self.second)?["message"] as? String ?? "").contains("timed out"))

        // Two overlapping runs of the lesson: the newer cancels the older.
        let current = served
        let olderRun = Task { @Sendable in try await self.run(current, edits: [Self.second: "while true {}"]) }
        try await Task.sleep(for: .seconds(2.5))
        let newer = try await run(served, edits: [Self.second: "print(\"newer\")"])
        let cancelled = try await olderRun.value
        #expect(cancelled.status == 409)
        #expect(cell(newer, Self.second)?["output"] as? String == "newer\n")

        // An exercise: the starting code fails its check, the solution passes and is recorded.
        let failing = try await call(served, "POST", "/api/check-exercise", body: ["lesson": Self.lesson, "line": Self.exercise,
                                                                              "code": "func triple(_ x: Double) -> Double { 0 }"])
        #expect(failing.json["passed"] as? Bool == false)
        #expect((failing.json["failures"] as? [String] ?? []).contains { $0.contains("triple(2) should be 6") })
        let solved = try await call(served, "POST", "/api/check-exercise", body: ["lesson": Self.lesson, "line": Self.exercise,
                                                                             "code": "func triple(_ x: Double) -> Double { 3 * x }"])
        #expect(solved.json["passed"] as? Bool == true)
        let progress = try String(contentsOfFile: root + "/workspace/progress.json", encoding: .utf8)
        #expect(progress.contains("\"\(Self.lesson)\"") && progress.contains("\"solved\" : true"))

        // Bad requests: an unknown cell, a hidden or exercise-part cell, not JSON.
        #expect(try await run(served, edits: [9: "print(1)"]).status == 400)
        #expect(try await run(served, edits: [46: "print(1)"]).status == 400)  // the solution cell
        #expect(try await call(served, "POST", "/api/run", headers: ["Content-Type: application/json"]).status == 400)

        // A restart keeps the edits (the last run's); the lesson file is untouched, byte for byte.
        served.serve.stop()
        served = try await start(root)
        defer { served.serve.stop() }
        let saved = try await call(served, "GET", "/api/notebook?lesson=\(Self.lesson)")
        #expect((saved.json["edits"] as? [String: String])?[String(Self.second)] == "print(\"newer\")")
        #expect(try Data(contentsOf: URL(fileURLWithPath: lessonPath)) == original)
        #expect(FileManager.default.fileExists(atPath: root + "/workspace/notebook/\(Self.lesson).json"))

        // Reset: the edits replaced (none left).
        let reset = try await call(served, "PUT", "/api/notebook", body: ["lesson": Self.lesson, "edits": [String: String]()])
        #expect(reset.status == 200)
        #expect((try await call(served, "GET", "/api/notebook?lesson=\(Self.lesson)").json["edits"] as? [String: String]) == [:])
    }
}


/// The notebook in a real browser (Scripts/notebook-browser-test.py): open a lesson with the
/// token, edit a cell, run it, see the new output and the lesson's, reset it, solve an exercise.
@Suite(.offThePool) struct NotebookBrowserTests {
    @Test(.enabled(if: browserAvailable, "needs chromium, chromedriver, python3 and selenium (Scripts/bootstrap --browser)"))
    func theNotebookWorksInABrowser() async throws {
        let root = try NotebookEndToEndTests().copyOfNotebookFixture()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("site-shots/notebook").path
        let (status, report) = try await blocking {
            try runWaiting("/usr/bin/env", ["python3", repositoryRoot + "/Scripts/notebook-browser-test.py",
                                            CommandLineTests.executable, root, "--screenshots", screenshots])
        }
        #expect(status == 0, "\(report)")
        #expect(report.hasSuffix("steps checked, 0 problems\n"), "\(report)")
    }
}
