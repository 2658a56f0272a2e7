import CourseModel
import Plumbing

/// Groups a lesson's `exercise`, `solution` and `check` cells and its hints into exercises,
/// and reports every part that does not belong (README, "Exercises").
///
/// An exercise is an `exercise` cell followed, before the next `exercise` cell or the end of
/// the lesson, by exactly one `solution` cell, one or more `check` cells and at most one hint.
/// Other cells may not sit between an exercise's first and last cell: they would be neither
/// the exercise's context (the runnable cells before it) nor clearly after it.
struct ExerciseGrouper {
    enum Event {
        case heading(String, line: Int)
        case cell(Int)
        case hint([MarkdownNode], line: Int)
    }

    let path: String
    let cells: [Cell]
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, cells: [Cell]) {
        self.path = path
        self.cells = cells
    }

    private struct Draft {
        var cell: Int
        var title: String?
        var solutions: [Int] = []
        var checks: [Int] = []
        var hint: [MarkdownNode]?
        /// Other cells seen after the exercise cell, while it was open.
        var others: [Int] = []
    }

    private mutating func report(_ line: Int, _ message: String) {
        diagnostics.append(Diagnostic(.parse, at: SourceLocation(path: path, line: line), message))
    }

    mutating func group(_ events: [Event]) -> [Exercise] {
        var exercises: [Exercise] = []
        var current: Draft?
        /// The last heading since the previous exercise cell.
        var heading: String?

        for event in events {
            switch event {
            case .heading(let text, _):
                heading = text
            case .hint(let content, let line):
                if current == nil {
                    report(line, "a hint (a block quote starting with **Hint:**) belongs after an `exercise` cell, and there is none before it")
                } else if current!.hint != nil {
                    report(line, "second hint for the exercise at line \(cells[current!.cell].span.openingLine) (an exercise has at most one)")
                } else {
                    current!.hint = content
                }
            case .cell(let index):
                let cell = cells[index]
                if let output = cell.output, cell.isExercisePart {
                    let kind = CellAttribute.allCases.first { CellAttribute.exerciseKinds.contains($0) && cell.has($0) }!
                    report(output.span.openingLine, "an output block cannot follow \(kind.withArticle) cell: an exercise's checks say whether it passes")
                }
                if cell.has(.exercise) {
                    if let draft = current { finish(draft, into: &exercises) }
                    current = Draft(cell: index, title: heading)
                    heading = nil
                } else if cell.has(.solution) {
                    guard current != nil else {
                        report(cell.span.openingLine, "a `solution` cell must follow an `exercise` cell, and there is none before it")
                        continue
                    }
                    if let first = current!.solutions.first {
                        report(cell.span.openingLine, "second `solution` cell for the exercise at line \(cells[current!.cell].span.openingLine) (the first is at line \(cells[first].span.openingLine); an exercise has exactly one)")
                    }
                    current!.solutions.append(index)
                } else if cell.has(.check) {
                    guard current != nil else {
                        report(cell.span.openingLine, "a `check` cell must follow an `exercise` cell, and there is none before it")
                        continue
                    }
                    current!.checks.append(index)
                } else if current != nil {
                    current!.others.append(index)
                }
            }
        }
        if let draft = current { finish(draft, into: &exercises) }
        return exercises
    }

    private mutating func finish(_ draft: Draft, into exercises: inout [Exercise]) {
        let line = cells[draft.cell].span.openingLine
        var complete = true
        if draft.solutions.isEmpty {
            report(line, "this exercise has no `solution` cell (it needs one, after it and before the next exercise)")
            complete = false
        }
        if draft.checks.isEmpty {
            report(line, "this exercise has no `check` cell (it needs at least one, after it and before the next exercise)")
            complete = false
        }
        let last = (draft.solutions + draft.checks).max() ?? draft.cell
        for other in draft.others where other < last {
            report(cells[other].span.openingLine, "a Swift cell cannot sit inside the exercise at line \(line) (between its `exercise` cell and its last `solution` or `check` cell): move it before the exercise or after its checks")
        }
        guard complete, draft.solutions.count == 1 else { return }
        let number = exercises.count + 1
        exercises.append(Exercise(
            number: number, title: Self.title(draft.title, number: number), exerciseCell: draft.cell,
            solutionCell: draft.solutions[0], checkCells: draft.checks, hint: draft.hint, line: line))
    }

    /// The heading without a leading "Exercise:" or "Exercise N:" (any case); "Exercise N"
    /// when there is no heading or nothing is left ("Exercises", "Exercise 2").
    static func title(_ heading: String?, number: Int) -> String {
        guard let heading else { return "Exercise \(number)" }
        var text = Substring(heading)
        text = text.trimmingWhitespace()
        let lower = text.lowercased()
        if lower.hasPrefix("exercise") {
            var rest = text.dropFirst("exercise".count)
            if rest.first == "s" || rest.first == "S" { rest = rest.dropFirst() }
            rest = rest.trimmingWhitespace()
            while let first = rest.first, first.isNumber { rest = rest.dropFirst() }
            rest = rest.trimmingWhitespace()
            if rest.isEmpty { return "Exercise \(number)" }
            if rest.first == ":" || rest.first == "." || rest.first == "—" || rest.first == "-" {
                rest = rest.dropFirst().trimmingWhitespace()
                if rest.isEmpty { return "Exercise \(number)" }
                return String(rest)
            }
        }
        return text.isEmpty ? "Exercise \(number)" : String(text)
    }
}

extension CellAttribute {
    /// "an `exercise`", "a `solution`", "a `check`".
    var withArticle: String { (self == .exercise ? "an" : "a") + " `\(rawValue)`" }
}
