import CourseModel

/// Turns cmark's tree into the lesson's `MarkdownNode` document and its cells: Swift code
/// blocks become cells, `output` blocks join the cell before them, math placeholders become
/// math nodes, and every problem found on the way is collected.
struct DocumentBuilder {
    let path: String
    let fences: FenceScanner
    let math: [MathSpans.Span]
    private(set) var cells: [Cell] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Headings, cells and hints in document order, for grouping exercises.
    private(set) var events: [ExerciseGrouper.Event] = []

    init(path: String, fences: FenceScanner, math: [MathSpans.Span]) {
        self.path = path
        self.fences = fences
        self.math = math
    }

    mutating func build(_ root: CMarkNode) -> MarkdownNode {
        .document(blocks(root.children))
    }

    private func location(_ line: Int) -> SourceLocation { SourceLocation(path: path, line: line) }

    private mutating func report(_ line: Int, _ message: String) {
        diagnostics.append(Diagnostic(.parse, at: location(line), message))
    }

    /// The blocks of one container, in order; a cell and the output block after it are one node.
    private mutating func blocks(_ nodes: [CMarkNode]) -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        /// The cell that the previous sibling ended, and the line where it (or its output) ends.
        var previousCell: (index: Int, endLine: Int)?
        for node in nodes {
            guard node.kind == .codeBlock,
                  let fence = fences.openingFence(line: node.startLine, column: node.startColumn, literal: node.literal)
            else {
                result.append(block(node))
                previousCell = nil
                continue
            }
            // Both are needed. cmark leaves a closing fence out of the code and keeps every other
            // line in it, so the block is closed only if its code has one line fewer than its
            // lines after the opening fence: a last line that looks like a fence but is indented
            // too far (a tab is four columns) is code (found by fuzzing). And cmark's last line
            // may be a blank one after the block (in a block quote), which only the fence check
            // tells apart.
            let codeLines = node.literal.utf8.count { $0 == UInt8(ascii: "\n") }
            let closed = node.endLine > node.startLine && codeLines == node.endLine - node.startLine - 1
                && fences.isClosingFence(line: node.endLine, for: fence)
            if !closed { report(node.startLine, "unterminated code fence (opened with \(fence.fence) here)") }
            let span = FenceSpan(
                openingLine: node.startLine, closingLine: closed ? node.endLine : node.endLine + 1,
                fence: fence.fence, linePrefix: fence.linePrefix)

            switch CellAttributes.classify(info: node.info) {
            case .swiftCell(let words):
                let (attributes, problems) = CellAttributes.parse(words: words, at: location(node.startLine))
                diagnostics += problems
                let index = cells.count
                cells.append(Cell(
                    index: index, attributes: attributes, code: node.literal, span: span,
                    codeColumnOffset: fence.column, output: nil, path: path))
                result.append(.cell(index))
                events.append(.cell(index))
                previousCell = (index, span.closingLine)
                continue
            case .output:
                if let previous = previousCell, fences.onlyBlankLines(between: previous.endLine, and: node.startLine) {
                    if cells[previous.index].output == nil {
                        cells[previous.index].output = OutputBlock(text: node.literal, span: span)
                        previousCell = (previous.index, span.closingLine)
                        continue
                    }
                    report(node.startLine, "second output block after the Swift cell at line \(cells[previous.index].span.openingLine) (a cell has at most one)")
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

    private mutating func block(_ node: CMarkNode) -> MarkdownNode {
        switch node.kind {
        case .document: return .document(blocks(node.children))
        case .blockQuote:
            let position = events.count
            let quote = MarkdownNode.blockQuote(blocks(node.children))
            if let hint = quote.hintContent { events.insert(.hint(hint, line: node.startLine), at: position) }
            return quote
        case .list:
            return .list(
                ordered: node.listOrdered, start: node.listStart, tight: node.listTight,
                node.children.map { block($0) })
        case .item: return .item(blocks(node.children))
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
