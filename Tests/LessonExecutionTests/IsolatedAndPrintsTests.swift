import CourseModel
import Testing
@testable import LessonExecution
import TestSupport

/// `isolated` cells (a scope of their own), `prints` cells (each statement's own output) and
/// code lines indented less than their fence (their own columns).
@Suite(.offThePool) struct IsolatedAndPrintsTests {
    @Test func anIsolatedCellSeesEarlierCellsAndItsDeclarationsDoNotLeak() throws {
        let run = try makeRunner().run(useCache: false, lesson([
            ([], "let base = 10"),
            ([.isolated], "import Neural\nlet x = double(Double(base))\nprint(x)"),
            ([.isolated], "let x = \"again\"\nprint(x)"),
            ([], "let x = 1\nprint(x + base)"),
        ]))
        #expect(run.problems.isEmpty)
        #expect(run.results.map(\.output) == ["", "20.0\n", "again\n", "11\n"])
    }

    @Test func anIsolatedCellsErrorsKeepTheirLines() throws {
        let run = try makeRunner().run(useCache: false, lesson([([.isolated], "import Neural\nlet y: Int = \"text\"")]))
        guard case .compileError(let diagnostics) = run.results[0].outcome else {
            Issue.record("expected a compile error, got \(run.results[0].outcome)")
            return
        }
        #expect(diagnostics.map(\.location) == [SourceLocation(path: "Lessons/01-test.md", line: 3, column: 14)])
    }

    @Test func eachStatementOfAPrintsCellHasItsOwnOutput() throws {
        var built = lesson([([.prints], "print(\"before\")\nprint(1)\nfor i in 2...3 {\n    print(i)\n}\nprint(\"after\")")])
        built.cells[0].printsExpectations = [
            PrintsExpectation(statementLines: 1...1, comments: [PrintsComment(line: 1, column: 9, text: "1", quoted: true, trailing: true)]),
            PrintsExpectation(statementLines: 2...4, comments: [PrintsComment(line: 5, column: 0, text: "2", quoted: true, trailing: false)]),
        ]
        let run = try makeRunner().run(useCache: false, built)
        #expect(run.results[0].output == "before\n1\n2\n3\nafter\n")
        #expect(run.results[0].statementOutputs == [0: "1\n", 1: "2\n3\n"])
    }

    @Test func aLineIndentedLessThanItsFenceKeepsItsColumn() throws {
        // The fence is indented three spaces and the code line not at all (CommonMark spec
        // example 136): the error is at the line's own column 14, not 17.
        var built = lesson([([], "let x: Int = \"text\"")])
        built.cells[0].codeColumnOffset = 3
        built.cells[0].lineColumnOffsets = [0]
        let run = try makeRunner().run(useCache: false, built)
        guard case .compileError(let diagnostics) = run.results[0].outcome else {
            Issue.record("expected a compile error, got \(run.results[0].outcome)")
            return
        }
        #expect(diagnostics.map(\.location) == [SourceLocation(path: "Lessons/01-test.md", line: 2, column: 14)])
    }
}
