import CourseModel
import CourseSupport
import Plumbing

/// Turns a lesson's cells into one Swift program (`main.swift`), each cell behind a
/// `#sourceLocation` so every diagnostic and every trap names the Markdown line and column.
enum ProgramGenerator {
    /// The lesson's program: every cell that runs, in document order, each announced by a
    /// marker; `trap` cells run in a forked copy so the program goes on after them.
    ///
    /// With `exercises`, each exercise's two attempts (its solution, then its starting code)
    /// run at the exercise's place, each in a forked copy that has the state of the cells
    /// before it: the attempt's code and the exercise's checks inside one `do { }` (so the two
    /// attempts' declarations do not clash), then `_CourseExercise.finish()`. One compile and
    /// one run then check a whole lesson with its exercises, instead of a program per attempt
    /// that runs every earlier cell again.
    static func program(for lesson: Lesson, exercises: Bool = false) -> String {
        var out = prelude
        let attemptsAt = exercises ? Dictionary(lesson.exercises.map { ($0.exerciseCell, $0) }, uniquingKeysWith: { a, _ in a }) : [:]
        for cell in lesson.cells {
            if let exercise = attemptsAt[cell.index] {
                for (kind, code) in [(AttemptKind.solution, exercise.solutionCell), (.starter, exercise.exerciseCell)] {
                    out += "if _CourseExercise.beginAttempt(\(exercise.number), .\(kind.rawValue)) {\ndo {\n"
                    out += located(lesson.cells[code]) + checks(of: exercise, in: lesson)
                    out += "}\n_CourseExercise.finish()\n}\n"
                }
            }
            guard cell.runs else { continue }
            if cell.has(.trap) {
                out += "if _CourseCell.beginTrapping(\(cell.index)) {\n"
                out += located(cell)
                out += "_CourseCell.endTrapping()\n}\n"
            } else {
                out += "_CourseCell.begin(\(cell.index))\n"
                out += located(cell)
            }
        }
        out += "_CourseCell.end()\n"
        return out
    }

    /// A program for compiling (not running) `cell` in the context of the cells that run before it:
    /// how `no-run` and `compile-fail` cells are checked.
    static func typecheckProgram(for cell: Cell, in lesson: Lesson) -> String {
        var out = prelude
        for earlier in lesson.cells[..<cell.index] where earlier.runs {
            out += earlier.has(.trap) ? "if Bool(\"true\")! {\n" + located(earlier) + "}\n" : located(earlier)
        }
        out += located(cell)
        return out
    }

    /// A program that runs one attempt at `exercise`: the lesson's runnable cells before the
    /// exercise cell (each announced by a marker; `trap` cells are type-checked but skipped),
    /// then, behind the exercise cell's marker, the attempt's code and the exercise's checks,
    /// then `_CourseExercise.finish()`. The attempt's code is its cell's (at its Markdown lines)
    /// or a workspace file's, behind `#sourceLocation(file: <its path>, line: 1)` so errors
    /// name the learner's file and line.
    static func exerciseProgram(for exercise: Exercise, in lesson: Lesson, attempt: ExerciseAttempt) -> String {
        var out = prelude
        for earlier in lesson.cells[..<exercise.exerciseCell] where earlier.runs {
            if earlier.has(.trap) {
                out += "if Bool(\"false\")! {\n" + located(earlier) + "}\n"
            } else {
                out += "_CourseCell.begin(\(earlier.index))\n" + located(earlier)
            }
        }
        out += "_CourseCell.begin(\(exercise.exerciseCell))\n"
        switch attempt {
        case .solution: out += located(lesson.cells[exercise.solutionCell])
        case .starter: out += located(lesson.cells[exercise.exerciseCell])
        case .workspace(let code, let path):
            out += "#sourceLocation(file: \(Escape.swiftStringLiteral(path)), line: 1)\n"
            out += code.hasSuffix("\n") || code.isEmpty ? code : code + "\n"
            out += "#sourceLocation()\n"
        }
        out += checks(of: exercise, in: lesson)
        out += "_CourseExercise.finish()\n"
        return out
    }

    /// The exercise's `check` cells, each at its Markdown lines.
    static func checks(of exercise: Exercise, in lesson: Lesson) -> String {
        exercise.checkCells.map { located(lesson.cells[$0]) }.joined()
    }

    typealias AttemptKind = CourseRuntimeEvent.AttemptKind

    static let prelude = "import \(RuntimeSupport.moduleName)\n_CourseCell.start()\n"

    /// The cell's code behind `#sourceLocation`, each line indented as in the Markdown so
    /// compiler columns match the file; an `isolated` cell inside a `do { }` (its leading
    /// `import` lines before it, where imports must stand); around each statement of a `prints`
    /// cell that has `// Prints` comments, the markers that let the runner tell its output
    /// apart, each followed by a `#sourceLocation` back to the next line.
    static func located(_ cell: Cell) -> String {
        var code = cell.code
        if code.hasSuffix("\n") { code.removeLast() }
        let lines = code.isEmpty ? [] : code.split(separator: "\n", omittingEmptySubsequences: false)
        var inserted: [Int: [String]] = [:]  // code lines to write before line i
        for (index, expectation) in cell.printsExpectations.enumerated() {
            inserted[expectation.statementLines.lowerBound, default: []].append("_CourseCell.statement(\(index))")
            inserted[expectation.statementLines.upperBound + 1, default: []].append("_CourseCell.statementEnd()")
        }
        var closing = ""
        if cell.has(.isolated), !cell.has(.trap) {
            let imports = lines.prefix { line in
                let trimmed = line.trimmingWhitespace()
                return trimmed.isEmpty || trimmed.hasPrefix("//") || trimmed.hasPrefix("import ") || trimmed.hasPrefix("@testable import ")
            }.count
            inserted[imports, default: []].insert("do {", at: 0)
            closing = "}\n"
        }
        func sourceLocation(_ offset: Int) -> String {
            "#sourceLocation(file: \(Escape.swiftStringLiteral(cell.path)), line: \(cell.firstCodeLine + offset))\n"
        }
        var out = sourceLocation(0)
        for (offset, line) in lines.enumerated() {
            if let code = inserted[offset] { out += code.map { $0 + "\n" }.joined() + sourceLocation(offset) }
            out += line.isEmpty ? "\n" : String(repeating: " ", count: cell.columnOffset(ofLine: offset)) + line + "\n"
        }
        out += (inserted[lines.count] ?? []).map { $0 + "\n" }.joined()
        out += closing
        out += "#sourceLocation()\n"
        return out
    }
}
