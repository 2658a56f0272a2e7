import Plumbing

/// What a cell's fence says about how to treat it (the words after `swift` in the info string).
public enum CellAttribute: String, CaseIterable, Hashable, Sendable, Codable {
    /// Compiled, not run.
    case noRun = "no-run"
    /// Neither compiled nor run; shown as code.
    case ignore
    /// Must fail to compile in the context of the earlier cells.
    case compileFail = "compile-fail"
    /// Must trap at run time; later cells still run.
    case trap
    /// Runs, but is not shown to readers.
    case hidden
    /// Runs; its output is shown but never compared.
    case nocheck
    /// An exercise's starting code, as the learner first sees it (with a `// TODO`). Never part
    /// of the lesson's program; `course check` proves it fails its checks.
    case exercise
    /// An exercise's reference solution: must pass the exercise's checks. Shown only where a
    /// renderer decides (after the learner passes, or asks).
    case solution
    /// Assertions (`expect(condition, message)`) run after an exercise's code; never shown.
    case check

    /// The three kinds of cell that make up an exercise.
    public static let exerciseKinds: Set<CellAttribute> = [.exercise, .solution, .check]
}

/// Where a fenced block sits in the source, precisely enough to rewrite its content in place.
public struct FenceSpan: Hashable, Sendable {
    /// 1-based line of the opening fence.
    public var openingLine: Int
    /// 1-based line of the closing fence.
    public var closingLine: Int
    /// The fence itself, e.g. "```" or "~~~~".
    public var fence: String
    /// What stands before the fence on its line: indentation and container markers such as
    /// "> ". Lines written into the block get this prefix (list-item markers become spaces).
    public var linePrefix: String

    public init(openingLine: Int, closingLine: Int, fence: String, linePrefix: String) {
        self.openingLine = openingLine
        self.closingLine = closingLine
        self.fence = fence
        self.linePrefix = linePrefix
    }

    /// 1-based line numbers of the content between the fences (empty for an empty block).
    public var contentLines: Range<Int> { (openingLine + 1)..<closingLine }
}

/// An `output` block that follows a cell: the output the author expects.
public struct OutputBlock: Hashable, Sendable {
    /// The block's text, as cmark gives it (container prefixes removed), ending in "\n" unless empty.
    public var text: String
    public var span: FenceSpan

    public init(text: String, span: FenceSpan) {
        self.text = text
        self.span = span
    }
}

/// One Swift code block of a lesson.
public struct Cell: Hashable, Sendable {
    /// Position among the lesson's cells, from 0.
    public var index: Int
    public var attributes: Set<CellAttribute>
    /// The code exactly as written (container prefixes removed), ending in "\n" unless empty.
    public var code: String
    public var span: FenceSpan
    /// 0-based column where the code's lines start in the Markdown file (the fence's
    /// indentation plus container markers); restored in generated code so compiler columns
    /// match the Markdown.
    public var codeColumnOffset: Int
    public var output: OutputBlock?
    public var path: String

    public init(
        index: Int, attributes: Set<CellAttribute>, code: String, span: FenceSpan,
        codeColumnOffset: Int, output: OutputBlock?, path: String
    ) {
        self.index = index
        self.attributes = attributes
        self.code = code
        self.span = span
        self.codeColumnOffset = codeColumnOffset
        self.output = output
        self.path = path
    }

    /// The opening fence's location: where a cell's problems are reported when no finer
    /// location is known.
    public var location: SourceLocation { SourceLocation(path: path, line: span.openingLine) }
    /// 1-based line of the first line of code.
    public var firstCodeLine: Int { span.openingLine + 1 }
    /// The Markdown lines the cell's code takes: its block's content, or more lines when the
    /// code is a learner's longer edit (the notebook).
    public var codeLines: Range<Int> { firstCodeLine..<(firstCodeLine + SourceLines(code).count) }

    public func has(_ attribute: CellAttribute) -> Bool { attributes.contains(attribute) }

    /// Whether the cell is part of the lesson's program and runs in it.
    public var runs: Bool { !has(.ignore) && !has(.noRun) && !has(.compileFail) && !isExercisePart }
    /// Whether its output is compared with its output block.
    public var isChecked: Bool { !has(.nocheck) && !has(.ignore) && !has(.noRun) && !isExercisePart }
    /// Whether readers (site, terminal) see it. `solution` cells count as shown: each renderer
    /// decides when (a disclosure on the site; after passing, or on request, in the terminal).
    public var isShown: Bool { !has(.hidden) && !has(.check) }
    /// Whether it is an `exercise`, `solution` or `check` cell (see `Lesson.exercises`).
    public var isExercisePart: Bool { !attributes.isDisjoint(with: CellAttribute.exerciseKinds) }

    /// The code a reader sees: lines between `// snippet.hide` and `// snippet.show`, and
    /// those marker lines themselves, removed.
    public var shownCode: String { shownLines.map(\.text).joined(separator: "\n") }

    /// The lines a reader sees (see `shownCode`), each with its 1-based Markdown line.
    public var shownLines: [(line: Int, text: Substring)] {
        var shown: [(line: Int, text: Substring)] = []
        var hiding = false
        for (offset, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingWhitespace()
            if trimmed == "// snippet.hide" { hiding = true; continue }
            if trimmed == "// snippet.show" { hiding = false; continue }
            if !hiding { shown.append((firstCodeLine + offset, line)) }
        }
        return shown
    }
}
