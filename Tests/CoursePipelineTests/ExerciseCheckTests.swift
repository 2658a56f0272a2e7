import CourseModel
import Foundation
import Testing
import TestSupport

@Suite(.offThePool) struct ExerciseCheckTests {
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

    /// The attempts run inside the lesson's program, each in a copy with its own time limit: a
    /// starting code that never ends times out, one that traps traps, and the lesson goes on.
    @Test func attemptsThatHangOrTrapFailTheirExerciseAndTheLessonGoesOn() throws {
        let (report, text) = check(fixtures + "/exercises", lessons: ["3"])
        #expect(report.succeeded, "\(text)")
        #expect(text == "✓ Lessons/03-edges.md  4 cells\n4 passed, 0 failed\n")
        let exercises = try #require(report.lessons.first?.run?.exercises)
        #expect(exercises.map(\.solution.passedChecks) == [true, true])
        #expect(exercises[0].starter.outcome == .timedOut(seconds: 2))
        guard case .trapped(let message, _) = exercises[1].starter.outcome else {
            Issue.record("the starter of exercise 2 should trap: \(exercises[1].starter.outcome)")
            return
        }
        #expect(message.contains("Index out of range"))
    }

    /// A starting code that does not compile inside the lesson's program: each attempt then
    /// runs as a program of its own, with the same verdicts.
    @Test func anAttemptThatDoesNotCompileRunsOnItsOwn() throws {
        let (report, text) = check(fixtures + "/exercises", lessons: ["4"])
        #expect(report.succeeded, "\(text)")
        let exercise = try #require(report.lessons.first?.run?.exercises.first)
        #expect(exercise.solution.passedChecks)
        guard case .compileError(let diagnostics) = exercise.starter.outcome else {
            Issue.record("the starter should not compile: \(exercise.starter.outcome)")
            return
        }
        #expect(diagnostics.first?.location?.line == 15)
    }
}
