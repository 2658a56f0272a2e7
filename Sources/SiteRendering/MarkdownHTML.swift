import CourseModel
import MathRendering
import Plumbing

/// Converts a lesson's `MarkdownNode` document to HTML.
///
/// Every text from the lesson is escaped; raw HTML written in a lesson is shown as text
/// (an HTML comment is dropped), so a page contains only the markup this converter writes.
/// Cells are drawn by `cell`, math by `MathRenderer`; headings get GitHub-style ids, unique
/// in the page, and are collected for the table of contents and the search index.
struct MarkdownHTML {
    /// A heading of the page, in document order.
    struct Heading: Hashable, Sendable {
        var level: Int
        /// The heading's text, without markup.
        var text: String
        /// Its `id` in the page.
        var id: String
        var line: Int
    }

    /// The lesson being converted: its path names problems, its source locates math errors.
    let lesson: Lesson
    /// Prepended to every id (the print page holds every lesson, each with its own prefix).
    let idPrefix: String
    /// Draws a Swift cell, by its index in the lesson.
    let cell: (Int) -> String
    /// Rewrites a link's destination (lesson files become pages).
    let link: (String) -> String

    private(set) var headings: [Heading] = []
    /// Math that could not be rendered, at the lesson's line.
    private(set) var problems: [Diagnostic] = []
    /// Relative image paths the page shows (to copy beside the pages).
    private(set) var images: [String] = []
    private var slugs = Slugger()
    /// The source line of the last heading seen: math errors are searched for from there.
    private var lastLine = 1

    /// - Parameters:
    ///   - reserved: ids the page uses elsewhere, which headings must not take.
    init(
        lesson: Lesson, idPrefix: String = "", reserved: [String] = [], cell: @escaping (Int) -> String,
        link: @escaping (String) -> String = { $0 }
    ) {
        self.lesson = lesson
        self.idPrefix = idPrefix
        self.cell = cell
        self.link = link
        for id in reserved { slugs.reserve(id) }
    }

    /// The HTML of `node` and everything under it.
    mutating func render(_ node: MarkdownNode) -> String {
        switch node {
        case .document(let blocks):
            return Self.hintsBeforeSolutions(blocks, cells: lesson.cells).map { render($0) }.joined()
        case .heading(let level, let children, let line):
            lastLine = line
            let text = MarkdownNode.plainText(children)
            let id = idPrefix + slugs.slug(for: text)
            headings.append(Heading(level: level, text: text, id: id, line: line))
            let level = min(max(level, 1), 6)
            return "<h\(level) id=\"\(id)\">\(inlines(children))<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(level)>\n"
        case .paragraph(let children):
            return "<p>\(inlines(children))</p>\n"
        case .blockQuote(let children):
            if var hint = node.hintContent {
                // An exercise's hint: closed until the reader asks, without its "Hint:" label.
                if case .paragraph(var inlines) = hint[0] {
                    inlines.removeFirst()
                    while case .text(let text)? = inlines.first, text.allSatisfy(\.isWhitespace) { inlines.removeFirst() }
                    if case .text(let text)? = inlines.first { inlines[0] = .text(String(text.drop { $0 == " " })) }
                    hint[0] = .paragraph(inlines)
                }
                return "<details class=\"hint\">\n<summary>Hint</summary>\n\(hint.map { render($0) }.joined())</details>\n"
            }
            return "<blockquote>\n\(children.map { render($0) }.joined())</blockquote>\n"
        case .list(let ordered, let start, let tight, let items):
            let tag = ordered ? "ol" : "ul"
            let startAttribute = ordered && start != 1 ? " start=\"\(start)\"" : ""
            let body = items.map { item -> String in
                guard case .item(let blocks) = item else { return render(item) }
                return "<li>" + blocks.map { block -> String in
                    // A tight list's paragraphs are written without <p>, as cmark does.
                    if tight, case .paragraph(let children) = block { return inlines(children) }
                    return render(block)
                }.joined() + "</li>\n"
            }.joined()
            return "<\(tag)\(startAttribute)>\n\(body)</\(tag)>\n"
        case .item(let blocks):
            return "<li>\(blocks.map { render($0) }.joined())</li>\n"
        case .codeBlock(let info, let code):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            return CellHTML.codeBlock(code, language: language)
        case .cell(let index):
            return cell(index)
        case .htmlBlock(let html):
            if html.trimmingWhitespace().hasPrefix("<!--") { return "" }
            return "<p class=\"raw-html\">\(Escape.html(String(html.trimmingTrailingNewlines())))</p>\n"
        case .thematicBreak:
            return "<hr>\n"
        case .displayMath(let tex):
            return "<div class=\"math-display\" tabindex=\"0\" data-scroll>\(math(tex, display: true))</div>\n"
        case .table(let table):
            lastLine = table.line
            return self.table(table)
        case .text, .softBreak, .lineBreak, .code, .emphasis, .strong, .link, .image, .htmlInline, .inlineMath:
            return inline(node)
        }
    }

    /// A pipe table: header cells are column headers, a column's alignment is a class (the
    /// stylesheet aligns it; a page has no inline styles), and the table sits in a box that
    /// scrolls sideways on a narrow screen (a keyboard stop while it does, as code boxes are).
    private mutating func table(_ table: MarkdownTable) -> String {
        func attributes(_ column: Int) -> String {
            let alignment = column < table.alignments.count ? table.alignments[column] : .none
            return alignment == .none ? "" : " class=\"align-\(alignment.rawValue)\""
        }
        var html = "<div class=\"table-scroll\" tabindex=\"0\" data-scroll>\n<table>\n<thead>\n<tr>\n"
        for (column, cell) in table.header.enumerated() {
            html += "<th scope=\"col\"\(attributes(column))>\(inlines(cell))</th>\n"
        }
        html += "</tr>\n</thead>\n"
        if !table.rows.isEmpty {
            html += "<tbody>\n"
            for row in table.rows {
                html += "<tr>\n"
                for (column, cell) in row.enumerated() {
                    html += "<td\(attributes(column))>\(inlines(cell))</td>\n"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        return html + "</table>\n</div>\n"
    }

    private mutating func inlines(_ nodes: [MarkdownNode]) -> String {
        nodes.map { inline($0) }.joined()
    }

    private mutating func inline(_ node: MarkdownNode) -> String {
        switch node {
        case .text(let text): return Escape.html(text)
        case .softBreak: return "\n"
        case .lineBreak: return "<br>\n"
        case .code(let code): return "<code>\(Escape.html(code))</code>"
        case .emphasis(let children): return "<em>\(inlines(children))</em>"
        case .strong(let children): return "<strong>\(inlines(children))</strong>"
        case .link(let destination, let title, let children):
            let titleAttribute = title.isEmpty ? "" : " title=\"\(Escape.html(title))\""
            return "<a href=\"\(Escape.html(safeURL(link(destination))))\"\(titleAttribute)>\(inlines(children))</a>"
        case .image(let source, let title, let children):
            let alt = MarkdownNode.plainText(children)
            // An image from another host would make the page load from it: link to it instead.
            if Self.isExternal(source) || !Self.isSafe(source) {
                return "<a href=\"\(Escape.html(safeURL(source)))\">\(Escape.html(alt.isEmpty ? source : alt))</a>"
            }
            images.append(source)
            let titleAttribute = title.isEmpty ? "" : " title=\"\(Escape.html(title))\""
            return "<img src=\"\(Escape.html(source))\" alt=\"\(Escape.html(alt))\"\(titleAttribute)>"
        case .htmlInline(let html):
            if html.hasPrefix("<!--") { return "" }
            return Escape.html(html)
        case .inlineMath(let tex):
            // A box of its own, so that a formula wider than a phone scrolls there, not the page.
            return "<span class=\"math-inline\" data-scroll>\(math(tex, display: false))</span>"
        case .displayMath(let tex): return "<span class=\"math-display\" tabindex=\"0\" data-scroll>\(math(tex, display: true))</span>"
        default: return render(node)
        }
    }

    /// MathML for `tex`; on an error, the TeX as code, marked, and a problem at the lesson's line.
    private mutating func math(_ tex: String, display: Bool) -> String {
        do {
            return try MathRenderer.mathML(tex, display: display)
        } catch {
            let location = SourceLocation(path: lesson.path, line: lineOf(tex))
            problems.append(Diagnostic(.build, at: location, "cannot render math: \(error.message)", detail: "    " + tex))
            return "<code class=\"math-error\" title=\"\(Escape.html(error.message))\">\(Escape.html(tex))</code>"
        }
    }

    /// The 1-based line of the lesson's source where `tex` first appears at or after the last heading.
    private func lineOf(_ tex: String) -> Int {
        let lines = lesson.source.split(separator: "\n", omittingEmptySubsequences: false)
        let needle = tex.split(separator: "\n").first.map { String($0.trimmingWhitespace()) } ?? tex
        guard !needle.isEmpty else { return lastLine }
        for index in max(0, lastLine - 1)..<lines.count where lines[index].contains(needle) { return index + 1 }
        for index in 0..<lines.count where lines[index].contains(needle) { return index + 1 }
        return lastLine
    }

    /// The blocks with each exercise's hint moved just before its solution: a reader opens the
    /// hint first, whatever order the lesson writes them in (the format allows the hint anywhere
    /// after the `exercise` cell).
    static func hintsBeforeSolutions(_ blocks: [MarkdownNode], cells: [Cell]) -> [MarkdownNode] {
        var ordered: [MarkdownNode] = []
        // Where the current exercise's solution cell sits in `ordered`, while its hint has not come.
        var solution: Int?
        for block in blocks {
            if case .cell(let index) = block, cells.indices.contains(index) {
                if cells[index].has(.exercise) { solution = nil }
                if cells[index].has(.solution) { solution = ordered.count }
            }
            if block.isHint, let position = solution {
                ordered.insert(block, at: position)
                solution = nil
            } else {
                ordered.append(block)
            }
        }
        return ordered
    }

    /// Whether a URL names another host (`https://…`, `//host/…`).
    static func isExternal(_ url: String) -> Bool {
        url.hasPrefix("//") || scheme(of: url) != nil
    }

    /// Whether following the URL cannot run script (`javascript:`, `data:` and `vbscript:` can).
    static func isSafe(_ url: String) -> Bool {
        guard let scheme = scheme(of: url) else { return true }
        return !["javascript", "vbscript", "data"].contains(scheme)
    }

    private func safeURL(_ url: String) -> String { Self.isSafe(url) ? url : "#" }

    /// The URL's scheme, lowercased, if it has one (`https`, `mailto`).
    static func scheme(of url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return scheme.lowercased()
    }
}

/// GitHub-style heading ids: lowercased, punctuation dropped, spaces to hyphens; a repeated
/// id gets `-1`, `-2`, … appended.
struct Slugger {
    private var used: [String: Int] = [:]

    mutating func slug(for text: String) -> String {
        var base = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                base.append(character)
            } else if character == " " {
                base.append("-")
            }
        }
        if base.isEmpty { base = "section" }
        var candidate = base
        if let count = used[base] {
            var next = count
            repeat {
                next += 1
                candidate = "\(base)-\(next)"
            } while used[candidate] != nil
            used[base] = next
        }
        used[candidate] = 0
        return candidate
    }

    /// Reserves ids the page already uses (so headings never take them).
    mutating func reserve(_ id: String) { used[id] = used[id] ?? 0 }
}
