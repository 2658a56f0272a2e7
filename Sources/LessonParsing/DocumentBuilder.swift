import CourseModel
import Plumbing

/// Turns cmark's tree into the lesson's `MarkdownNode` document and its cells: Swift code
/// blocks become cells, `output` blocks join the cell before them, math placeholders become
/// math nodes, a table stands where its lines' thematic breaks do, and every problem found on
/// the way is collected.
struct DocumentBuilder {
    let path: String
    let fences: FenceScanner
    let math: [MathSpans.Span]
    /// The lines cmark parsed (front matter blanked, math replaced), for asking it how it reads
    /// a line written into a block (`contentPrefix`).
    let parsedLines: [[UInt8]]
    /// The lesson's pipe tables, by header line, and their cells' inlines (`PipeTables`).
    let tables: [Int: PipeTables.Table]
    let tableCells: [Int: [[[CMarkNode]]]]
    /// Every line of every table: cmark read each as a thematic break.
    let tableLines: Set<Int>
    private(set) var cells: [Cell] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Headings, cells and hints in document order, for grouping exercises.
    private(set) var events: [ExerciseGrouper.Event] = []

    init(path: String, fences: FenceScanner, math: [MathSpans.Span], parsedLines: [[UInt8]],
         tables: [PipeTables.Table], tableLines: Set<Int>, cells: [Int: [[[CMarkNode]]]]) {
        self.path = path
        self.fences = fences
        self.math = math
        self.parsedLines = parsedLines
        self.tables = Dictionary(tables.map { ($0.headerLine, $0) }, uniquingKeysWith: { first, _ in first })
        self.tableCells = cells
        self.tableLines = tableLines
    }

    mutating func build(_ root: CMarkNode) -> MarkdownNode {
        .document(blocks(root.children, containerEnd: .max))
    }

    private func location(_ line: Int) -> SourceLocation { SourceLocation(path: path, line: line) }

    private mutating func report(_ line: Int, _ message: String) {
        diagnostics.append(Diagnostic(.parse, at: location(line), message))
    }

    /// The blocks of one container, in order; a cell and the output block after it are one node.
    /// `containerEnd` is the last line of the innermost enclosing block quote or list item.
    private mutating func blocks(_ nodes: [CMarkNode], containerEnd: Int) -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        /// The cell that the previous sibling ended, and the line where it (or its output) ends.
        var previousCell: (index: Int, endLine: Int)?
        for node in nodes {
            if node.kind == .thematicBreak, tableLines.contains(node.startLine) {
                // A table line: the table stands at its header's; its other lines add nothing.
                if let table = table(at: node.startLine) { result.append(table) }
                previousCell = nil
                continue
            }
            guard node.kind == .codeBlock,
                  let fence = fences.openingFence(line: node.startLine, column: node.startColumn, literal: node.literal)
            else {
                result.append(block(node, containerEnd: containerEnd))
                previousCell = nil
                continue
            }
            // Both are needed. cmark leaves a closing fence out of the code and keeps every other
            // line in it, so the block is closed only if its code has one line fewer than its
            // lines after the opening fence: a last line that looks like a fence but is indented
            // too far (a tab is four columns) is code (found by fuzzing). And cmark's last line
            // may be a blank one after the block (in a block quote), which only the fence check
            // tells apart. And a block that its container's end closes (a list item or a block
            // quote that stops before the line) has no closing fence either, however that line
            // looks: cmark gives such a block the end line of what stopped the container.
            let codeLines = node.literal.utf8.count { $0 == UInt8(ascii: "\n") }
            let closed = node.endLine > node.startLine && codeLines == node.endLine - node.startLine - 1
                && node.endLine <= containerEnd && fences.isClosingFence(line: node.endLine, for: fence)
            if !closed { report(node.startLine, "unterminated code fence (opened with \(fence.fence) here)") }
            let span = FenceSpan(
                openingLine: node.startLine, closingLine: closed ? node.endLine : node.endLine + 1,
                fence: fence.fence, linePrefix: fence.linePrefix,
                contentPrefix: closed ? contentPrefix(for: fence, openingLine: node.startLine) : nil)

            switch CellAttributes.classify(info: node.info) {
            case .swiftCell(let words):
                let (attributes, problems) = CellAttributes.parse(words: words, at: location(node.startLine))
                diagnostics += problems
                let index = cells.count
                cells.append(Cell(
                    index: index, attributes: attributes, code: node.literal, span: span,
                    codeColumnOffset: fence.column, lineColumnOffsets: lineColumnOffsets(of: node.literal, from: span.openingLine + 1),
                    printsExpectations: attributes.contains(.prints) ? printsExpectations(node.literal, firstLine: span.openingLine + 1) : [],
                    output: nil, path: path))
                result.append(.cell(index))
                events.append(.cell(index))
                previousCell = (index, span.closingLine)
                continue
            case .output:
                if let previous = previousCell, fences.onlyBlankLines(between: previous.endLine, and: node.startLine) {
                    let cell = cells[previous.index]
                    if cell.has(.prints) {
                        report(node.startLine, "the `prints` cell at line \(cell.span.openingLine) is checked by its `// Prints` comments: it takes no output block")
                    } else if cell.output == nil {
                        cells[previous.index].output = OutputBlock(text: node.literal, span: span)
                        previousCell = (previous.index, span.closingLine)
                        continue
                    } else {
                        report(node.startLine, "second output block after the Swift cell at line \(cell.span.openingLine) (a cell has at most one)")
                    }
                } else {
                    report(node.startLine, "output block with no Swift cell before it")
                }
            case .other:
                break
            }
            result.append(.codeBlock(info: node.info, code: node.literal))
            previousCell = nil
        }
        return result
    }

    /// How a line written between the fences of the block opening at `openingLine` must start
    /// so that cmark reads back exactly the text after it. Without a tab before the fence it is
    /// the fence's prefix; with one, cmark may count the tab's unused columns as spaces of the
    /// content (it measures a fence's indentation in characters, a half-used tab as one), so a
    /// probe line tells how many spaces too many the prefix gives.
    private func contentPrefix(for fence: FenceScanner.Fence, openingLine: Int) -> String {
        guard fence.hasTab, openingLine <= parsedLines.count else { return fence.linePrefix }
        let probe = " \u{1}probe"
        var lines = parsedLines
        lines.insert(Array((fence.linePrefix + probe).utf8), at: openingLine)
        let tree = CMarkConverter.parse(SourceLines.joined(lines), inlines: false)  // a code block's text is all it reads
        guard let block = tree.first(where: { $0.kind == .codeBlock && $0.startLine == openingLine }),
              let read = block.literal.split(separator: "\n", omittingEmptySubsequences: false).first,
              read.hasSuffix(probe), read.dropLast(probe.count).allSatisfy({ $0 == " " })
        else { return fence.linePrefix }
        let extra = read.count - probe.count
        guard fence.linePrefix.hasSuffix(String(repeating: " ", count: extra)) else { return fence.linePrefix }
        return String(fence.linePrefix.dropLast(extra))
    }

    /// A `prints` cell's expectations; its comments that cannot be checked, and a cell with
    /// none, are problems at their lines.
    private mutating func printsExpectations(_ code: String, firstLine: Int) -> [PrintsExpectation] {
        let (expectations, problems) = PrintsComments.read(code)
        for problem in problems { report(firstLine + problem.line, problem.message) }
        if expectations.isEmpty, problems.isEmpty {
            report(firstLine - 1, "this `prints` cell has no `// Prints \"…\"` comment after a statement: nothing in it would be checked")
        }
        return expectations
    }

    /// For each line of a cell's code (from Markdown line `firstLine`), the bytes before it on
    /// its line: cmark removes up to the fence's indentation, less where the line has less.
    private func lineColumnOffsets(of code: String, from firstLine: Int) -> [Int] {
        var codeLines = code.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if code.hasSuffix("\n") { codeLines.removeLast() }
        return codeLines.enumerated().map { offset, line in max(0, fences.lines[firstLine + offset].count - line.count) }
    }

    private mutating func block(_ node: CMarkNode, containerEnd: Int) -> MarkdownNode {
        switch node.kind {
        case .document: return .document(blocks(node.children, containerEnd: containerEnd))
        case .blockQuote:
            let position = events.count
            let quote = MarkdownNode.blockQuote(blocks(node.children, containerEnd: min(containerEnd, node.endLine)))
            if let hint = quote.hintContent { events.insert(.hint(hint, line: node.startLine), at: position) }
            return quote
        case .list:
            return .list(
                ordered: node.listOrdered, start: node.listStart, tight: node.listTight,
                node.children.map { block($0, containerEnd: containerEnd) })
        case .item: return .item(blocks(node.children, containerEnd: min(containerEnd, node.endLine)))
        case .codeBlock: return .codeBlock(info: node.info, code: node.literal)  // indented: never a cell
        case .htmlBlock, .customBlock: return .htmlBlock(node.literal)
        case .paragraph:
            let content = inlines(node.children)
            if content.count == 1, case .displayMath(let tex) = content[0] { return .displayMath(tex) }
            return .paragraph(content)
        case .heading:
            let content = inlines(node.children)
            events.append(.heading(MarkdownNode.plainText(content), line: node.startLine))
            return .heading(level: node.headingLevel, content, line: node.startLine)
        case .thematicBreak: return .thematicBreak
        default: return .paragraph(inlines([node]))  // an inline where a block belongs: never made by cmark
        }
    }

    /// The table whose header is on `line`, with its cells' inlines.
    private func table(at line: Int) -> MarkdownNode? {
        guard let table = tables[line], let rows = tableCells[line], let header = rows.first else { return nil }
        return .table(MarkdownTable(
            alignments: table.alignments, header: header.map(inlines),
            rows: rows.dropFirst().map { $0.map(inlines) }, line: line))
    }

    private func inlines(_ nodes: [CMarkNode]) -> [MarkdownNode] {
        let converted = nodes.map { node -> MarkdownNode in
            switch node.kind {
            case .text: .text(node.literal)
            case .softBreak: .softBreak
            case .lineBreak: .lineBreak
            case .code: .code(raw(node.literal))
            case .htmlInline, .customInline: .htmlInline(raw(node.literal))
            case .emphasis: .emphasis(inlines(node.children))
            case .strong: .strong(inlines(node.children))
            case .link: .link(destination: raw(node.url), title: raw(node.title), inlines(node.children))
            case .image: .image(source: raw(node.url), title: raw(node.title), inlines(node.children))
            default: .text(raw(node.literal))  // a block where an inline belongs: never made by cmark
            }
        }
        return MathSpans.resolve(converted, spans: math)
    }

    private func raw(_ text: String) -> String { MathSpans.restoreRaw(text, spans: math) }
}
