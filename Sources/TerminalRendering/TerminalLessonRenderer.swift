import Charts
import CourseModel
import MathRendering
import Plumbing
import SwiftHighlighting

/// One screenful (or more) of a lesson in the terminal: a section of prose, usually ending with
/// a cell and its output. The reader shows one page at a time.
public struct TerminalPage: Hashable, Sendable {
    /// The page's lines, each fitting the width it was rendered for (escapes do not count).
    public var lines: [String]
    /// The cell this page ends with, if any.
    public var cellIndex: Int?
    /// The Markdown line where the page's content starts (the cell's fence when there is a cell).
    public var line: Int
}

/// Renders a lesson for the terminal: headings, emphasis, lists, tables, inline code,
/// highlighted cells, outputs, charts and math as Unicode, wrapped to `width` columns; ANSI colors only
/// when `color`.
///
/// A renderer in the sense of mdBook's: the site renders the same `Lesson` values to HTML.
public struct TerminalLessonRenderer: CourseRenderer {
    public var width: Int
    public var color: Bool
    public var name: String { "terminal" }

    public init(width: Int, color: Bool) {
        self.width = max(20, width)
        self.color = color
    }

    /// Every lesson of the context, one after another, at this renderer's width and color:
    /// how `course read` prints when it cannot be interactive.
    public func render(_ context: RenderContext) -> String {
        context.course.lessons.map(render).joined(separator: "\n")
    }

    /// The lesson cut into pages: a heading starts a page, a shown cell ends one.
    public func pages(_ view: JudgedLesson) -> [TerminalPage] {
        guard let lesson = view.lesson, case .document(let blocks) = lesson.document else { return [] }
        var pages: [TerminalPage] = []
        var current: [StyledText] = []
        var line = 1
        var pageLine = 1
        func close(cell: Int?) {
            while current.last?.spans.isEmpty == true { current.removeLast() }
            guard !current.isEmpty else { return }
            pages.append(TerminalPage(lines: current.map { $0.rendered(color: color) }, cellIndex: cell, line: pageLine))
            current = []
        }
        func add(_ lines: [StyledText]) {
            if current.isEmpty { pageLine = line }
            if !current.isEmpty { current.append(StyledText()) }
            current += lines
        }
        for block in blocks {
            switch block {
            case .heading(_, _, let headingLine):
                close(cell: nil)
                line = headingLine
                add(render(block, width: width, view: view))
            case .cell(let index):
                let cell = lesson.cells[index]
                guard cell.isShown else { continue }
                if current.isEmpty { pageLine = cell.span.openingLine }
                line = cell.span.openingLine
                add(renderCell(cell, view: view))
                close(cell: index)
                line = cell.output?.span.closingLine ?? cell.span.closingLine
            default:
                add(render(block, width: width, view: view))
            }
        }
        close(cell: nil)
        // Problems of the whole run (a library that does not compile) open the first page.
        if !view.problems.isEmpty {
            let problems = view.problems
            var lines: [StyledText] = []
            for problem in problems {
                lines += (StyledText(VerdictText.failureMark + " ", TextStyle(bold: true, foreground: Palette.failed)) + StyledText(problem.message, TextStyle(foreground: Palette.failed)))
                    .wrapped(width: width, rest: StyledText("  "))
                for line in trimmedLines(problem.detail ?? "").prefix(20) {
                    lines += StyledText(line, TextStyle(dim: true)).hardWrapped(width: width - 2).map { StyledText("  ") + $0 }
                }
            }
            let rendered = lines.map { $0.rendered(color: color) } + [""]
            if pages.isEmpty { pages = [TerminalPage(lines: rendered, cellIndex: nil, line: 1)] } else { pages[0].lines = rendered + pages[0].lines }
        }
        return pages
    }

    /// The whole lesson as text, for a pipe or a terminal without color: every page, one after another.
    public func render(_ view: JudgedLesson) -> String {
        pages(view).map { $0.lines.joined(separator: "\n") + "\n" }.joined(separator: "\n")
    }

    // MARK: Colors (256-color codes that read on dark and light backgrounds)

    enum Palette {
        static let heading = 75
        static let code = 173
        static let math = 110
        static let passed = 71
        static let failed = 167
        static let keyword = 168
        static let type = 37
        static let string = 172
        static let number = 141
        static let comment = 244
        static let attribute = 166
    }

    func style(_ kind: SwiftHighlighter.Kind) -> TextStyle {
        switch kind {
        case .keyword: TextStyle(foreground: Palette.keyword)
        case .type: TextStyle(foreground: Palette.type)
        case .string: TextStyle(foreground: Palette.string)
        case .number: TextStyle(foreground: Palette.number)
        case .comment: TextStyle(italic: true, foreground: Palette.comment)
        case .attribute: TextStyle(foreground: Palette.attribute)
        case .identifier, .label, .plain: .plain
        }
    }

    // MARK: Blocks

    func render(_ node: MarkdownNode, width: Int, view: JudgedLesson) -> [StyledText] {
        switch node {
        case .document(let children):
            return renderBlocks(children, width: width, view: view, tight: false)
        case .heading(let level, let children, _):
            let text = inline(children, style: TextStyle(bold: true, foreground: Palette.heading))
            var lines = text.wrapped(width: width)
            if level <= 2 {
                let rule = String(repeating: level == 1 ? "━" : "─", count: min(width, lines.map(\.width).max() ?? 0))
                lines.append(StyledText(rule, TextStyle(foreground: Palette.heading)))
            }
            return lines
        case .paragraph(let children):
            return inline(children, style: .plain).wrapped(width: width)
        case .blockQuote(let children):
            let bar = StyledText("│ ", TextStyle(dim: true))
            return renderBlocks(children, width: width - 2, view: view, tight: false).map { bar + $0 }
        case .list(let ordered, let start, let tight, let items):
            let markers = items.indices.map { ordered ? "\(start + $0)." : "•" }
            let indent = (markers.map(\.count).max() ?? 1) + 1
            var lines: [StyledText] = []
            for (marker, item) in zip(markers, items) {
                guard case .item(let children) = item else { continue }
                if !tight && !lines.isEmpty { lines.append(StyledText()) }
                let body = renderBlocks(children, width: width - indent, view: view, tight: tight)
                for (n, line) in body.enumerated() {
                    let prefix = n == 0
                        ? StyledText(marker, TextStyle(foreground: Palette.heading)) + StyledText(String(repeating: " ", count: indent - marker.count))
                        : StyledText(String(repeating: " ", count: indent))
                    lines.append(prefix + line)
                }
            }
            return lines
        case .item(let children):
            return renderBlocks(children, width: width, view: view, tight: true)
        case .codeBlock(let info, let code):
            var lines: [StyledText] = []
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            if !language.isEmpty { lines.append(StyledText(language, TextStyle(dim: true))) }
            for line in trimmedLines(code) {
                lines += StyledText(line, TextStyle(foreground: Palette.code)).hardWrapped(width: width - 4)
                    .map { StyledText("    ") + $0 }
            }
            return lines
        case .cell(let index):
            guard let cell = view.lesson?.cells[index] else { return [] }
            return renderCell(cell, view: view)
        case .htmlBlock(let html):
            let trimmed = String(html.trimmingWhitespace())
            if trimmed.hasPrefix("<!--") || trimmed.isEmpty { return [] }
            return trimmedLines(trimmed).map { StyledText($0, TextStyle(dim: true)) }
        case .thematicBreak:
            return [StyledText(String(repeating: "─", count: width), TextStyle(dim: true))]
        case .table(let table):
            return TerminalTable(
                alignments: table.alignments,
                header: table.header.map { inline($0, style: TextStyle(bold: true)) },
                rows: table.rows.map { $0.map { inline($0, style: .plain) } }
            ).lines(width: width)
        case .displayMath(let tex):
            return trimmedLines(MathRenderer.unicode(tex)).flatMap {
                StyledText($0, TextStyle(foreground: Palette.math)).hardWrapped(width: width - 4).map { StyledText("    ") + $0 }
            }
        default:
            return inline([node], style: .plain).wrapped(width: width)
        }
    }

    func renderBlocks(_ blocks: [MarkdownNode], width: Int, view: JudgedLesson, tight: Bool) -> [StyledText] {
        var lines: [StyledText] = []
        for block in blocks {
            let rendered = render(block, width: width, view: view)
            guard !rendered.isEmpty else { continue }
            if !lines.isEmpty && !tight { lines.append(StyledText()) }
            lines += rendered
        }
        return lines
    }

    // MARK: Inlines

    func inline(_ nodes: [MarkdownNode], style: TextStyle) -> StyledText {
        var text = StyledText()
        for node in nodes {
            switch node {
            case .text(let s): text.append(s, style)
            case .softBreak, .lineBreak: text.append(" ", style)
            case .code(let s):
                text.append(color ? s : "`\(s)`", style.merging(TextStyle(foreground: Palette.code)))
            case .emphasis(let children): text = text + inline(children, style: style.merging(TextStyle(italic: true)))
            case .strong(let children): text = text + inline(children, style: style.merging(TextStyle(bold: true)))
            case .link(let destination, _, let children):
                let label = inline(children, style: style.merging(TextStyle(underline: true)))
                text = text + label
                if destination != label.plainText && !destination.hasPrefix("#") {
                    text.append(" (\(destination))", style.merging(TextStyle(dim: true)))
                }
            case .image(let source, _, let children):
                let alt = MarkdownNode.plainText(children)
                text.append("[image: \(alt.isEmpty ? source : alt)]", style.merging(TextStyle(dim: true)))
            case .inlineMath(let tex):
                text.append(MathRenderer.unicode(tex), style.merging(TextStyle(foreground: Palette.math)))
            case .htmlInline: continue
            default: text = text + StyledText(MarkdownNode.plainText([node]), style)
            }
        }
        return text
    }

    // MARK: Cells

    /// The cell's status as the reader sees it: from its verdict once the lesson ran.
    func status(of cell: Cell, view: JudgedLesson) -> StyledText {
        if cell.has(.ignore) { return StyledText("not compiled", TextStyle(dim: true)) }
        guard view.run != nil else { return StyledText("not run yet", TextStyle(dim: true)) }
        switch view.verdicts[cell.index] {
        case let verdict? where verdict == .passed: return StyledText(VerdictText.status(verdict), TextStyle(foreground: Palette.passed))
        case let verdict? where verdict.isFailure: return StyledText(VerdictText.status(verdict), TextStyle(bold: true, foreground: Palette.failed))
        case let verdict?: return StyledText(VerdictText.status(verdict), TextStyle(dim: true))
        case nil: return StyledText(cell.has(.nocheck) ? "not checked" : "", TextStyle(dim: true))
        }
    }

    func renderCell(_ cell: Cell, view: JudgedLesson) -> [StyledText] {
        let shownCells = (view.lesson?.cells ?? []).filter(\.isShown)
        let position = (shownCells.firstIndex { $0.index == cell.index } ?? 0) + 1
        var title = "cell \(position)/\(shownCells.count)"
        let attributes = cell.attributes.map(\.rawValue).sorted()
        if !attributes.isEmpty { title += " · " + attributes.joined(separator: " ") }
        let status = status(of: cell, view: view)
        let rule = TextStyle(dim: true)
        var header = StyledText("── ", rule) + StyledText(title, TextStyle(bold: true))
        let fill = width - header.width - 2 - (status.width > 0 ? status.width + 2 : 0)
        header.append(" " + String(repeating: "─", count: max(1, fill)), rule)
        if status.width > 0 { header = header + StyledText(" ") + status + StyledText(" ─", rule) } else { header.append("─", rule) }
        var lines = [header]

        // Code, highlighted, with its Markdown line numbers.
        let numbers = cell.shownLines.map(\.line)
        let gutterWidth = max(3, String(numbers.last ?? 0).count)
        let codeLines = highlightedLines(cell.shownCode)
        for (n, code) in codeLines.enumerated() {
            let number = n < numbers.count ? String(numbers[n]) : ""
            let gutter = StyledText(String(repeating: " ", count: gutterWidth - number.count) + number + (code.spans.isEmpty ? " │" : " │ "), TextStyle(dim: true))
            let continuation = StyledText(String(repeating: " ", count: gutterWidth) + " ┆ ", TextStyle(dim: true))
            for (k, piece) in code.hardWrapped(width: width - gutterWidth - 3).enumerated() {
                lines.append((k == 0 ? gutter : continuation) + piece)
            }
        }

        // Output: the one rule of JudgedLesson.shownOutput (the checked block, the run's, or the lesson's), with its note.
        if let shown = view.shownOutput(of: cell) {
            lines.append(StyledText("↳ output" + (shown.note.map { ", " + $0 } ?? ""), TextStyle(dim: true)))
            var charts = shown.charts[...]
            for (n, line) in trimmedLines(shown.text).enumerated() {
                while let chart = charts.first, chart.line <= n { lines += renderRich(chart); charts.removeFirst() }
                lines += StyledText(line).hardWrapped(width: width - 2).map { StyledText("  ") + $0 }
            }
            for chart in charts { lines += renderRich(chart) }
            if shown.truncated { lines.append(StyledText("  [output cut at the capture limit]", TextStyle(dim: true))) }
        }
        if case .failed(let diagnostics)? = view.verdicts[cell.index] {
            for diagnostic in diagnostics {
                let location = diagnostic.location.map { "line \($0.line): " } ?? ""
                lines += (StyledText(VerdictText.failureMark + " ", TextStyle(bold: true, foreground: Palette.failed)) + StyledText(location + diagnostic.message, TextStyle(foreground: Palette.failed)))
                    .wrapped(width: width, rest: StyledText("  "))
                for line in trimmedLines(diagnostic.detail ?? "") {
                    lines += StyledText(line, TextStyle(dim: true)).hardWrapped(width: width - 2).map { StyledText("  ") + $0 }
                }
            }
        }
        return lines
    }

    func renderRich(_ output: RichOutput) -> [StyledText] {
        guard output.kind == "chart" else { return [StyledText("  [a \(output.kind) this reader cannot show]", TextStyle(dim: true))] }
        do {
            let drawing = try ChartPayload.terminal(output.payload, width: width - 2, color: color)
            // The chart's own escapes are kept: it is one styled span per line.
            return [StyledText()] + trimmedLines(drawing).map { StyledText("  " + $0) } + [StyledText()]
        } catch {
            return [StyledText("  [a chart that cannot be drawn: \(error)]", TextStyle(dim: true))]
        }
    }

    /// The code split into lines of highlighted spans (without color: plain text).
    func highlightedLines(_ code: String) -> [StyledText] {
        var lines: [StyledText] = [StyledText()]
        let tokens = color ? SwiftHighlighter.tokens(in: code) : [SwiftHighlighter.Token(.plain, code)]
        for token in tokens {
            for (n, piece) in token.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if n > 0 { lines.append(StyledText()) }
                lines[lines.count - 1].append(String(piece).replacingTabs(), style(token.kind))
            }
        }
        while lines.count > 1, lines.last?.plainText.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Lines of `text` without the final empty one.
    func trimmedLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).replacingTabs() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}

extension StyledText {
    /// Cut into lines of at most `width` columns exactly where they overflow (for code and output,
    /// where spaces matter). A chart's line carries its own escapes and is never cut.
    func hardWrapped(width: Int) -> [StyledText] {
        guard width > 0, self.width > width else { return [self] }
        var lines: [StyledText] = []
        var rest = self
        while rest.width > width {
            let (head, tail) = rest.split(at: width)
            lines.append(head)
            rest = tail
        }
        lines.append(rest)
        return lines
    }
}

extension String {
    func replacingTabs() -> String { contains("\t") ? split(separator: "\t", omittingEmptySubsequences: false).joined(separator: "    ") : self }

}
