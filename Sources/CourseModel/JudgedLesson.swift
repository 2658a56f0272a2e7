import Plumbing

/// A lesson after the runner ran it and the checker judged it: what every consumer works
/// from (`course check` reports it, `course build` and `course serve` render it, `course read`
/// shows it, the notebook reruns it). Made by one function, `Workbench.judge` in
/// CoursePipeline, so every consumer says what `course check` says.
public struct JudgedLesson: Sendable {
    public var file: CourseLayout.LessonFile
    /// Nil when the lesson could not be read or parsed (then `problems` says why).
    public var lesson: Lesson?
    /// What its program did; nil when it did not run (it could not be parsed, or is not run yet).
    public var run: LessonRun?
    /// The verdict of each judged cell (all but `ignore`, `solution` and `check` cells), by
    /// cell index; an `exercise` cell's is its exercise's.
    public var verdicts: [Int: Verdict]
    /// Problems that belong to the lesson rather than a cell (parse errors, a program that
    /// cannot start, an update that could not be written).
    public var problems: [Diagnostic]
    /// Output blocks `--update` rewrote or added, by the line of their cell.
    public var updatedLines: [Int]
    /// `prints` cells whose `// Prints` comments `--update` rewrote, by their line.
    public var updatedPrintsLines: [Int] = []
    /// Numbers the lesson's text still quotes from outputs that `--update` changed (warnings).
    public var staleQuotes: [StaleQuote]

    public init(file: CourseLayout.LessonFile, lesson: Lesson?, run: LessonRun? = nil, verdicts: [Int: Verdict] = [:],
                problems: [Diagnostic] = [], updatedLines: [Int] = [], staleQuotes: [StaleQuote] = []) {
        self.file = file
        self.lesson = lesson
        self.run = run
        self.verdicts = verdicts
        self.problems = problems
        self.updatedLines = updatedLines
        self.staleQuotes = staleQuotes
    }

    /// The judged cells with their verdicts, in document order.
    public var judgedCells: [(cell: Cell, verdict: Verdict)] {
        (lesson?.cells ?? []).compactMap { cell in verdicts[cell.index].map { (cell, $0) } }
    }

    public var passed: Int { verdicts.values.filter { $0 == .passed }.count }
    /// Failed cells, plus problems of the lesson.
    public var failed: Int { verdicts.values.filter(\.isFailure).count + problems.count }
    public var skipped: Int { verdicts.values.filter(\.isSkipped).count }

    /// Every failure, the lesson's problems first, then the cells' in document order.
    public var diagnostics: [Diagnostic] {
        problems + judgedCells.flatMap { entry -> [Diagnostic] in
            if case .failed(let diagnostics) = entry.verdict { return diagnostics }
            return []
        }
    }

    /// What the cell's run did, once the lesson ran.
    public func result(of cell: Cell) -> CellResult? {
        guard let results = run?.results, results.indices.contains(cell.index) else { return nil }
        return results[cell.index]
    }

    /// The output a reader sees under `cell`: the one rule for the site, the terminal reader and
    /// the notebook (README, "What the outputs show").
    ///
    /// - A cell that ran and whose output block matched (a checked cell, verdict passed): the
    ///   block as the lesson writes it (`.checkedBlock`), with the charts the run showed. It agrees
    ///   with the real output to the precision written, and it is what the prose is written
    ///   against (`0.1`, not `0.100000024`).
    /// - A cell that ran with no block, a `nocheck` cell, a cell that failed its check: what it
    ///   really printed, and the charts it showed (`.run`); for a `compile-fail` cell, the
    ///   compiler's errors.
    /// - A cell that did not run (not yet, skipped after an earlier failure, `no-run`, `ignore`):
    ///   the block the lesson wrote (`.lesson`).
    /// - Nothing for a cell that failed to compile (its diagnostics say why) or shows nothing.
    public func shownOutput(of cell: Cell) -> ShownOutput? {
        let result = result(of: cell)
        if let result, result.outcome.ran || cell.has(.compileFail) && !result.output.isEmpty {
            if let written = cell.output?.text, cell.isChecked, verdicts[cell.index] == .passed {
                let shown = ShownOutput(text: written, charts: result.richOutputs, truncated: false, source: .checkedBlock)
                return shown.isEmpty ? nil : shown
            }
            let shown = ShownOutput(text: result.output, charts: result.richOutputs, truncated: result.truncated, source: .run)
            return shown.isEmpty ? nil : shown
        }
        if case .compileError? = result?.outcome { return nil }
        guard let written = cell.output?.text else { return nil }
        let shown = ShownOutput(text: written, charts: [], truncated: false, source: .lesson)
        return shown.isEmpty ? nil : shown
    }
}

/// The output shown under a cell (see `JudgedLesson.shownOutput(of:)`).
public struct ShownOutput: Hashable, Sendable {
    /// The text, as printed or written.
    public var text: String
    /// Charts and other rich values, each at the line of `text` it came after.
    public var charts: [RichOutput]
    /// The run's output was cut at the capture limit.
    public var truncated: Bool
    /// Where the text comes from.
    public var source: Source

    /// Where a shown output's text comes from (see `JudgedLesson.shownOutput(of:)`).
    public enum Source: Hashable, Sendable {
        /// What the cell printed in this run.
        case run
        /// The lesson's output block, which this run's output matched.
        case checkedBlock
        /// The lesson's output block; the cell did not run.
        case lesson
    }

    public init(text: String, charts: [RichOutput], truncated: Bool, source: Source) {
        self.text = text
        self.charts = charts
        self.truncated = truncated
        self.source = source
    }

    /// Whether this run backs the text: it printed it, or printed what matched it.
    public var isFromRun: Bool { source != .lesson }

    /// What readers are told about the text, after the word "Output" (site, terminal): nil for
    /// what the cell printed; for the lesson's block, whether this run checked it.
    public var note: String? {
        switch source {
        case .run: nil
        case .checkedBlock: "as written, checked"
        case .lesson: "as written, not run"
        }
    }

    var isEmpty: Bool { text.trimmingTrailingNewlines().isEmpty && charts.isEmpty && !truncated }

    /// One piece of what a reader sees: a run of text lines, or a chart between them.
    public enum Piece: Hashable, Sendable {
        case text(String)
        case chart(RichOutput)
    }

    /// The text (trailing newlines dropped) cut where each chart was shown, in order: how the
    /// site and the notebook lay out a cell's output. A chart is placed after the line it
    /// followed in the run; a lesson's block that is shorter (a `...` line stood for many) gets
    /// the charts of its missing lines at its end.
    public var pieces: [Piece] {
        var lines = String(text.trimmingTrailingNewlines()).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines == [""] { lines = [] }
        var pieces: [Piece] = []
        var position = 0
        func addText(upTo end: Int) {
            let end = min(max(end, position), lines.count)
            if end > position { pieces.append(.text(lines[position..<end].joined(separator: "\n"))) }
            position = end
        }
        for chart in charts.filter({ $0.kind == "chart" }).sorted(by: { $0.line < $1.line }) {
            addText(upTo: chart.line)
            pieces.append(.chart(chart))
        }
        addText(upTo: lines.count)
        return pieces
    }
}

/// The whole course after `course check`: its landing page, its judged lessons in course
/// order, and the problems that stopped every lesson.
public struct JudgedCourse: Sendable {
    public var layout: CourseLayout?
    /// `Lessons/index.md`, the landing page, if the course has one.
    public var index: Lesson?
    public var lessons: [JudgedLesson]
    /// Problems that stop every lesson (the library does not compile, no lessons found).
    public var problems: [Diagnostic]

    public init(layout: CourseLayout? = nil, index: Lesson? = nil, lessons: [JudgedLesson], problems: [Diagnostic] = []) {
        self.layout = layout
        self.index = index
        self.lessons = lessons
        self.problems = problems
    }

    public var passed: Int { lessons.map(\.passed).reduce(0, +) }
    public var failed: Int { lessons.map(\.failed).reduce(0, +) + problems.count }
    public var skipped: Int { lessons.map(\.skipped).reduce(0, +) }
    public var succeeded: Bool { failed == 0 }

    /// The closing line CI and people read alike: `N passed, N failed` (`, N skipped` when some were).
    public var summary: String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }

    /// The course's title: `course.yml`'s, else the landing page's.
    public var title: String { layout?.configuration.title ?? index?.title ?? "Course" }
}

extension Verdict {
    public var isFailure: Bool { if case .failed = self { true } else { false } }
    public var isSkipped: Bool { if case .skipped = self { true } else { false } }
}
