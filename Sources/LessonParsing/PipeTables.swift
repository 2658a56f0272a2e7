import CourseModel
import Plumbing

/// GitHub-flavoured pipe tables ("Tables (extension)" in the GFM spec), which cmark, a plain
/// CommonMark parser, reads as paragraphs.
///
/// The rules are cmark-gfm's (`extensions/table.c`):
/// - A table starts in a paragraph, at the first line that is a delimiter row (cells of `-`
///   with an optional `:` at either end, `|` between them, leading and trailing `|` optional)
///   and that cmark-gfm would read as a new line of that paragraph: inside all its containers
///   (not a lazy line of a block quote) and indented less than 4 columns. The paragraph's line
///   before it is the header row; it must have as many cells as the delimiter row, or the
///   paragraph holds no table at all. Lines of the paragraph before the header stay a paragraph.
/// - The body rows are the lines after it up to a blank line or a line that starts another
///   block: anything that starts a block after a non-paragraph (a thematic break, a list item
///   numbered from 2, an indented code block...), a line outside the table's containers.
/// - A row's cells are split at each `|` that no backslash precedes; a leading and a trailing
///   `|` are optional; each cell is trimmed of white space, then `\|` becomes `|` (in code spans
///   and math too), then its text is parsed as inlines. A row with fewer cells than the header
///   gets empty ones; cells beyond the header's count are dropped.
///
/// Where a table ends is asked of cmark rather than reimplemented: a table line is replaced by
/// a thematic break (`___`, after the line's container markers), a block that, like a table and
/// unlike a paragraph, lets the next line start any block and takes no lazy line; the next line
/// is a row exactly when cmark then reads it as the start of a paragraph in the same containers.
/// Two probe parses per table answer for every row (one with the even lines replaced, one with
/// the odd). The lesson is then parsed with every table line replaced, which gives the blocks
/// around the tables as GFM has them; `DocumentBuilder` puts each table where its first
/// thematic break stands.
enum PipeTables {
    /// A table found in a lesson's lines.
    struct Table: Equatable {
        /// The header row's 1-based line.
        var headerLine: Int
        /// The last body row's line (the delimiter row's when the table has no body).
        var lastLine: Int
        var alignments: [MarkdownTable.Alignment]
        /// The header's cells, then each body row's, as inline Markdown source (trimmed, `\|`
        /// already `|`), one per column.
        var rows: [[String]]
        /// What each of the table's lines becomes for cmark: its container markers and `___`.
        var blockLines: [Int: [UInt8]]
    }

    /// The tables of a lesson, with the lines and the tree cmark gives once they are read as
    /// tables (every table line a thematic break).
    struct Result {
        var tables: [Table]
        var lines: [[UInt8]]
        /// cmark's tree of `lines`: the tree `find` was given when there is no table, else
        /// its blocks only (paragraphs and headings without their inlines).
        var tree: CMarkNode
        /// Every line of every table.
        var tableLines: Set<Int> { Set(tables.flatMap { $0.headerLine...$0.lastLine }) }
    }

    /// Finds the tables in `lines`, which cmark parsed as `tree`.
    ///
    /// - Parameters:
    ///   - lines: The lesson's lines (front matter blanked).
    ///   - tree: cmark's tree of `lines`.
    ///   - excluded: Lines no table may use (display math over several lines); asked only
    ///     once a paragraph holds a line shaped like a delimiter row.
    static func find(lines: [[UInt8]], tree: CMarkNode, excluded: () -> Set<Int>) -> Result {
        var result = Result(tables: [], lines: lines, tree: tree)
        var excludedLines: Set<Int>?
        func isExcluded(_ line: Int) -> Bool {
            if excludedLines == nil { excludedLines = excluded() }
            return excludedLines!.contains(line)
        }
        // A table's body may end where a block starts that holds another (a list item numbered
        // from 2, which cmark read as part of the paragraph): look again until none is new.
        while true {
            var candidates: [Candidate] = []
            collect(result.tree, ancestors: [], into: &candidates)
            let found = candidates.compactMap { table(in: $0, lines: result.lines, isExcluded: isExcluded) }
            guard !found.isEmpty else { break }
            for table in found {
                for (line, bytes) in table.blockLines { result.lines[line - 1] = bytes }
            }
            result.tables += found
            result.tree = CMarkConverter.parse(SourceLines.joined(result.lines), inlines: false)
        }
        result.tables.sort { $0.headerLine < $1.headerLine }
        return result
    }

    /// Every cell of `tables` as cmark's inline nodes: `cells[headerLine][row][column]`, the
    /// header row first.
    ///
    /// cmark has no call that parses inlines alone, so each cell becomes a paragraph of its own:
    /// a first line holding only a sentinel, then the cell's text indented 4 columns, which
    /// makes it that paragraph's continuation whatever it starts with (`# `, `- `, `>` stay
    /// text, as in a GFM cell); the sentinel and the line break are dropped. The lesson's own
    /// text follows the cells, so that reference links in a cell find their definitions. Math
    /// in a cell is looked for in that cell's text alone; its placeholders are numbered after
    /// those already in `spans`, which gets the new ones.
    static func inlines(of tables: [Table], spans: inout [MathSpans.Span], references: String) -> [Int: [[[CMarkNode]]]] {
        guard !tables.isEmpty else { return [:] }
        let sentinel = "\u{E003}"
        var text = ""
        for table in tables {
            for row in table.rows {
                for cell in row {
                    let region = MathSpans.Region(startLine: 1, startColumn: 1, endLine: 1, scanStartLine: 1, limitLine: 1)
                    let math = MathSpans.extract(lines: [Array(cell.utf8)], regions: [region], firstIndex: spans.count)
                    spans += math.spans
                    text += sentinel + "\n    " + String(decoding: math.lines[0], as: UTF8.self) + "\n\n"
                }
            }
        }
        let cellCount = tables.reduce(0) { $0 + $1.rows.count * ($1.rows.first?.count ?? 0) }
        let tree = CMarkConverter.parse(text + references, topLevelBlocks: cellCount)
        // The k-th cell (from 0) is the paragraph on line 3k + 1.
        var paragraphs: [Int: [CMarkNode]] = [:]
        for child in tree.children where child.kind == .paragraph { paragraphs[child.startLine] = child.children }
        var result: [Int: [[[CMarkNode]]]] = [:]
        var k = 0
        for table in tables {
            result[table.headerLine] = table.rows.map { row in
                row.map { _ in
                    defer { k += 1 }
                    var nodes = paragraphs[3 * k + 1] ?? []
                    if nodes.first?.kind == .text, nodes.first?.literal == sentinel { nodes.removeFirst() }
                    if nodes.first?.kind == .softBreak { nodes.removeFirst() }
                    return nodes
                }
            }
        }
        return result
    }

    // MARK: Rows

    /// The byte ranges of a row's cells in `text` (the line after its container markers),
    /// trimmed of white space; nil when it has none (an empty line, a lone `|`).
    static func cells(_ text: ArraySlice<UInt8>) -> [Range<Int>]? {
        let pipe = UInt8(ascii: "|"), backslash = UInt8(ascii: "\\")
        var start = text.startIndex
        while start < text.endIndex, text[start].isSpaceOrTab { start += 1 }
        // A leading pipe opens the row; it does not end an empty first cell.
        if start < text.endIndex, text[start] == pipe { start += 1 }
        var cells: [Range<Int>] = []
        var cellStart = start
        var index = start
        while index < text.endIndex {
            if text[index] == pipe, index == start || text[index - 1] != backslash {
                cells.append(trimmed(text, cellStart..<index))
                cellStart = index + 1
            }
            index += 1
        }
        // What follows the last pipe is a cell unless it is only white space (a trailing pipe).
        let rest = trimmed(text, cellStart..<text.endIndex)
        if !rest.isEmpty { cells.append(rest) }
        return cells.isEmpty ? nil : cells
    }

    /// Whether `text` is a delimiter row: `[|]? marker ([|] marker)* [|]?` and white space, a
    /// marker being `:?-+:?` with white space around it.
    static func isDelimiterRow(_ text: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(text)
        var i = 0
        func skipSpace() { while i < bytes.count, isRowSpace(bytes[i]) { i += 1 } }
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "|") { i += 1 }
        var markers = 0
        while true {
            skipSpace()
            if i == bytes.count { return markers > 0 }  // after a trailing pipe, or an empty row
            if bytes[i] == UInt8(ascii: ":") { i += 1 }
            let dashes = i
            while i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i > dashes else { return false }
            if i < bytes.count, bytes[i] == UInt8(ascii: ":") { i += 1 }
            markers += 1
            skipSpace()
            if i == bytes.count { return true }
            guard bytes[i] == UInt8(ascii: "|") else { return false }
            i += 1
        }
    }

    /// A delimiter cell's alignment.
    static func alignment(_ cell: ArraySlice<UInt8>) -> MarkdownTable.Alignment {
        switch (cell.first == UInt8(ascii: ":"), cell.count > 1 && cell.last == UInt8(ascii: ":")) {
        case (true, true): .center
        case (true, false): .left
        case (false, true): .right
        case (false, false): .none
        }
    }

    /// A cell's inline source: its bytes, with `\|` as `|` (GFM unescapes pipes before parsing
    /// a cell's inlines, inside code spans too).
    static func cellSource(_ bytes: ArraySlice<UInt8>) -> String {
        var result: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "|") {
                index += 1
            }
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// cmark-gfm's white space in a row: space, tab, vertical tab, form feed.
    private static func isRowSpace(_ byte: UInt8) -> Bool { byte.isSpaceOrTab || byte == 0x0B || byte == 0x0C }

    private static func trimmed(_ text: ArraySlice<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var (lower, upper) = (range.lowerBound, range.upperBound)
        while lower < upper, isRowSpace(text[lower]) { lower += 1 }
        while upper > lower, isRowSpace(text[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    // MARK: Finding tables

    /// A block that identifies a container in cmark's tree.
    private struct Key: Equatable {
        var kind: CMarkNode.Kind
        var line: Int
        var column: Int
        init(_ node: CMarkNode) { (kind, line, column) = (node.kind, node.startLine, node.startColumn) }
    }

    /// A paragraph (or a setext heading, whose content is one) that may hold a table.
    private struct Candidate {
        var block: CMarkNode
        /// The containers it is in, outermost first.
        var ancestors: [Key]
        /// The last line its table may reach: the block's, or, after a setext heading whose
        /// underline may be a row (`===`), the end of the paragraphs that follow it.
        var lastLine: Int
        var isSetext: Bool { block.kind == .heading && block.endLine > block.startLine }
    }

    private static func collect(_ node: CMarkNode, ancestors: [Key], into candidates: inout [Candidate]) {
        let children = node.children
        for (index, child) in children.enumerated() {
            switch child.kind {
            case .paragraph, .heading:
                // A table needs a header and a delimiter row: two lines of content at least.
                let contentLines = child.endLine - child.startLine + (child.kind == .heading ? 0 : 1)
                guard contentLines >= 2 else { continue }
                var candidate = Candidate(block: child, ancestors: ancestors, lastLine: child.endLine)
                var next = index
                // cmark may end a setext heading on the line after its underline, the first of
                // the block that follows (their lines overlap).
                while children[next].kind == .heading, children[next].endLine > children[next].startLine,
                      next + 1 < children.count, [.paragraph, .heading].contains(children[next + 1].kind),
                      children[next + 1].startLine <= children[next].endLine + 1 {
                    next += 1
                    candidate.lastLine = max(candidate.lastLine, children[next].endLine)
                }
                candidates.append(candidate)
            case .document, .blockQuote, .list, .item:
                collect(child, ancestors: ancestors + [Key(child)], into: &candidates)
            default:
                break
            }
        }
    }

    /// The table in a candidate block, if it holds one.
    private static func table(in candidate: Candidate, lines: [[UInt8]], isExcluded: (Int) -> Bool) -> Table? {
        let block = candidate.block
        let first = block.startLine
        let contentEnd = candidate.isSetext ? block.endLine - 1 : block.endLine
        guard contentEnd >= first + 1, candidate.lastLine <= lines.count else { return nil }
        let limit = max(block.startColumn - 1, 0)
        /// How many bytes of a line are its container markers (the first line's are all before its text).
        func prefixLength(_ line: Int) -> Int {
            line == first ? min(limit, lines[line - 1].count) : ContainerPrefix.length(lines[line - 1], limit: limit)
        }
        func text(_ line: Int) -> ArraySlice<UInt8> { lines[line - 1][prefixLength(line)...] }
        func markers(_ line: Int) -> [UInt8] { Array(lines[line - 1][..<prefixLength(line)]) }
        let thematicBreak = Array("___".utf8)

        for delimiter in (first + 1)...contentEnd where isDelimiterRow(text(delimiter)) {
            let header = delimiter - 1
            guard !isExcluded(header), !isExcluded(delimiter) else { continue }
            // The header line takes the delimiter row's markers when it is not the block's first
            // line: it may be a lazy line, which GFM reads inside the containers all the same.
            var blockLines = [header: (header == first ? markers(header) : markers(delimiter)) + thematicBreak]
            /// The lesson with `header` and every other line from `from` on as thematic breaks.
            func probe(replacingFrom from: Int) -> CMarkNode {
                var probed = lines
                probed[header - 1] = blockLines[header]!
                for line in stride(from: from, through: candidate.lastLine, by: 2) {
                    probed[line - 1] = markers(line) + thematicBreak
                }
                return CMarkConverter.parse(SourceLines.joined(probed), inlines: false)
            }
            let evenProbe = probe(replacingFrom: delimiter + 1)
            // cmark-gfm tries a delimiter row only on a line of the paragraph inside all its
            // containers and indented less than 4 columns; the first such line decides.
            guard startsParagraph(line: delimiter, in: evenProbe, ancestors: candidate.ancestors) else { continue }
            guard let headerCells = cells(text(header)), let delimiterCells = cells(text(delimiter)),
                  headerCells.count == delimiterCells.count
            else { return nil }
            let columns = headerCells.count
            let delimiterText = text(delimiter)
            func row(_ line: Int) -> [String] {
                let lineText = text(line)
                var row = (cells(lineText) ?? []).prefix(columns).map { cellSource(lineText[$0]) }
                while row.count < columns { row.append("") }
                return row
            }
            var table = Table(
                headerLine: header, lastLine: delimiter,
                alignments: delimiterCells.map { alignment(delimiterText[$0]) },
                rows: [row(header)], blockLines: blockLines)
            table.blockLines[delimiter] = markers(delimiter) + thematicBreak
            let oddProbe = delimiter < candidate.lastLine ? probe(replacingFrom: delimiter) : evenProbe
            for line in stride(from: delimiter + 1, through: candidate.lastLine, by: 1) {
                guard !isExcluded(line), !isBlank(text(line)), cells(text(line)) != nil,
                      startsParagraph(line: line, in: (line - delimiter) % 2 == 0 ? evenProbe : oddProbe, ancestors: candidate.ancestors)
                else { break }
                table.rows.append(row(line))
                table.blockLines[line] = markers(line) + thematicBreak
                table.lastLine = line
            }
            return table
        }
        return nil
    }

    /// Whether cmark read `line` as the start of a paragraph (or of a setext heading) inside
    /// exactly the containers `ancestors`, or as a link reference definition there (a row in GFM).
    private static func startsParagraph(line: Int, in tree: CMarkNode, ancestors: [Key]) -> Bool {
        var node = tree
        var chain: [Key] = []
        while let child = node.children.first(where: { $0.startLine <= line && line <= $0.endLine }) {
            switch child.kind {
            case .blockQuote, .list, .item:
                chain.append(Key(child))
                node = child
            case .paragraph, .heading:
                return chain == ancestors && child.startLine == line
                    && (child.kind == .paragraph || child.endLine > child.startLine)
            default:
                return false
            }
        }
        return chain == ancestors
    }
}
