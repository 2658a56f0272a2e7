import CourseModel
import CoursePipeline
import Foundation
import Testing
import TestSupport

@Suite(.offThePool) struct ExerciseSessionTests {
    @Test func workspaceFilesAreNeverOverwrittenAndResetKeepsThemInTheTrash() throws {
        let root = try copyOfFixture("exercises")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let session = try ExerciseSession(lesson: "1", root: root, workingDirectory: root, cacheFolder: sharedCache)
        let created = try session.prepare().created
        #expect(created.map { ($0 as NSString).lastPathComponent } == ["1-triple-a-number.swift", "2-the-mean.swift"])
        let first = session.lesson.exercises[0]
        let path = session.path(for: first)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("""
            // Exercise 1: triple a number
            // From Lessons/01-numbers.md:19. Save to check; h: hint; q: quit.

            func triple(_ x: Double) -> Double {
            """))

        try "func triple(_ x: Double) -> Double { x * 3 }\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try session.prepare().created.isEmpty)  // the learner's work stays
        let check = session.check(first)
        #expect(check.passed)
        #expect(check.lines == ["✓ 1. triple a number: all checks passed"])
        #expect(session.isSolved(first))

        let reset = try session.prepare(reset: true)
        #expect(reset.created.count == 2)
        #expect(!session.isSolved(first))
        let trashed = try #require(reset.trash) + "/01-numbers/1-triple-a-number.swift"
        #expect(try String(contentsOfFile: trashed, encoding: .utf8) == "func triple(_ x: Double) -> Double { x * 3 }\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == session.starterFile(for: first))
    }

    @Test func compileErrorsNameTheWorkspaceFileLines() throws {
        let root = try copyOfFixture("exercises")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let session = try ExerciseSession(lesson: "numbers", root: root, workingDirectory: root, cacheFolder: sharedCache)
        try session.prepare()
        let first = session.lesson.exercises[0]
        try "// mine\nfunc triple(_ x: Double) -> Double {\n    x * \"3\"\n}\n".write(toFile: session.path(for: first), atomically: true, encoding: .utf8)
        let check = session.check(first)
        #expect(!check.passed)
        #expect(check.lines.first == "✗ 1. triple a number: does not compile")
        #expect(check.lines.dropFirst().first?.hasPrefix("workspace/01-numbers/1-triple-a-number.swift:3:") == true)
        #expect(!session.isSolved(first))
    }
}
