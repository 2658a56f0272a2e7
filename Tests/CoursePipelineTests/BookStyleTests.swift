import CourseModel
import Foundation
import Testing
@testable import CoursePipeline
import TestSupport

/// `prints` and `isolated` cells end to end (`Tests/Fixtures/book-style`): guides written as
/// the Swift book writes them check as written.
@Suite(.offThePool) struct BookStyleTests {
    @Test func statementsPrintWhatTheirCommentsSay() {
        let (report, text) = check(fixtures + "/book-style", lessons: ["1"])
        #expect(text == """
            ✓ Lessons/01-statements.md  4 cells
            4 passed, 0 failed

            """)
        #expect(report.succeeded)
    }

    @Test func aCommentThatDriftedIsReportedAtItsLineWithADiff() {
        let (_, text) = check(fixtures + "/book-style", lessons: ["2"])
        #expect(text == """
            ✗ Lessons/02-drifted.md  2 failed, 0 passed
            Lessons/02-drifted.md:7: error: `// Prints` does not match what the statement at line 7 printed
                --- expected
                +++ actual
                @@ -1 +1 @@
                -2
                +3
            Lessons/02-drifted.md:9: error: `// Prints` does not match what the statement at line 8 printed
                --- expected
                +++ actual
                @@ -1,2 +1 @@
                -0
                -again
                +1
            Lessons/02-drifted.md:18: error: `// Prints` does not match what the statement at line 17 printed
                --- expected
                +++ actual
                @@ -1 +1 @@
                -[5] 1
                +[4] 1
            0 passed, 2 failed

            """)
    }

    @Test func updateRewritesTheCommentsAndKeepsEveryOtherByte() throws {
        let root = try copyOfFixture("book-style")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/Lessons/02-drifted.md"
        let (_, text) = check(root, lessons: ["2"], update: true)
        #expect(text.contains("updated the `// Prints` comments of 2 cells (at line 3, 15)"))
        let expected = try String(contentsOfFile: fixtures + "/book-style/expected/02-drifted.md", encoding: .utf8)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)

        let (again, againText) = check(root, lessons: ["2"], update: true)
        #expect(again.succeeded)
        #expect(!againText.contains("updated"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
    }
}
