import CourseModel
import Foundation
import MathRendering

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
        let firstEntry = entries.count
        func flush() {
            current.text = current.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            // The page's title is always found; text before the first heading only if there is some.
            if !current.text.isEmpty || current.section != page || entries.count == firstEntry { entries.append(current) }
        }
        func visit(_ node: MarkdownNode) {
            switch node {
            case .document(let blocks), .blockQuote(let blocks), .item(let blocks), .list(_, _, _, let blocks):
                blocks.forEach(visit)
            case .heading(let level, let children, _):
                let heading = remaining.popFirst()
                // The page's own title (a first `#` heading) names the page's first entry.
                if level == 1, entries.count == firstEntry, current.url == url, current.text.isEmpty { return }
                flush()
                current = Entry(page: page, section: MarkdownNode.plainText(children), url: url + "#" + (heading?.id ?? ""), text: "")
            case .paragraph(let children):
                current.text += " " + Self.text(children)
            case .table(let table):
                current.text += " " + table.allRows.flatMap { $0 }.map { Self.text($0) }.joined(separator: " ")
            case .codeBlock, .cell, .htmlBlock, .thematicBreak:
                break
            default:
                current.text += " " + Self.text([node])
            }
        }
        visit(document)
        flush()
    }

    /// The words a reader sees, with math as Unicode text (`ŷ = w₁x₁`) rather than TeX.
    static func text(_ nodes: [MarkdownNode]) -> String {
        nodes.map { node in
            switch node {
            case .inlineMath(let tex), .displayMath(let tex): return MathRenderer.unicode(tex)
            case .emphasis(let children), .strong(let children), .link(_, _, let children), .paragraph(let children):
                return text(children)
            default: return MarkdownNode.plainText([node])
            }
        }.joined()
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
