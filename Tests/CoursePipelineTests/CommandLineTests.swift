import CourseModel
import Foundation
@testable import CoursePipeline
import Testing
import TestSupport

/// Runs the built `course` executable, as CI and authors do.
@Suite(.offThePool) struct CommandLineTests {
    static var executable: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("course").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/course").path
    }

    func run(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func exitStatusAndClosingLine() throws {
        let passing = try run(["check"], in: fixtures + "/passing")
        #expect(passing.status == 0)
        #expect(passing.output.hasSuffix("\n11 passed, 0 failed\n"))

        let failing = try run(["check", "1", "6"], in: fixtures + "/failing/Lessons")
        #expect(failing.status == 1)
        #expect(failing.output.hasSuffix("\n2 passed, 3 failed\n"))
        #expect(!failing.output.contains("\u{1B}["))  // not a terminal: no color
    }

    /// `Scripts/install`'s layout: `bin/course` links to `lib/course/course`, with the theme in
    /// `lib/course/Site`. A course without a `Site/` of its own is built with that theme, not
    /// with the checkout's (a marker in the installed copy's layout shows which one was used).
    @Test func anInstalledCourseUsesTheThemeInstalledBesideIt() throws {
        // Beside the build folder, so the executable can be hard-linked: a copy written while
        // other tests start processes can be inherited open by them, and then cannot be run
        // ("Text file busy").
        let builds = URL(fileURLWithPath: Self.executable).deletingLastPathComponent().deletingLastPathComponent().path
        let prefix = builds + "/course-install-test-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let manager = FileManager.default
        try manager.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: prefix + "/lib/course", withIntermediateDirectories: true)
        try manager.linkItem(atPath: Self.executable, toPath: prefix + "/lib/course/course")
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        try manager.copyItem(atPath: checkout + "/Site", toPath: prefix + "/lib/course/Site")
        let layout = prefix + "/lib/course/Site/templates/layout.mustache"
        let template = try String(contentsOfFile: layout, encoding: .utf8)
        try template.replacingOccurrences(of: "</body>", with: "<!-- the installed theme --></body>").write(toFile: layout, atomically: true, encoding: .utf8)
        try manager.createSymbolicLink(atPath: prefix + "/bin/course", withDestinationPath: "../lib/course/course")

        let course = prefix + "/my-course"
        try manager.createDirectory(atPath: course + "/Lessons", withIntermediateDirectories: true)
        try "libraries: []\n".write(toFile: course + "/course.yml", atomically: true, encoding: .utf8)
        try "# Mine\n\nA course.\n".write(toFile: course + "/Lessons/index.md", atomically: true, encoding: .utf8)
        try "# One\n\n```swift\nprint(6 * 7)\n```\n\n```output\n42\n```\n".write(toFile: course + "/Lessons/01-one.md", atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: prefix + "/bin/course")
        process.arguments = ["build", "--color", "never"]
        process.currentDirectoryURL = URL(fileURLWithPath: course)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        let page = try String(contentsOfFile: course + "/_site/01-one.html", encoding: .utf8)
        #expect(page.contains("<!-- the installed theme -->"))
        // Where nothing is installed beside the executable, the checkout's theme.
        #expect(CourseLayout.builtInTheme(executable: URL(fileURLWithPath: prefix + "/bin/course"), checkout: "/checkout/Site")
                == prefix + "/lib/course/Site")
        #expect(CourseLayout.builtInTheme(executable: URL(fileURLWithPath: "/usr/bin/env"), checkout: "/checkout/Site") == "/checkout/Site")
        #expect(CourseLayout.builtInTheme(executable: nil, checkout: "/checkout/Site") == "/checkout/Site")
    }

    @Test func noCourseHereIsAClearError() throws {
        let result = try run(["check"], in: "/")
        #expect(result.status == 1)
        #expect(result.output.contains("error: no course here: neither / nor a parent folder holds course.yml or Lessons/ (use --root DIR)"))
    }
}
