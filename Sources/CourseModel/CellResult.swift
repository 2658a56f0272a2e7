/// What happened when a cell was compiled and run.
public enum CellOutcome: Hashable, Sendable, Codable {
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

/// A value richer than text that a cell showed (a chart), carried through the output stream.
public struct RichOutput: Hashable, Sendable, Codable {
    /// What the payload is, e.g. `chart`.
    public var kind: String
    /// The value, as its producer encoded it (JSON for charts).
    public var payload: String
    /// How many lines of the cell's text output came before it, so renderers can put it in place.
    public var line: Int

    public init(kind: String, payload: String, line: Int) {
        self.kind = kind
        self.payload = payload
        self.line = line
    }
}

/// One cell's result: its outcome and the text it printed (stdout and stderr, interleaved as written).
public struct CellResult: Hashable, Sendable, Codable {
    public var cellIndex: Int
    public var outcome: CellOutcome
    /// Everything the cell wrote, in order; for a trap it ends with the trap's message line;
    /// for a `compile-fail` cell it is the compiler's errors (`error: ...`, one per line).
    /// Rich outputs are not part of it: the text stays checkable.
    public var output: String
    /// Whether the output was cut at the capture limit.
    public var truncated: Bool
    /// Charts and other rich values the cell showed, in order.
    public var richOutputs: [RichOutput]

    public init(cellIndex: Int, outcome: CellOutcome, output: String = "", truncated: Bool = false,
                richOutputs: [RichOutput] = []) {
        self.cellIndex = cellIndex
        self.outcome = outcome
        self.output = output
        self.truncated = truncated
        self.richOutputs = richOutputs
    }
}

/// A whole lesson's execution: one result per cell, in order, plus problems that belong to no single cell.
public struct LessonRun: Hashable, Sendable, Codable {
    public var results: [CellResult]
    public var problems: [Diagnostic]
    /// Each exercise's solution and starting code run against its checks, in exercise order.
    public var exercises: [ExerciseRuns]
    /// Whether this run was read from the cache rather than executed.
    public var fromCache: Bool
    /// Seconds the run (or the cache lookup) took, when measured.
    public var duration: Double?

    public init(results: [CellResult], problems: [Diagnostic] = [], exercises: [ExerciseRuns] = [], fromCache: Bool = false) {
        self.results = results
        self.problems = problems
        self.exercises = exercises
        self.fromCache = fromCache
    }
}
