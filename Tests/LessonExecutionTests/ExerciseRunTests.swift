import CourseModel
import Testing
@testable import LessonExecution
import TestSupport

/// A lesson whose cells are `cells` followed by an exercise (starter, solution, checks).
private func exerciseLesson(before: [String] = ["import Neural\nlet two = double(1)"], starter: String, solution: String,
                            checks: [String]) -> (Lesson, Exercise) {
    typealias Part = (attributes: Set<CellAttribute>, code: String)
    var parts: [Part] = before.map { code -> Part in ([], code) }
    parts.append(([.exercise], starter))
    parts.append(([.solution], solution))
    for check in checks { parts.append(([.check], check)) }
    var built = lesson(parts)
    let first = before.count
    let exercise = Exercise(number: 1, title: "Triple", exerciseCell: first, solutionCell: first + 1,
                            checkCells: Array((first + 2)..<(first + 2 + checks.count)), hint: nil,
                            line: built.cells[first].span.openingLine)
    built.exercises = [exercise]
    return (built, exercise)
}

@Suite(.offThePool) struct ExerciseRunTests {
    static let checks = ["expect(triple(2) == 6, \"triple(2) should be 6, got \\(triple(2))\")\nexpect(triple(0) == 0, \"triple(0) should be 0\")"]

    @Test func theSolutionPassesAndTheStarterFails() throws {
        let runner = try makeRunner()
        let (lesson, exercise) = exerciseLesson(
            starter: "func triple(_ x: Double) -> Double {\n    // TODO\n    return 0\n}",
            solution: "func triple(_ x: Double) -> Double { double(x) + x }", checks: Self.checks)
        let solution = runner.runExercise(exercise, in: lesson, attempt: .solution, reuseProgram: false)
        #expect(solution == CellResult(cellIndex: exercise.solutionCell, outcome: .completed, output: ""))
        #expect(solution.passedChecks)
        let starter = runner.runExercise(exercise, in: lesson, attempt: .starter, reuseProgram: false)
        #expect(starter == CellResult(cellIndex: exercise.exerciseCell, outcome: .completed,
                                      output: "✗ triple(2) should be 6, got 0.0\n",
                                      failedExpectations: ["triple(2) should be 6, got 0.0"]))
    }

    @Test func theEarlierCellsAreTheContextAndTheirOutputIsNotTheExercises() throws {
        let (lesson, exercise) = exerciseLesson(
            before: ["import Neural\nprint(\"lesson output\")\nlet factor = double(1.5)"],
            starter: "func triple(_ x: Double) -> Double { 0 }",
            solution: "print(\"solving\")\nfunc triple(_ x: Double) -> Double { factor * x }", checks: Self.checks)
        let solution = try makeRunner().runExercise(exercise, in: lesson, attempt: .solution, reuseProgram: false)
        #expect(solution == CellResult(cellIndex: exercise.solutionCell, outcome: .completed, output: "solving\n"))
    }

    @Test func aTrapFailsTheAttemptWithItsMessage() throws {
        let (lesson, exercise) = exerciseLesson(
            starter: "func triple(_ x: Double) -> Double { [1.0][3] }",
            solution: "func triple(_ x: Double) -> Double { 3 * x }", checks: Self.checks)
        let starter = try makeRunner().runExercise(exercise, in: lesson, attempt: .starter, reuseProgram: false)
        guard case .trapped(let message, let location) = starter.outcome else {
            Issue.record("expected a trap, got \(starter.outcome)")
            return
        }
        #expect(message == "Fatal error: Index out of range")
        #expect(location?.line == lesson.cells[1].firstCodeLine)
    }

    @Test func compileErrorsInAWorkspaceFileNameItsLines() throws {
        let (lesson, exercise) = exerciseLesson(
            starter: "func triple(_ x: Double) -> Double { 0 }",
            solution: "func triple(_ x: Double) -> Double { 3 * x }", checks: Self.checks)
        let file = "// Exercise 1: Triple\n\nfunc triple(_ x: Double) -> Double {\n    return x * \"3\"\n}\n"
        let result = try makeRunner().runExercise(
            exercise, in: lesson, attempt: .workspace(code: file, path: "workspace/01-test/1-triple.swift"))
        guard case .compileError(let diagnostics) = result.outcome else {
            Issue.record("expected a compile error, got \(result.outcome)")
            return
        }
        #expect(diagnostics.first?.location?.path == "workspace/01-test/1-triple.swift")
        #expect(diagnostics.first?.location?.line == 4)

        let right = "func triple(_ x: Double) -> Double {\n    x * 3\n}\n"
        let passed = try makeRunner().runExercise(
            exercise, in: lesson, attempt: .workspace(code: right, path: "workspace/01-test/1-triple.swift"))
        #expect(passed.passedChecks)
    }

    @Test func aBrokenContextIsNotTheAttemptsFault() throws {
        let (lesson, exercise) = exerciseLesson(
            before: ["import Neural\nrequirePositive(-1)"],
            starter: "func triple(_ x: Double) -> Double { 0 }",
            solution: "func triple(_ x: Double) -> Double { 3 * x }", checks: Self.checks)
        let solution = try makeRunner().runExercise(exercise, in: lesson, attempt: .solution, reuseProgram: false)
        guard case .contextFailed(let diagnostic) = solution.outcome else {
            Issue.record("expected a context failure, got \(solution.outcome)")
            return
        }
        #expect(diagnostic.message == "the lesson's cells before the exercise trapped: Fatal error: expected a positive number, got -1.0")
    }

    @Test func aLessonRunChecksItsExercises() throws {
        let (lesson, _) = exerciseLesson(
            starter: "func triple(_ x: Double) -> Double { 0 }",
            solution: "func triple(_ x: Double) -> Double { 3 * x }", checks: Self.checks)
        let run = try makeRunner().run(useCache: false, lesson)
        #expect(run.exercises.map(\.number) == [1])
        #expect(run.exercises.first?.solution.passedChecks == true)
        #expect(run.exercises.first?.starter.passedChecks == false)
        #expect(run.results[1].outcome == .notRun)  // exercise cells are not part of the lesson's program
    }
}
