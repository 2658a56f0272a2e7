import CourseModel

/// Judges a cell's result against what its attributes and output block promise.
///
/// One rule per attribute (ARCHITECTURE.md, "The lesson format, rule by rule"): a plain cell must run to its end
/// and print what its output block says; `trap` must trap; `compile-fail` must not compile;
/// `no-run` must compile; `nocheck` output is never compared; `ignore` is not judged.
public enum CellChecker {
    /// Whether the cell is judged at all (`ignore` cells are only shown).
    /// An exercise is judged once, at its `exercise` cell: its `solution` and `check` cells are not
    /// judged (nor counted) on their own.
    public static func isJudged(_ cell: Cell) -> Bool { !cell.has(.ignore) && !cell.has(.solution) && !cell.has(.check) }

    /// The verdict of every judged cell of a lesson's run, in document order; an `exercise`
    /// cell's is its exercise's (see `verdict(for:solution:starter:lesson:)`).
    public static func verdicts(for lesson: Lesson, run: LessonRun, color: Bool = false) -> [(cell: Cell, verdict: Verdict)] {
        lesson.cells.filter(isJudged).map { cell in
            guard cell.has(.exercise) else { return (cell, verdict(for: cell, result: run.results[cell.index], color: color)) }
            guard let exercise = lesson.exercise(containingCell: cell.index),
                  let runs = run.exercises.first(where: { $0.number == exercise.number }) else {
                return (cell, .skipped("not run: the exercise was not checked"))
            }
            return (cell, verdict(for: exercise, solution: runs.solution, starter: runs.starter, lesson: lesson))
        }
    }

    /// An exercise passes when its solution passes its checks and its unmodified starting code
    /// does not (so it cannot be solved by doing nothing). Reported at the `exercise` cell.
    public static func verdict(for exercise: Exercise, solution: CellResult, starter: CellResult,
                               lesson: Lesson) -> Verdict {
        let location = SourceLocation(path: lesson.path, line: exercise.line)
        if case .contextFailed = solution.outcome { return .skipped("not checked: the lesson's cells before the exercise fail") }
        var problems: [Diagnostic] = []
        if !solution.passedChecks {
            problems += failure(solution, at: location, subject: "the solution")
        }
        if starter.passedChecks {
            problems.append(Diagnostic(.check, at: location,
                "the unmodified exercise already passes its checks: an exercise must need work (make a check fail on the starting code)"))
        } else if case .contextFailed(let diagnostic) = starter.outcome {
            problems.append(diagnostic)
        }
        return problems.isEmpty ? .passed : .failed(problems)
    }

    /// Why an attempt at an exercise failed, as `course check` and `course exercise` say it:
    /// "<subject> fails its checks: ✗ message", "... does not compile", "... trapped: message"...
    public static func failure(_ result: CellResult, at location: SourceLocation, subject: String) -> [Diagnostic] {
        let printed = indented(result.output)
        switch result.outcome {
        case .completed:
            let messages = result.failedExpectations
            guard let first = messages.first.map(VerdictText.failedExpectation) else { return [] }
            // The detail shows what else it printed (more failures, its own output), not the first failure again.
            var rest = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let line = rest.firstIndex(of: first) { rest.remove(at: line) }
            return [Diagnostic(.check, at: location, "\(subject) fails its checks: \(first)"
                               + (messages.count > 1 ? " (and \(messages.count - 1) more)" : ""),
                               detail: indented(rest.joined(separator: "\n")))]
        case .compileError(let diagnostics):
            return [Diagnostic(.compile, at: location, "\(subject) does not compile with its checks")] + diagnostics
        case .trapped(let message, let trapLocation):
            // The output ends with the trap's message, already in the diagnostic's message.
            let before = result.output.hasSuffix(message + "\n") ? String(result.output.dropLast(message.count + 1)) : result.output
            return [Diagnostic(.run, at: trapLocation ?? location, "\(subject) trapped: \(message)", detail: indented(before))]
        case .timedOut(let seconds):
            return [Diagnostic(.run, at: location, "\(subject) timed out: killed after \(formatSeconds(seconds)) s", detail: printed)]
        case .exited(let status):
            return [Diagnostic(.run, at: location, "\(subject) exited with status \(status) before its checks finished", detail: printed)]
        case .contextFailed(let diagnostic):
            return [diagnostic]
        case .notRun, .compiled:
            return [Diagnostic(.run, at: location, "\(subject) did not run")]
        }
    }

    public static func verdict(for cell: Cell, result: CellResult, color: Bool = false) -> Verdict {
        switch (result.outcome, expectation(of: cell)) {
        case (.notRun, _), (.contextFailed, _):
            return .skipped("not run: an earlier cell of the lesson failed")
        case (.compileError, .compileFailure):
            return compare(cell, result, color: color) ?? .passed
        case (.compileError(let diagnostics), _):
            return .failed(diagnostics)
        case (.compiled, .compileFailure):
            return .failed([Diagnostic(.check, at: cell.location, "expected this `compile-fail` cell not to compile, but it compiled")])
        case (.compiled, _):
            return .passed
        case (.trapped, .trap):
            return compare(cell, result, color: color) ?? .passed
        case (.trapped(let message, let location), _):
            // The output ends with the trap's message, already in the diagnostic's message.
            let printed = result.output.hasSuffix(message + "\n") ? String(result.output.dropLast(message.count + 1)) : result.output
            return .failed([Diagnostic(.run, at: location ?? cell.location, "trapped: \(message)",
                                       detail: indented(printed))])
        case (.completed, .trap):
            return .failed([Diagnostic(.check, at: cell.location, "expected this `trap` cell to trap, but it ran to its end")])
        case (.completed, _):
            return compare(cell, result, color: color) ?? .passed
        case (.timedOut(let seconds), _):
            return .failed([Diagnostic(.run, at: cell.location,
                "timed out: the lesson's program was killed after \(formatSeconds(seconds)) s while this cell ran (raise `timeout` in the front matter if it needs longer)",
                detail: indented(result.output))])
        case (.exited(let status), _):
            return .failed([Diagnostic(.run, at: cell.location,
                "the program exited with status \(status) during this cell, so later cells did not run",
                detail: indented(result.output))])
        }
    }

    /// The actual text an output block should hold for this cell, when the outcome is the one the
    /// cell promises (so `--update` never writes a crash into a block); nil otherwise.
    public static func promotableOutput(for cell: Cell, result: CellResult) -> String? {
        guard cell.isChecked, !cell.has(.prints) else { return nil }
        switch (result.outcome, expectation(of: cell)) {
        case (.completed, .completion), (.trapped, .trap), (.compileError, .compileFailure): return result.output
        default: return nil
        }
    }

    enum Expectation { case completion, trap, compileFailure, compilation }

    static func expectation(of cell: Cell) -> Expectation {
        if cell.has(.compileFail) { return .compileFailure }
        if cell.has(.trap) { return .trap }
        if cell.has(.noRun) { return .compilation }
        return .completion
    }

    /// What each of a `prints` cell's statements printed, by expectation index, where it does
    /// not match its `// Prints` comments and the cell ran to its end (what `--update` writes
    /// into the comments); empty otherwise.
    public static func promotablePrints(for cell: Cell, result: CellResult) -> [Int: String] {
        guard cell.has(.prints), result.outcome == .completed else { return [:] }
        return Dictionary(uniqueKeysWithValues: mismatchedPrints(cell, result).map { ($0.index, $0.actual) })
    }

    /// The statements of a `prints` cell that printed something other than their `// Prints`
    /// comments state: each with its index among the cell's expectations and what it printed.
    static func mismatchedPrints(_ cell: Cell, _ result: CellResult) -> [(index: Int, expectation: PrintsExpectation, actual: String)] {
        cell.printsExpectations.enumerated().compactMap { index, expectation in
            let actual = result.statementOutputs[index] ?? ""
            return OutputMatcher.matches(expected: expectation.expected, actual: actual) ? nil : (index, expectation, actual)
        }
    }

    /// A `prints` cell's statements against their `// Prints` comments: one failure per
    /// statement that printed something else, at its first comment's line.
    static func comparePrints(_ cell: Cell, _ result: CellResult, color: Bool) -> Verdict? {
        let failures = mismatchedPrints(cell, result).map { _, expectation, actual in
            let line = cell.firstCodeLine + expectation.comments[0].line
            let statement = cell.firstCodeLine + expectation.statementLines.lowerBound
            let diff = OutputDiff.unified(expected: expectation.expected, actual: actual, color: color)
            return Diagnostic(.check, at: SourceLocation(path: cell.path, line: line),
                              "`// Prints` does not match what the statement at line \(statement) printed", detail: indented(diff))
        }
        return failures.isEmpty ? nil : .failed(failures)
    }

    /// Nil when there is nothing to compare or the output matches.
    static func compare(_ cell: Cell, _ result: CellResult, color: Bool) -> Verdict? {
        if cell.has(.prints), cell.isChecked { return comparePrints(cell, result, color: color) }
        guard cell.isChecked, let block = cell.output else { return nil }
        if OutputMatcher.matches(expected: block.text, actual: result.output) { return nil }
        var message = "output does not match (cell at line \(cell.span.openingLine))"
        if result.truncated { message += "; the cell's output was cut at the capture limit" }
        let diff = OutputDiff.unified(expected: block.text, actual: result.output, color: color)
        return .failed([Diagnostic(.check, at: SourceLocation(path: cell.path, line: block.span.openingLine),
                                   message, detail: indented(diff))])
    }

    static func indented(_ text: String) -> String? {
        let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
        guard !trimmed.isEmpty else { return nil }
        return trimmed.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
