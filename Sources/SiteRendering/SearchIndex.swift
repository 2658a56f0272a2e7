import CourseModel
import Foundation

/// The client-side search's index, generated at build time: one entry per section of every
/// page (the text under a heading, up to the next one), written as `search-index.json` and
/// as `search-index.js` (the same JSON assigned to a global, for pages opened from `file://`,
/// where browsers refuse to fetch files).
struct SearchIndex {
    struct Entry: Codable, Hashable, Sendable {
        /// The page's title (the lesson's).
        var page: String
        /// The section's heading (the page's title for text before the first heading).
        var section: String
        /// Where the section starts: `01-perceptron.html#inputs-weights-and-a-bias`.
        var url: String
        /// The section's words, without markup (code cells excluded).
        var text: String
    }

    private(set) var entries: [Entry] = []

    /// Adds the sections of a page; `headings` are the page's headings as `MarkdownHTML`
    /// gave them ids, in document order.
    mutating func add(page: String, url: String, document: MarkdownNode, headings: [MarkdownHTML.Heading]) {
        var remaining = headings[...]
        var current = Entry(page: page, section: page, url: url, text: "")
        func flush() {
            current.text = current.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !current.text.isEmpty || current.section != page { entries.append(current) }
        }
        func visit(_ node: MarkdownNode) {
            switch node {
            case .document(let blocks), .blockQuote(let blocks), .item(let blocks), .list(_, _, _, let blocks):
                blocks.forEach(visit)
            case .heading(let level, let children, _):
                let heading = remaining.popFirst()
                flush()
                let title = MarkdownNode.plainText(children)
                // The page's own title starts the page's first entry rather than a section.
                current = Entry(
                    page: page, section: level == 1 && entries.isEmpty ? page : title,
                    url: level == 1 && entries.isEmpty ? url : url + "#" + (heading?.id ?? ""), text: "")
            case .paragraph(let children):
                current.text += " " + MarkdownNode.plainText(children)
            case .displayMath(let tex):
                current.text += " " + tex
            case .codeBlock, .cell, .htmlBlock, .thematicBreak:
                break
            default:
                current.text += " " + MarkdownNode.plainText([node])
            }
        }
        visit(document)
        flush()
    }

    /// The index as JSON: `[{"page": …, "section": …, "url": …, "text": …}, …]`.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(entries)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The index as a script that sets `window.courseSearchIndex`.
    var script: String {
        // "</" cannot end a script element here, but escaping it keeps the file safe to inline too.
        "window.courseSearchIndex = " + json.replacingOccurrences(of: "</", with: "<\\/") + ";\n"
    }
}
