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
    /// Checked by its `// Prints "x"` comments (the Swift book's style): each statement they
    /// follow must print what they say (`Cell.printsExpectations`).
    case prints
    /// Runs in a scope of its own (a `do { }` block): it sees the cells before it, and what it
    /// declares is gone after it, so the next cell may declare the same names.
    case isolated

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
    /// "> ", with list-item markers and tabs turned into spaces. A new block written after this
    /// one gets it before each of its lines.
    public var linePrefix: String
    /// What a line written between the fences needs before it so that cmark reads back
    /// exactly the text after it: `linePrefix`, unless a tab before the fence makes cmark use
    /// the fence's indentation differently (it counts a half-used tab as one space there).
    public var contentPrefix: String

    public init(openingLine: Int, closingLine: Int, fence: String, linePrefix: String, contentPrefix: String? = nil) {
        self.openingLine = openingLine
        self.closingLine = closingLine
        self.fence = fence
        self.linePrefix = linePrefix
        self.contentPrefix = contentPrefix ?? linePrefix
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

/// A `// Prints` comment of a `prints` cell: one line of output the statement before it prints.
public struct PrintsComment: Hashable, Sendable {
    /// 0-based line of the cell's code.
    public var line: Int
    /// Byte offset of the comment's `//` in that line.
    public var column: Int
    /// The line of output it states (`x` in `// Prints "x"` and in `// Prints x`).
    public var text: String
    /// Whether it is written in quotes, as the Swift book writes it.
    public var quoted: Bool
    /// Whether code stands before it on its line (`print(x) // Prints "1"`).
    public var trailing: Bool

    public init(line: Int, column: Int, text: String, quoted: Bool, trailing: Bool) {
        (self.line, self.column, self.text, self.quoted, self.trailing) = (line, column, text, quoted, trailing)
    }

    /// The comment that states `line` (what `--update` writes): quoted as the Swift book
    /// quotes it when `quoted`, and whenever the unquoted form would not read back as `line`
    /// (it is empty, starts with a space, or is itself in quotes).
    public static func written(stating line: String, quoted: Bool) -> String {
        let needsQuotes = quoted || line.isEmpty || line.first?.isWhitespace == true || (line.hasPrefix("\"") && line.hasSuffix("\""))
        return needsQuotes ? "// Prints \"\(line)\"" : "// Prints \(line)"
    }
}

/// What a `prints` cell promises about one of its top-level statements: the `// Prints`
/// comments after it state every line it prints.
public struct PrintsExpectation: Hashable, Sendable {
    /// 0-based lines of the cell's code that the statement takes.
    public var statementLines: ClosedRange<Int>
    /// The comments that state its output, in order.
    public var comments: [PrintsComment]

    public init(statementLines: ClosedRange<Int>, comments: [PrintsComment]) {
        self.statementLines = statementLines
        self.comments = comments
    }

    /// The output the comments state: each comment's text as a line.
    public var expected: String { comments.map { $0.text + "\n" }.joined() }
}

/// One Swift code block of a lesson.
public struct Cell: Hashable, Sendable {
    /// Position among the lesson's cells, from 0.
    public var index: Int
    public var attributes: Set<CellAttribute>
    /// The code exactly as written (container prefixes removed), ending in "\n" unless empty.
    /// Changing it (a learner's edit) forgets `lineColumnOffsets` and `printsExpectations`,
    /// which describe the code as written.
    public var code: String {
        didSet {
            lineColumnOffsets = []
            printsExpectations = []
        }
    }
    public var span: FenceSpan
    /// 0-based column where the code's lines start in the Markdown file (the fence's
    /// indentation plus container markers); restored in generated code so compiler columns
    /// match the Markdown.
    public var codeColumnOffset: Int
    /// For each line of `code`, the bytes that stand before it on its Markdown line (cmark
    /// removes up to the fence's indentation, so a line indented less than its fence starts
    /// further left); empty when unknown (then every line has `codeColumnOffset`).
    public var lineColumnOffsets: [Int]
    /// A `prints` cell's statements with `// Prints` comments, in order (else empty).
    public var printsExpectations: [PrintsExpectation]
    public var output: OutputBlock?
    public var path: String

    public init(
        index: Int, attributes: Set<CellAttribute>, code: String, span: FenceSpan,
        codeColumnOffset: Int, lineColumnOffsets: [Int] = [], printsExpectations: [PrintsExpectation] = [],
        output: OutputBlock?, path: String
    ) {
        self.index = index
        self.attributes = attributes
        self.code = code
        self.span = span
        self.codeColumnOffset = codeColumnOffset
        self.lineColumnOffsets = lineColumnOffsets
        self.printsExpectations = printsExpectations
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

    /// The bytes before the code's line `offset` (from 0) on its Markdown line.
    public func columnOffset(ofLine offset: Int) -> Int {
        lineColumnOffsets.indices.contains(offset) ? lineColumnOffsets[offset] : codeColumnOffset
    }

    /// Whether the cell is part of the lesson's program and runs in it.
    public var runs: Bool { !has(.ignore) && !has(.noRun) && !has(.compileFail) && !isExercisePart }
    /// Whether its output is compared with its output block (or, `prints`, its comments).
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
