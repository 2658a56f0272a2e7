import CourseModel
import Testing
@testable import LessonExecution
import TestSupport

@Suite(.offThePool) struct LessonRunnerTests {
    @Test func cellsShareStateAndEachGetsItsOwnOutput() throws {
        let run = try makeRunner().run(useCache: false, lesson([
            ([], "import Neural\nlet x = double(21)"),
            ([], "print(x)\nprint(\"two\")"),
            ([], "import Foundation\nFileHandle.standardError.write(\"to stderr\\n\".data(using: .utf8)!)\nprint(\"after\")"),
        ]))
        #expect(run.problems.isEmpty)
        #expect(run.results.map(\.outcome) == [.completed, .completed, .completed])
        #expect(run.results.map(\.output) == ["", "42.0\ntwo\n", "to stderr\nafter\n"])
    }

    @Test func trapCellTrapsAndLaterCellsStillRun() throws {
        let run = try makeRunner().run(useCache: false, lesson([
            ([], "var counter = 1"),
            ([.trap], "counter += 100\nprint(\"before\")\nlet numbers = [1, 2]\nprint(numbers[counter])"),
            ([], "print(\"counter is\", counter)"),
        ]))
        #expect(run.results[1].outcome == .trapped(
            message: "Fatal error: Index out of range", location: SourceLocation(path: "Lessons/01-test.md", line: 15, column: 14)))
        #expect(run.results[1].output == "before\nFatal error: Index out of range\n")
        // The trap ran in a copy of the program: its change to `counter` is gone.
        #expect(run.results[2] == CellResult(cellIndex: 2, outcome: .completed, output: "counter is 1\n"))
    }

    @Test func aCellThatDoesNotTrapIsReportedAsCompleted() throws {
        let run = try makeRunner().run(useCache: false, lesson([([.trap], "print(\"fine\")"), ([], "print(\"next\")")]))
        #expect(run.results.map(\.outcome) == [.completed, .completed])
        #expect(run.results.map(\.output) == ["fine\n", "next\n"])
    }

    @Test func libraryChecksNameTheLessonLine() throws {
        let run = try makeRunner().run(useCache: false, lesson([([], "import Neural\nprint(\"checking\")\nrequirePositive(-1)"), ([], "print(1)")]))
        #expect(run.results[0].outcome == .trapped(
            message: "Fatal error: expected a positive number, got -1.0",
            location: SourceLocation(path: "Lessons/01-test.md", line: 4, column: 1)))
        #expect(run.results[0].output == "checking\nFatal error: expected a positive number, got -1.0\n")
        #expect(run.results[1].outcome == .notRun)
    }

    @Test func runtimeFailuresWithoutAMessageAreNamed() throws {
        let run = try makeRunner().run(useCache: false, lesson([([], "var big = Int.max - CommandLine.arguments.count + 1\nbig += 1")]))
        guard case .trapped(let message, let location) = run.results[0].outcome else {
            Issue.record("expected a trap, got \(run.results[0].outcome)")
            return
        }
        #expect(message == "Swift runtime failure: arithmetic overflow")
        #expect(location?.line == 3)
    }

    @Test func compileErrorsPointAtTheMarkdownLineAndColumn() throws {
        let run = try makeRunner().run(useCache: false, lesson([
            ([], "let fine = 1"),
            ([], "let x: Int = \"text\""),
            ([], "print(fine)"),
        ]))
        guard case .compileError(let diagnostics) = run.results[1].outcome else {
            Issue.record("expected a compile error, got \(run.results[1].outcome)")
            return
        }
        #expect(diagnostics.map(\.location) == [SourceLocation(path: "Lessons/01-test.md", line: 12, column: 14)])
        #expect(diagnostics.map(\.message) == ["cannot convert value of type 'String' to specified type 'Int'"])
        #expect(run.results[0].outcome == .notRun)
        #expect(run.results[2].outcome == .notRun)
    }

    @Test func compileFailAndNoRunCellsAreCompiledInContext() throws {
        let run = try makeRunner().run(useCache: false, lesson([
            ([], "let count = 3"),
            ([.compileFail], "count = 4"),
            ([.noRun], "while true { print(count) }"),
            ([.compileFail], "print(count)"),
            ([.ignore], "this is not Swift"),
        ]))
        #expect(run.results[1].outcome.isCompileError)
        #expect(run.results[1].output == "error: cannot assign to value: 'count' is a 'let' constant\n")
        #expect(run.results[2].outcome == .compiled)
        #expect(run.results[3].outcome == .compiled)
        #expect(run.results[4].outcome == .notRun)
    }

    @Test func theTimeoutKillsTheProgramAndNamesTheCell() throws {
        let run = try makeRunner().run(useCache: false, lesson([([], "print(\"start\")"), ([], "while true {}"), ([], "print(1)")], timeout: 1))
        #expect(run.results[0].outcome == .completed)
        #expect(run.results[1].outcome == .timedOut(seconds: 1))
        #expect(run.results[2].outcome == .notRun)
    }

    @Test func capturedOutputIsCapped() throws {
        let run = try makeRunner(outputLimit: 1000).run(useCache: false, lesson([
            ([], "let line = String(repeating: \"x\", count: 99)\nfor _ in 0..<100_000 { print(line) }"),
            ([], "print(\"still here\")"),
        ]))
        #expect(run.results[0].output.utf8.count == 1000)
        #expect(run.results[0].truncated)
        #expect(run.results[1].output == "still here\n")
    }

    @Test func aCellThatExitsStopsTheLesson() throws {
        let run = try makeRunner().run(useCache: false, lesson([([], "import Foundation\nprint(\"bye\")\nexit(3)"), ([], "print(1)")]))
        #expect(run.results[0].outcome == .exited(status: 3))
        #expect(run.results[0].output == "bye\n")
        #expect(run.results[1].outcome == .notRun)
    }

    @Test func aBackgroundChildHoldingTheOutputDoesNotHangTheRunner() throws {
        let run = try makeRunner().run(useCache: false, lesson([([], "import Foundation\nlet p = Process()\np.executableURL = URL(fileURLWithPath: \"/bin/sleep\")\np.arguments = [\"30\"]\ntry p.run()\nprint(\"spawned\")")], timeout: 20))
        #expect(run.results[0] == CellResult(cellIndex: 0, outcome: .completed, output: "spawned\n"))
    }

    @Test func outputThatIsNotUTF8IsRepaired() throws {
        let run = try makeRunner().run(useCache: false, lesson([([], "import Foundation\nFileHandle.standardOutput.write(Data([0x61, 0xFF, 0x62, 0x0A]))")]))
        #expect(run.results[0].output == "a\u{FFFD}b\n")
    }
}

extension Outcome {
    var isCompileError: Bool { if case .compileError = self { true } else { false } }
}

@Suite(.offThePool) struct FaultTests {
    @Test func aTimeoutKillsTheWholeProcessGroup() throws {
        let run = try makeRunner().run(lesson([
            ([], "import Foundation\nlet sleeper = Process()\nsleeper.executableURL = URL(fileURLWithPath: \"/bin/sleep\")\nsleeper.arguments = [\"300\"]\ntry sleeper.run()\nprint(sleeper.processIdentifier)"),
            ([], "while true {}"),
        ], timeout: 2), useCache: false)
        #expect(run.results[1].outcome == .timedOut(seconds: 2))
        let pid = try #require(Int32(run.results[0].output.trimmingCharacters(in: .whitespacesAndNewlines)))
        // The grandchild was in the lesson's process group: it is gone (or a zombie being reaped).
        var gone = false
        for _ in 0..<50 where !gone {
            let status = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            gone = status.isEmpty || status.contains(") Z ")
            if !gone { usleep(20_000) }
        }
        #expect(gone)
    }

    @Test func aHundredMegabytesOfOutputIsCappedAndTheLessonGoesOn() throws {
        let run = try makeRunner(outputLimit: 1 << 20).run(lesson([
            ([], "let line = String(repeating: \"y\", count: 1023)\nfor _ in 0..<100_000 { print(line) }"),
            ([], "print(\"after\")"),
        ]), useCache: false)
        #expect(run.results[0].output.utf8.count == 1 << 20)
        #expect(run.results[0].truncated)
        #expect(run.results[1].output == "after\n")
    }
}

import Foundation
