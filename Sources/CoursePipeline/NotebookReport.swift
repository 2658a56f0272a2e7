import Charts
import CourseModel
import Foundation

/// A judged run of a notebook, as the API answers it: for every cell that ran (or failed to
/// compile), what the page shows under it. The output is `JudgedLesson.shownOutput(of:)` and
/// the verdict `course check`'s, so the notebook says what the check and the site say.
struct NotebookReport: Encodable {
    struct Part: Encodable {
        var text: String?
        var chart: String?
    }

    struct Problem: Encodable {
        var line: Int?
        var column: Int?
        var severity: String
        var message: String

        init(_ diagnostic: Diagnostic) {
            line = diagnostic.location?.line
            column = diagnostic.location?.column
            severity = "error"
            message = diagnostic.detail.map { diagnostic.message + "\n" + $0 } ?? diagnostic.message
        }
    }

    struct CellEntry: Encodable {
        var line: Int
        var edited: Bool
        var output: String
        var parts: [Part]
        /// `passed`, `failed` or `skipped` (`course check`'s words), or `ran` for a cell whose
        /// output is not checked.
        var verdict: String
        /// Why it failed or was skipped, a trap's message, a timeout.
        var message: String?
        /// The output block the lesson shows under the cell, if any.
        var expected: String?
        /// Where `output` comes from when it is the lesson's block (`ShownOutput.note`: "as
        /// written, checked" where this run matched it); nil for what the cell printed.
        var note: String?
        var diagnostics: [Problem]
    }

    var cells: [CellEntry]
    var timedOut: Bool
    var seconds: Double
    /// Problems of the lesson as a whole (a library that does not build, say).
    var problems: [Problem]

    init(judged: JudgedLesson, edited: Set<Int>, seconds: Double) {
        self.seconds = seconds
        let shownCells = (judged.lesson?.cells ?? []).filter { !$0.has(.hidden) && !$0.isExercisePart }
        // A compile error of the lesson's program is the lesson's problem, at a line: it
        // belongs to the cell whose code holds that line (an edited cell may be longer now).
        func owner(of problem: Diagnostic) -> Int? {
            guard let line = problem.location?.line else { return nil }
            // The line after the code too: where "expected '}'" is reported.
            return shownCells.first { (($0.firstCodeLine)...($0.codeLines.upperBound)).contains(line) }?.index
        }
        var owned: [Int: [Diagnostic]] = [:]
        var unowned: [Diagnostic] = []
        for problem in judged.problems {
            if let index = owner(of: problem) { owned[index, default: []].append(problem) } else { unowned.append(problem) }
        }
        problems = unowned.map(Problem.init)
        var timedOut = false
        var cells: [CellEntry] = []
        for cell in shownCells {
            guard let result = judged.result(of: cell) else { continue }
            let verdict = judged.verdicts[cell.index]
            if case .notRun = result.outcome, verdict == nil, owned[cell.index] == nil { continue }
            // What this run printed (not the lesson's text, shown where a cell did not run).
            let shown = judged.shownOutput(of: cell).flatMap { $0.isFromRun ? $0 : nil }
            var entry = CellEntry(
                line: cell.span.openingLine, edited: edited.contains(cell.span.openingLine), output: shown?.text ?? "",
                parts: Self.parts(shown), verdict: verdict.map(VerdictText.word) ?? "ran", message: nil,
                expected: cell.output?.text, note: shown?.note, diagnostics: [])
            if let errors = owned[cell.index] {
                entry.diagnostics = errors.map(Problem.init)
                entry.verdict = "failed"
                entry.message = "does not compile"
            }
            if case .timedOut = result.outcome { timedOut = true }
            if let (message, diagnostics) = Self.explanation(of: result.outcome) {
                (entry.message, entry.diagnostics) = (message, diagnostics)
            }
            if entry.message == nil, case .failed(let diagnostics)? = verdict {
                entry.message = diagnostics.map(\.message).joined(separator: "\n")
            }
            if case .skipped(let reason)? = verdict, entry.message == nil { entry.message = reason }
            cells.append(entry)
        }
        self.cells = cells
        self.timedOut = timedOut
    }

    /// What the page says under a cell or an exercise that did not simply run: a message,
    /// and the compiler's errors; nil when it ran to the end.
    static func explanation(of outcome: Outcome) -> (message: String, diagnostics: [Problem])? {
        switch outcome {
        case .compileError(let diagnostics): ("does not compile", diagnostics.map(Problem.init))
        case .trapped(let message, _): (message, [])
        case .timedOut(let seconds): ("timed out: the lesson's program was killed after \(Int(seconds)) s", [])
        case .exited(let status): ("the program exited with status \(status)", [])
        case .contextFailed(let diagnostic): (diagnostic.message, [])
        default: nil
        }
    }

    /// Text and charts in the order the cell showed them (charts drawn as the site draws them).
    static func parts(_ shown: ShownOutput?) -> [Part] {
        (shown?.pieces ?? []).compactMap { piece in
            switch piece {
            case .text(let text): Part(text: text)
            case .chart(let chart): (try? ChartPayload.svg(chart.payload)).map { Part(chart: $0) }
            }
        }
    }

    /// One check of an exercise.
    struct Exercise: Encodable {
        var passed: Bool
        var failures: [String]
        var output: String
        var diagnostics: [Problem]
        var message: String?

        init(result: CellResult, lessonPath: String) {
            passed = result.passedChecks
            failures = result.failedExpectations
            output = result.output
            (message, diagnostics) = NotebookReport.explanation(of: result.outcome) ?? (nil, [])
        }
    }
}
