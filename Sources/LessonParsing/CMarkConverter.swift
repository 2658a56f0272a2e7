import CMark

/// cmark's tree as plain Swift values, with source positions: the only place the C library is
/// called and its memory freed.
struct CMarkNode: Equatable {
    enum Kind: Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading,
             thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image
    }

    var kind: Kind
    /// Text of text, code, code block and HTML nodes.
    var literal = ""
    /// A code block's info string.
    var info = ""
    var url = ""
    var title = ""
    var headingLevel = 0
    var listOrdered = false
    var listStart = 0
    var listTight = false
    /// 1-based source positions; columns count bytes.
    var startLine = 0
    var startColumn = 0
    var endLine = 0
    var endColumn = 0
    var children: [CMarkNode] = []

    /// The first node, in document order (this one first), that satisfies `predicate`.
    func first(where predicate: (CMarkNode) -> Bool) -> CMarkNode? {
        if predicate(self) { return self }
        for child in children {
            if let found = child.first(where: predicate) { return found }
        }
        return nil
    }
}

enum CMarkConverter {
    /// Parses `text` (lines ended by "\n") as CommonMark with source positions.
    ///
    /// - Parameters:
    ///   - inlines: Whether to convert paragraphs' and headings' inlines (a probe that asks
    ///     only where blocks are does without them).
    ///   - topLevelBlocks: How many of the document's blocks to convert, from the first.
    static func parse(_ text: String, inlines: Bool = true, topLevelBlocks: Int = .max) -> CMarkNode {
        var text = text
        return text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars -> CMarkNode in
                guard let root = cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_SOURCEPOS) else {
                    return CMarkNode(kind: .document)
                }
                defer { cmark_node_free(root) }
                return convert(root, inlines: inlines, limit: topLevelBlocks)
            }
        }
    }

    private static func convert(_ node: OpaquePointer, inlines: Bool = true, limit: Int = .max) -> CMarkNode {
        var result = CMarkNode(kind: kind(of: node))
        result.startLine = Int(cmark_node_get_start_line(node))
        result.startColumn = Int(cmark_node_get_start_column(node))
        result.endLine = Int(cmark_node_get_end_line(node))
        result.endColumn = Int(cmark_node_get_end_column(node))
        switch result.kind {
        case .text, .code, .htmlBlock, .htmlInline:
            result.literal = string(cmark_node_get_literal(node))
        case .codeBlock:
            result.literal = string(cmark_node_get_literal(node))
            result.info = string(cmark_node_get_fence_info(node))
        case .heading:
            result.headingLevel = Int(cmark_node_get_heading_level(node))
        case .list:
            result.listOrdered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            result.listStart = Int(cmark_node_get_list_start(node))
            result.listTight = cmark_node_get_list_tight(node) != 0
        case .link, .image:
            result.url = string(cmark_node_get_url(node))
            result.title = string(cmark_node_get_title(node))
        case .customBlock, .customInline:
            result.literal = string(cmark_node_get_on_enter(node)) + string(cmark_node_get_on_exit(node))
        default:
            break
        }
        if !inlines, result.kind == .paragraph || result.kind == .heading { return result }
        var child = cmark_node_first_child(node)
        while let current = child, result.children.count < limit {
            result.children.append(convert(current, inlines: inlines))
            child = cmark_node_next(current)
        }
        return result
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func kind(of node: OpaquePointer) -> CMarkNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: .customBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: .customInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        default: .document
        }
    }
}
