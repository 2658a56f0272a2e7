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
            case .codeBlock, .cell, .htmlBlock, .thematicBreak, .htmlInline: return ""
            }
        }.joined()
    }
}
