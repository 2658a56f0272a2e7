import CourseModel
import Plumbing

/// Reads a lesson's Markdown into a `Lesson`: front matter, the document tree, and its Swift
/// cells with their output blocks and exact source positions.
public enum LessonParser {
    /// Parses one lesson.
    ///
    /// The steps: split the text into lines as cmark does ("\n", "\r\n" or "\r"); read and
    /// blank the YAML front matter; let cmark find paragraphs and headings; find the pipe
    /// tables among them (outside display math) and read each table line as a thematic break;
    /// replace the math in paragraphs, headings and table cells by placeholders; parse again
    /// with cmark, and each table's cells as inlines; convert the tree, turning Swift code
    /// blocks into cells, attaching `output` blocks and putting each table in its place. Line
    /// numbers never shift, so every position is the Markdown file's.
    ///
    /// - Parameters:
    ///   - source: The file's text, exactly as read; kept as `Lesson.source`.
    ///   - path: The path to name in diagnostics and cells.
    /// - Returns: The lesson, when the file has no problem.
    /// - Throws: Every problem found (stage `.parse`), sorted by line: bad front matter,
    ///   unknown or conflicting cell attributes, unterminated fences, misplaced output blocks,
    ///   exercises missing a part or with a part too many.
    public static func parse(source: String, path: String) throws(Diagnostics) -> Lesson {
        let lines = SourceLines(source)
        let frontMatter = FrontMatterParser.parse(lines, path: path)

        var markdownLines = lines.lines
        for index in 0..<frontMatter.lastLine { markdownLines[index] = [] }
        let firstTree = CMarkConverter.parse(SourceLines.joined(markdownLines))
        let tables = PipeTables.find(lines: markdownLines, tree: firstTree) {
            MathSpans.displayMathLines(lines: markdownLines, regions: MathSpans.regions(in: firstTree, lines: markdownLines))
        }
        var tree = tables.tree
        let tableLines = tables.tableLines
        let math = MathSpans.extract(
            lines: tables.lines, regions: MathSpans.regions(in: tree, lines: tables.lines, protected: tableLines))
        // The lesson as cmark reads it once math and tables are taken out (a table is read only
        // where there is one, so the text is joined only then).
        let rewritten = !math.spans.isEmpty || !tables.tables.isEmpty ? SourceLines.joined(math.lines) : nil
        if let rewritten { tree = CMarkConverter.parse(rewritten) }
        var spans = math.spans
        let cells = PipeTables.inlines(of: tables.tables, spans: &spans, references: rewritten ?? "")

        var builder = DocumentBuilder(
            path: path, fences: FenceScanner(lines: lines), math: spans, parsedLines: math.lines,
            tables: tables.tables, tableLines: tableLines, cells: cells)
        let document = builder.build(tree)
        var grouper = ExerciseGrouper(path: path, cells: builder.cells)
        let exercises = grouper.group(builder.events)

        let problems = (frontMatter.diagnostics + builder.diagnostics + grouper.diagnostics).enumerated()
            .sorted { ($0.element.location?.line ?? 0, $0.offset) < ($1.element.location?.line ?? 0, $1.offset) }
            .map(\.element)
        guard problems.isEmpty else { throw Diagnostics(problems) }
        return Lesson(
            path: path, source: source, frontMatter: frontMatter.frontMatter, document: document,
            cells: builder.cells, exercises: exercises)
    }
}
