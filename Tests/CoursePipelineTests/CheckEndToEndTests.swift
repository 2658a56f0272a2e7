import CourseModel
import Foundation
import Testing
@testable import CoursePipeline
import TestSupport

@Suite(.offThePool) struct CheckEndToEndTests {
    @Test func aCourseUsingEveryAttributePasses() {
        let (report, text) = check(fixtures + "/passing")
        #expect(text == """
            ✓ Lessons/01-every-attribute.md  11 cells
            11 passed, 0 failed

            """)
        #expect(report.succeeded)
    }

    @Test func everyKindOfFailureIsReportedAtItsMarkdownLine() {
        let (report, text) = check(fixtures + "/failing")
        #expect(text == """
            ✗ Lessons/01-wrong-output.md  1 failed, 1 passed
            Lessons/01-wrong-output.md:9: error: output does not match (cell at line 3)
                --- expected
                +++ actual
                @@ -1,2 +1,2 @@
                -41.5
                -different line
                +41.0
                +same line
            ✗ Lessons/02-compile-error.md  1 failed, 0 passed, 2 skipped
            Lessons/02-compile-error.md:8:16: error: cannot convert value of type 'String' to specified type 'Int'
              let y: Int = "not a number"
                           ^~~~~~~~~~~~~~
            ✗ Lessons/03-trap.md  1 failed, 1 passed, 1 skipped
            Lessons/03-trap.md:9:1: error: trapped: Fatal error: expected a positive number, got -2.0
            ✗ Lessons/04-timeout.md  1 failed, 1 passed
            Lessons/04-timeout.md:10: error: timed out: the lesson's program was killed after 1 s while this cell ran (raise `timeout` in the front matter if it needs longer)
            ✗ Lessons/05-parse-errors.md  3 failed, 0 passed
            Lessons/05-parse-errors.md:3: error: unknown cell attribute 'no-ran' (known: no-run, ignore, compile-fail, trap, hidden, nocheck, exercise, solution, check, prints, isolated)
            Lessons/05-parse-errors.md:13: error: output block with no Swift cell before it
            Lessons/05-parse-errors.md:17: error: unterminated code fence (opened with ``` here)
            ✗ Lessons/06-broken-promises.md  2 failed, 1 passed
            Lessons/06-broken-promises.md:3: error: expected this `compile-fail` cell not to compile, but it compiled
            Lessons/06-broken-promises.md:7: error: expected this `trap` cell to trap, but it ran to its end
            4 passed, 9 failed, 3 skipped

            """)
        #expect(!report.succeeded)
        #expect(report.summary == "4 passed, 9 failed, 3 skipped")
    }

    @Test func lessonsAreChosenByNumberSlugOrPath() {
        let (byNumber, _) = check(fixtures + "/failing", lessons: ["1", "broken-promises"])
        #expect(byNumber.lessons.map(\.file.slug) == ["wrong-output", "broken-promises"])
        let (byPath, _) = check(fixtures + "/failing", lessons: ["Lessons/03-trap.md"])
        #expect(byPath.lessons.map(\.file.slug) == ["trap"])
        let (unknown, text) = check(fixtures + "/failing", lessons: ["42"])
        #expect(unknown.failed == 1)
        #expect(text.contains("error: no lesson '42' (lessons: 1 (wrong-output), 2 (compile-error), 3 (trap), 4 (timeout), 5 (parse-errors), 6 (broken-promises))"))
    }

    @Test func colorIsUsedOnlyWhenAskedFor() {
        let (_, plain) = check(fixtures + "/failing", lessons: ["1"])
        #expect(!plain.contains("\u{1B}["))
        let (_, colored) = check(fixtures + "/failing", lessons: ["1"], color: true)
        #expect(colored.contains("\u{1B}[31m-41.5\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[32m+41.0\u{1B}[0m"))
    }

    @Test func updateFixesOutputsAndASecondUpdateChangesNothing() throws {
        let root = try copyOfFixture("update")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let lessonPath = root + "/Lessons/01-update.md"

        let (before, _) = check(root)
        #expect(before.summary == "3 passed, 3 failed")

        let (updated, text) = check(root, update: true)
        #expect(updated.succeeded)
        #expect(text.contains("updated 4 output blocks (cells at line 15, 26, 38, 48)"))
        #expect(text.contains("Lessons/01-update.md:56: warning: the text quotes 0.3521, which the output at line 52 printed before this update and does not now"))
        let expected = try String(contentsOfFile: fixtures + "/update/expected/01-update.md", encoding: .utf8)
        #expect(try String(contentsOfFile: lessonPath, encoding: .utf8) == expected)

        let (again, againText) = check(root, update: true)
        #expect(again.succeeded)
        #expect(!againText.contains("updated"))
        #expect(try String(contentsOfFile: lessonPath, encoding: .utf8) == expected)

        let (after, _) = check(root)
        #expect(after.summary == "6 passed, 0 failed")
    }

    @Test func updateRefusesAFileThatChangedWhileTheLessonRan() throws {
        let root = try copyOfFixture("update")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/Lessons/01-update.md"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let lesson = try LessonLoader.load(.init(number: 1, slug: "update", path: path, displayPath: "Lessons/01-update.md")).get()
        let edited = original + "\nAn author's edit made while the lesson ran.\n"
        try edited.write(toFile: path, atomically: true, encoding: .utf8)

        let problem = OutputUpdater.update(lesson, at: path, newOutputs: [1: "new text\n"])
        #expect(problem?.description == "Lessons/01-update.md:1: error: the file changed on disk while the lesson ran; not updated (run the check again)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == edited)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root + "/Lessons").filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func aFolderWithoutLessonsIsAClearError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("course-empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty + "/Lessons", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let (report, text) = check(empty)
        #expect(report.failed == 1)
        #expect(text.hasSuffix("error: no lessons in Lessons: lesson files are named like 01-perceptron.md\n0 passed, 1 failed\n"))
    }

    @Test func aMissingLibraryIsAClearError() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("course-nolib-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/passing/Lessons", toPath: root + "/Lessons")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (report, text) = check(root)
        #expect(report.failed == 1)
        #expect(text.contains("error: missing library source: \(root)/Sources/Neural does not exist"))
    }
}
