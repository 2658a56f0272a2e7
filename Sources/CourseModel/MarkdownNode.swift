/// A Markdown document as plain Swift values, so renderers need not know cmark.
public indirect enum MarkdownNode: Hashable, Sendable {
    // Blocks
    case document([MarkdownNode])
    /// A heading; `line` is its 1-based source line.
    case heading(level: Int, [MarkdownNode], line: Int)
    case paragraph([MarkdownNode])
    case blockQuote([MarkdownNode])
    case list(ordered: Bool, start: Int, tight: Bool, [MarkdownNode])
    case item([MarkdownNode])
    /// A code block that is not a Swift cell (shell commands, other languages, a stray output block).
    case codeBlock(info: String, code: String)
    /// A Swift cell, by its index in `Lesson.cells`; its output block belongs to it.
    case cell(Int)
    case htmlBlock(String)
    case thematicBreak
    /// `$$...$$` on its own: display math, as written between the dollars.
    case displayMath(String)
    /// A GitHub-flavoured pipe table: a header row, its columns' alignments, body rows.
    case table(MarkdownTable)

    // Inlines
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case emphasis([MarkdownNode])
    case strong([MarkdownNode])
    case link(destination: String, title: String, [MarkdownNode])
    case image(source: String, title: String, [MarkdownNode])
    case htmlInline(String)
    /// `$...$`: inline math, as written between the dollars.
    case inlineMath(String)

    /// The text a reader would see, without markup (for titles, anchors, search).
    public static func plainText(_ nodes: [MarkdownNode]) -> String {
        nodes.map { node in
            switch node {
            case .text(let s), .code(let s), .inlineMath(let s), .displayMath(let s): return s
            case .softBreak, .lineBreak: return " "
            case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c),
                 .paragraph(let c), .heading(_, let c, _), .blockQuote(let c), .item(let c),
                 .list(_, _, _, let c), .document(let c):
                return plainText(c)
            case .table(let table):
                return table.allRows.map { row in row.map(plainText).joined(separator: " ") }.joined(separator: " ")
            case .codeBlock, .cell, .htmlBlock, .thematicBreak, .htmlInline: return ""
            }
        }.joined()
    }
}

/// A GitHub-flavoured Markdown pipe table ("Tables (extension)" in the GFM spec): a header row,
/// a delimiter row that gives each column its alignment, and body rows. Every row has exactly
/// one cell per column (the parser pads short rows with empty cells and drops the excess of
/// long ones, as GFM does); a cell holds inline nodes.
public struct MarkdownTable: Hashable, Sendable {
    /// A column's alignment, from its delimiter cell: `---`, `:---`, `:---:`, `---:`.
    public enum Alignment: String, Hashable, Sendable {
        case none, left, center, right
    }

    public var alignments: [Alignment]
    /// The header row's cells.
    public var header: [[MarkdownNode]]
    /// The body rows, each a list of cells.
    public var rows: [[[MarkdownNode]]]
    /// The header row's 1-based source line.
    public var line: Int

    public init(alignments: [Alignment], header: [[MarkdownNode]], rows: [[[MarkdownNode]]], line: Int) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
        self.line = line
    }

    /// The header row, then the body rows.
    public var allRows: [[[MarkdownNode]]] { [header] + rows }
}
