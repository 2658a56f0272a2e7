import CourseModel
import OutputChecking

/// What `course check` found in one lesson.
public struct LessonReport: Sendable {
    public var file: CourseLayout.LessonFile
    /// Nil when the lesson could not be read or parsed.
    public var lesson: Lesson?
    public var run: LessonRun?
    /// One verdict per judged cell (ignore cells are not judged), in document order.
    public var verdicts: [(cell: Cell, verdict: Verdict)]
    /// Problems that belong to the lesson rather than a cell (parse errors, a program that cannot start).
    public var problems: [Diagnostic]
    /// Output blocks `--update` rewrote or added, by the line of their cell.
    public var updatedLines: [Int]
    /// Numbers the lesson's text still quotes from outputs that `--update` changed (warnings).
    public var staleQuotes: [StaleQuotes.Quote] = []

    public var passed: Int { verdicts.filter { $0.verdict == .passed }.count }
    public var failed: Int { verdicts.filter { if case .failed = $0.verdict { true } else { false } }.count + problems.count }
    public var skipped: Int { verdicts.filter { if case .skipped = $0.verdict { true } else { false } }.count }

    /// Every failure, in line order.
    public var diagnostics: [Diagnostic] {
        problems + verdicts.flatMap { entry -> [Diagnostic] in
            if case .failed(let diagnostics) = entry.verdict { return diagnostics }
            return []
        }
    }
}

/// What `course check` found in the whole course.
public struct CheckReport: Sendable {
    public var lessons: [LessonReport]
    /// Problems that stop every lesson (the library does not compile, no lessons found).
    public var problems: [Diagnostic]

    public var passed: Int { lessons.map(\.passed).reduce(0, +) }
    public var failed: Int { lessons.map(\.failed).reduce(0, +) + problems.count }
    public var skipped: Int { lessons.map(\.skipped).reduce(0, +) }
    public var succeeded: Bool { failed == 0 }

    /// The closing line CI and people read alike: `N passed, N failed` (`, N skipped` when some were).
    public var summary: String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}
