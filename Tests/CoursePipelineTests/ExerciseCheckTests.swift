import CourseModel
import Foundation
import Testing

@Suite struct ExerciseCheckTests {
    @Test func everySolutionPassesAndEveryStarterFails() throws {
        let (report, text) = check(fixtures + "/exercises", lessons: ["1"])
        #expect(report.succeeded)
        // One plain cell and two exercises: each exercise counts once.
        #expect(text.hasSuffix("3 passed, 0 failed\n"))
    }

    @Test func aFailingSolutionAndAStarterThatPassesAreReported() throws {
        let (report, text) = check(fixtures + "/exercises", lessons: ["2"])
        #expect(!report.succeeded)
        #expect(text == """
            ✗ Lessons/02-broken.md  2 failed, 1 passed
            Lessons/02-broken.md:9: error: the solution fails its checks: ✗ add(base, 2) should be 12, got 8
            Lessons/02-broken.md:26: error: the unmodified exercise already passes its checks: an exercise must need work (make a check fail on the starting code)
            1 passed, 2 failed

            """)
    }
}
