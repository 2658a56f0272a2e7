import CourseModel
import Foundation
import Testing
import TestSupport
@testable import CoursePipeline

@Suite struct ServeTests {
    func fetch(_ url: String, token: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "--max-time", "5", "-H", "X-Course-Token: \(token)", url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "needs curl"))
    func servesTheSiteAndRebuildsWhatChanged() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("course-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: fixtures + "/site/Lessons", toPath: root + "/Lessons")
        let theme = URL(fileURLWithPath: fixtures).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Site").path
        try FileManager.default.createSymbolicLink(atPath: root + "/Site", withDestinationPath: theme)
        try FileManager.default.createSymbolicLink(atPath: root + "/Sources", withDestinationPath: fixtures + "/library/Sources")

        var options = CourseServe.Options()
        options.build.root = root
        options.build.workingDirectory = root
        options.build.cacheFolder = sharedCache
        options.port = 0
        options.pollInterval = 0.1
        let log = LogLines()
        let serve = CourseServe(options: options, log: { log.append($0) })
        try await blocking { try serve.start() }
        defer { serve.stop() }
        let address = try #require(serve.url)
        #expect(address.hasPrefix("http://127.0.0.1:") && address.hasSuffix("/?token=" + options.token))
        let url = String(address.dropLast("?token=".count + options.token.count))
        let token = options.token
        let fetch = { @Sendable (url: String) async throws -> String in try await blocking { self.fetch(url, token: token) } }
        let lessons = try FileManager.default.contentsOfDirectory(atPath: root + "/Lessons").filter { $0.hasPrefix("01-") }
        let lessonFile = try #require(lessons.first)
        let page = lessonFile.replacingOccurrences(of: ".md", with: ".html")
        #expect(try await fetch(url + page).contains("/__course/notebook.js"))

        // An edit to a lesson: the site is rebuilt and the page shows it.
        let path = root + "/Lessons/" + lessonFile
        try (try String(contentsOfFile: path, encoding: .utf8) + "\nA sentence added while serving.\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        // Within a minute: a full `swift test` keeps both cores busy while the site rebuilds
        // (ten seconds were once not enough there).
        var rebuilt = false
        let deadline = Date().addingTimeInterval(60)
        while !rebuilt, Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            rebuilt = try await fetch(url + page).contains("A sentence added while serving.")
        }
        #expect(rebuilt)
        #expect(log.all.contains { $0.hasPrefix("Changed: ") })
        #expect(try await fetch(url + "%2e%2e/Lessons/" + lessonFile).contains("outside the site"))
    }
}
