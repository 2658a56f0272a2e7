import Plumbing

/// One exercise of a lesson: starting code the learner completes, a reference solution, and
/// checks that run after either (README, "Exercises").
///
/// In the Markdown: an `exercise` cell, then (prose allowed in between) exactly one `solution`
/// cell and one or more `check` cells, and optionally one hint (a block quote whose first
/// paragraph starts with `**Hint:**`), all before the next `exercise` cell.
public struct Exercise: Hashable, Sendable {
    /// Position in the lesson, from 1.
    public var number: Int
    /// The nearest heading before the `exercise` cell (and after the previous exercise's cell),
    /// without a leading "Exercise:" / "Exercise N:"; else "Exercise N".
    public var title: String
    /// Index in `Lesson.cells` of the `exercise` cell (the starting code).
    public var exerciseCell: Int
    /// Index in `Lesson.cells` of the `solution` cell.
    public var solutionCell: Int
    /// Indexes in `Lesson.cells` of the `check` cells, in document order.
    public var checkCells: [Int]
    /// The hint block quote's content (its first paragraph still starts with the strong "Hint:");
    /// the block quote itself stays in `Lesson.document`, where `MarkdownNode.isHint` finds it.
    public var hint: [MarkdownNode]?
    /// 1-based line of the `exercise` cell's opening fence: where `course check` reports the exercise.
    public var line: Int

    public init(number: Int, title: String, exerciseCell: Int, solutionCell: Int, checkCells: [Int],
                hint: [MarkdownNode]?, line: Int) {
        self.number = number
        self.title = title
        self.exerciseCell = exerciseCell
        self.solutionCell = solutionCell
        self.checkCells = checkCells
        self.hint = hint
        self.line = line
    }

    /// Every cell of the exercise: the exercise, its solution and its checks.
    public var cellIndexes: [Int] { [exerciseCell, solutionCell] + checkCells }

    /// The hint as plain text, without its "Hint:" label (for terminals).
    public var hintText: String? {
        guard let hint else { return nil }
        var paragraphs: [String] = []
        for (position, block) in hint.enumerated() {
            var nodes: [MarkdownNode]
            switch block {
            case .paragraph(let children): nodes = children
            default: nodes = [block]
            }
            if position == 0, case .strong = nodes.first { nodes.removeFirst() }
            let text = MarkdownNode.plainText(nodes).trimmingWhitespace()
            if !text.isEmpty { paragraphs.append(String(text)) }
        }
        return paragraphs.joined(separator: "\n\n")
    }
}

extension MarkdownNode {
    /// The content of a hint: a block quote whose first paragraph starts with strong text
    /// "Hint:" (`> **Hint:** ...`); nil for any other node.
    public var hintContent: [MarkdownNode]? {
        guard case .blockQuote(let children) = self, case .paragraph(let inlines)? = children.first,
              case .strong(let label)? = inlines.first,
              MarkdownNode.plainText(label).trimmingWhitespace() == "Hint:" else { return nil }
        return children
    }

    /// Whether this node is an exercise's hint (renderers show it on request or in a disclosure).
    public var isHint: Bool { hintContent != nil }
}

/// Whose code an exercise program runs before the checks.
public enum ExerciseAttempt: Hashable, Sendable {
    /// The `solution` cell: `course check` requires that it passes.
    case solution
    /// The unmodified `exercise` cell: `course check` requires that it fails.
    case starter
    /// A learner's file: its whole text, and the path its errors should name (relative to the
    /// course root, where the compiler runs).
    case workspace(code: String, path: String)
}

/// `course check`'s two runs of one exercise: its solution (must pass) and its starting code (must fail).
public struct ExerciseRuns: Hashable, Sendable, Codable {
    public var number: Int
    /// The solution's attempt (its `cellIndex` is the solution cell's).
    public var solution: CellResult
    /// The unmodified starting code's attempt (its `cellIndex` is the exercise cell's).
    public var starter: CellResult

    public init(number: Int, solution: CellResult, starter: CellResult) {
        (self.number, self.solution, self.starter) = (number, solution, starter)
    }
}
