/// The words and marks of a verdict that more than one stage writes or reads: how a failed
/// expectation stands in an attempt's output, how a passed exercise is announced. The runtime
/// (`CourseSupport`) reports expectations as events, never as this text; the runner's reader
/// writes them into the output with `failedExpectation(_:)`, and the checker and the
/// exercise loop read them back only through this type.
public enum VerdictText {
    /// The mark of a failure, before its message.
    public static let failureMark = "✗"
    /// The mark of a pass.
    public static let passMark = "✓"

    /// A failed expectation as the learner reads it in an attempt's output: `✗ message`.
    public static func failedExpectation(_ message: String) -> String { failureMark + " " + message }

    /// Whether an output line is a failed expectation of `result` (so it can be shown as one).
    public static func isFailedExpectation(_ line: Substring, of result: CellResult) -> Bool {
        result.failedExpectations.contains { failedExpectation($0) == line }
    }

    /// What an exercise that passed says: `all checks passed`.
    public static let allChecksPassed = "all checks passed"
}
