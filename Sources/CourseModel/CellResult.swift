/// What happened when a cell was compiled and run.
public enum CellOutcome: Hashable, Sendable {
    /// Ran to its end.
    case completed
    /// Did not run: `ignore`, or a lesson that failed before reaching it.
    case notRun
    /// Compiled without error and was not run (`no-run`).
    case compiled
    /// Failed to compile, with the compiler's diagnostics located in this cell.
    case compileError([Diagnostic])
    /// Trapped; the message is the runtime's ("Fatal error: Index out of range"),
    /// the location the Markdown line of the innermost lesson frame, if known.
    case trapped(message: String, location: SourceLocation?)
    /// Killed after the lesson's timeout while this cell ran.
    case timedOut(seconds: Double)
    /// The program exited (lesson code called `exit`) while this cell ran, so later cells did not run.
    case exited(status: Int32)
}

/// One cell's result: its outcome and the text it printed (stdout and stderr, interleaved as written).
public struct CellResult: Hashable, Sendable {
    public var cellIndex: Int
    public var outcome: CellOutcome
    /// Everything the cell wrote, in order; for a trap it ends with the trap's message line;
    /// for a `compile-fail` cell it is the compiler's errors (`error: ...`, one per line).
    public var output: String
    /// Whether the output was cut at the capture limit.
    public var truncated: Bool

    public init(cellIndex: Int, outcome: CellOutcome, output: String = "", truncated: Bool = false) {
        self.cellIndex = cellIndex
        self.outcome = outcome
        self.output = output
        self.truncated = truncated
    }
}

/// A whole lesson's execution: one result per cell, in order, plus problems that belong to no single cell.
public struct LessonRun: Hashable, Sendable {
    public var results: [CellResult]
    public var problems: [Diagnostic]

    public init(results: [CellResult], problems: [Diagnostic] = []) {
        self.results = results
        self.problems = problems
    }
}
