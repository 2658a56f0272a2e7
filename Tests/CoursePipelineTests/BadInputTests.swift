import CourseModel
import Foundation
import LessonParsing
import OutputChecking
import Testing
@testable import CoursePipeline
import TestSupport

/// Bad input gets a clear `path:line` error, and nothing the author wrote is lost.
@Suite(.offThePool) struct BadInputTests {
    func course(_ lessons: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("course-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/Lessons", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/Sources", withDestinationPath: fixtures + "/library/Sources")
        for (name, text) in lessons { try text.write(toFile: root + "/Lessons/" + name, atomically: true, encoding: .utf8) }
        return root
    }

    @Test func frontMatterThatIsNotYAMLNamesItsLineAndTheNextLessonStillRuns() throws {
        let root = try course([
            "01-bad.md": "---\ntitle: [unclosed\n---\n# Bad\n",
            "02-good.md": "# Good\n\n```swift\nprint(1)\n```\n\n```output\n1\n```\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (report, text) = check(root)
        #expect(report.summary == "1 passed, 1 failed")
        #expect(text.contains("Lessons/01-bad.md:2: error: invalid YAML in front matter"))
        #expect(text.contains("✓ Lessons/02-good.md  1 cell"))
    }

    @Test func aLessonThatCannotBeReadIsReportedAtItsPath() throws {
        let root = try course(["02-good.md": "# Good\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A folder named like a lesson, and a link to nowhere: neither can be read, even by root.
        try FileManager.default.createDirectory(atPath: root + "/Lessons/01-folder.md", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/Lessons/03-dangling.md", withDestinationPath: "/nonexistent/lesson.md")
        let (report, text) = check(root)
        #expect(report.failed == 2)
        #expect(text.contains("Lessons/01-folder.md:1: error: the lesson file cannot be read"))
        #expect(text.contains("Lessons/03-dangling.md:1: error: the lesson file is not readable (check its permissions)"))
    }

    @Test func aLessonThatIsNotUTF8IsReportedAtItsPath() throws {
        let root = try course([:])
        defer { try? FileManager.default.removeItem(atPath: root) }
        FileManager.default.createFile(atPath: root + "/Lessons/01-latin1.md", contents: Data([0x23, 0x20, 0xE9, 0x0A]))
        let (_, text) = check(root)
        #expect(text.contains("Lessons/01-latin1.md:1: error: the lesson file is not valid UTF-8"))
    }

    /// Parse every Markdown file the project has, rewrite every output block with its own text:
    /// the bytes must come back identical.
    @Test func updatingWithTheSameOutputsChangesNoByte() throws {
        let repository = URL(fileURLWithPath: fixtures).deletingLastPathComponent().deletingLastPathComponent().path
        let files = (FileManager.default.enumerator(atPath: repository)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".build") && !$0.contains("/.build") }
        var checked = 0
        for file in files {
            guard let source = try? String(contentsOfFile: repository + "/" + file, encoding: .utf8),
                  let lesson = try? LessonParser.parse(source: source, path: file) else { continue }
            var same: [Int: String] = [:]
            for cell in lesson.cells { if let block = cell.output { same[cell.index] = block.text } }
            #expect(OutputPromoter.rewrite(source: source, lesson: lesson, newOutputs: same) == source, "\(file)")
            checked += 1
        }
        #expect(checked >= 10)
    }

    @Test func anInterruptedUpdateLeavesTheOldFileOrTheNewOneNeverAMix() throws {
        var lesson = "# Many outputs\n"
        for i in 0..<200 { lesson += "\n```swift\nprint(\(i))\n```\n\n```output\nwrong\n```\n" }
        var updated = "# Many outputs\n"
        for i in 0..<200 { updated += "\n```swift\nprint(\(i))\n```\n\n```output\n\(i)\n```\n" }
        let root = try course(["01-many.md": lesson])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/Lessons/01-many.md"
        // Warm the library and program caches so the kills land around the write.
        _ = check(root)
        for (signal, delay) in [(SIGKILL, 0.05), (SIGINT, 0.1), (SIGKILL, 0.2), (SIGINT, 0.3), (SIGKILL, 0.5)] {
            try lesson.write(toFile: path, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
            process.arguments = ["check", "--update", "--no-cache", "--root", root]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            let after = try String(contentsOfFile: path, encoding: .utf8)
            #expect(after == lesson || after == updated, "killed with \(signal) after \(delay) s")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root + "/Lessons").filter { $0.hasPrefix(".") }
        // A kill in the middle of the write can leave AtomicFile's temporary file beside the lesson, nothing else.
        #expect(leftovers.allSatisfy { $0.hasPrefix(".01-many.md.writing-") }, "\(leftovers)")
    }
}
