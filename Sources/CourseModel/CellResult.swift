/// What happened when a cell, or an attempt at an exercise, was compiled and run: the one
/// outcome type of the runner, which `CellChecker` judges.
public enum Outcome: Hashable, Sendable, Codable {
    /// Ran to its end (an exercise attempt: its checks ran to their end; see
    /// `CellResult.failedExpectations`).
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
    /// An exercise attempt that was not judged: the lesson's cells before the exercise do not
    /// compile or run (the diagnostic says which), or the learner's file cannot be read.
    case contextFailed(Diagnostic)

    /// Whether the code ran (to its end or not), so its output is what it really printed.
    public var ran: Bool {
        switch self {
        case .completed, .trapped, .timedOut, .exited: return true
        case .notRun, .compiled, .compileError, .contextFailed: return false
        }
    }
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

/// One cell's result, or one exercise attempt's: its outcome and the text it printed (stdout
/// and stderr, interleaved as written).
public struct CellResult: Hashable, Sendable, Codable {
    public var cellIndex: Int
    public var outcome: Outcome
    /// Everything the cell wrote, in order; for a trap it ends with the trap's message line;
    /// for a `compile-fail` cell it is the compiler's errors (`error: ...`, one per line).
    /// Rich outputs are not part of it: the text stays checkable.
    public var output: String
    /// Whether the output was cut at the capture limit.
    public var truncated: Bool
    /// Charts and other rich values the cell showed, in order.
    public var richOutputs: [RichOutput]
    /// An exercise attempt's failed expectations (`expect`), in order. Each also stands in
    /// `output` where it happened, as `VerdictText.failedExpectation(message)`.
    public var failedExpectations: [String]
    /// A `prints` cell's statements' own output, by the index of their `// Prints`
    /// expectation (`Cell.printsExpectations`): each statement that ran to its end.
    public var statementOutputs: [Int: String]

    public init(cellIndex: Int, outcome: Outcome, output: String = "", truncated: Bool = false,
                richOutputs: [RichOutput] = [], failedExpectations: [String] = [], statementOutputs: [Int: String] = [:]) {
        self.cellIndex = cellIndex
        self.outcome = outcome
        self.output = output
        self.truncated = truncated
        self.richOutputs = richOutputs
        self.failedExpectations = failedExpectations
        self.statementOutputs = statementOutputs
    }

    /// An exercise attempt passed: its checks ran to their end and every expectation held.
    public var passedChecks: Bool { outcome == .completed && failedExpectations.isEmpty }
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
