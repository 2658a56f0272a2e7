/// The words and marks of verdicts, in the one place that writes them: the marks (`✓`, `✗`),
/// a cell's status (`✓ passed`, `✗ failed`, `skipped`), a verdict's word in reports, how a
/// failed expectation stands in an attempt's output, how a passed exercise is announced.
///
/// The runtime (`CourseSupport`) reports expectations as events, never as text: the runner's
/// reader writes them into the attempt's output with `failedExpectation(_:)`, and the checker
/// and the exercise loop recognise them only through this type.
public enum VerdictText {
    /// The mark of a failure, before its message.
    public static let failureMark = "✗"
    /// The mark of a pass.
    public static let passMark = "✓"

    /// A cell's status as readers see it: `✓ passed`, `✗ failed`, `skipped`.
    public static func status(_ verdict: Verdict) -> String {
        switch verdict {
        case .passed: passMark + " " + word(verdict)
        case .failed: failureMark + " " + word(verdict)
        case .skipped: word(verdict)
        }
    }

    /// The verdict's word in reports (JSON, progress lines): `passed`, `failed`, `skipped`.
    public static func word(_ verdict: Verdict) -> String {
        switch verdict {
        case .passed: "passed"
        case .failed: "failed"
        case .skipped: "skipped"
        }
    }

    /// A lesson's status in `course list`: `✓ passed`, or `✗ 2 failed`.
    public static func lessonStatus(failed: Int) -> String {
        failed == 0 ? status(.passed) : "\(failureMark) \(failed) failed"
    }

    /// A problem or a failure line: `✗ message`.
    public static func failure(_ message: String) -> String { failureMark + " " + message }

    /// A failed expectation as the learner reads it in an attempt's output: `✗ message`.
    public static func failedExpectation(_ message: String) -> String { failure(message) }

    /// Whether an output line is a failed expectation of `result` (so it can be shown as one).
    public static func isFailedExpectation(_ line: Substring, of result: CellResult) -> Bool {
        result.failedExpectations.contains { failedExpectation($0) == line }
    }

    /// What an exercise that passed says: `all checks passed`.
    public static let allChecksPassed = "all checks passed"

    /// A solved exercise in the exercise loop's list: `✓ solved`.
    public static let solved = passMark + " solved"
}
