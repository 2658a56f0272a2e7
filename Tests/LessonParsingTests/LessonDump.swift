import CourseModel
import LessonParsing

/// Parses `source` and describes the result, or the problems found, as deterministic text.
func parsed(_ source: String, path: String = "lesson.md") -> String {
    do {
        return dump(try LessonParser.parse(source: source, path: path))
    } catch {
        return error.all.map(\.description).joined(separator: "\n") + "\n"
    }
}

/// A lesson as text: front matter (when any key is set), cells, then the document tree.
func dump(_ lesson: Lesson) -> String {
    var text = ""
    let front = lesson.frontMatter
    if front != FrontMatter() {
        text += "front matter: title \(quote(front.title)), summary \(quote(front.summary)), "
        text += "timeout \(front.timeout.map { "\($0)" } ?? "nil"), optimize \(front.optimize)\n"
    }
    for cell in lesson.cells {
        let attributes = cell.attributes.map(\.rawValue).sorted().joined(separator: ",")
        text += "cell \(cell.index) \(span(cell.span)) column \(cell.codeColumnOffset)"
        text += attributes.isEmpty ? "\n" : " [\(attributes)]\n"
        text += "  code \(quote(cell.code))\n"
        if let output = cell.output {
            text += "  output \(span(output.span)) \(quote(output.text))\n"
        }
    }
    dump(lesson.document, indent: "", into: &text)
    return text
}

private func span(_ span: FenceSpan) -> String {
    "lines \(span.openingLine)-\(span.closingLine) fence \(span.fence) prefix \(quote(span.linePrefix))"
}

private func quote(_ string: String?) -> String {
    guard let string else { return "nil" }
    var result = "\""
    for scalar in string.unicodeScalars {
        switch scalar {
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        default:
            if scalar.value < 0x20 || (0xE000...0xF8FF).contains(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result + "\""
}

private func dump(_ node: MarkdownNode, indent: String, into text: inout String) {
    func line(_ s: String) { text += indent + s + "\n" }
    func children(_ nodes: [MarkdownNode]) { nodes.forEach { dump($0, indent: indent + "  ", into: &text) } }
    switch node {
    case .document(let c): line("document"); children(c)
    case .heading(let level, let c, let l): line("heading \(level) line \(l)"); children(c)
    case .paragraph(let c): line("paragraph"); children(c)
    case .blockQuote(let c): line("blockQuote"); children(c)
    case .list(let ordered, let start, let tight, let c):
        line("list \(ordered ? "ordered start \(start)" : "bullet")\(tight ? " tight" : " loose")"); children(c)
    case .item(let c): line("item"); children(c)
    case .codeBlock(let info, let code): line("codeBlock \(quote(info)) \(quote(code))")
    case .cell(let index): line("cell \(index)")
    case .htmlBlock(let s): line("htmlBlock \(quote(s))")
    case .thematicBreak: line("thematicBreak")
    case .displayMath(let s): line("displayMath \(quote(s))")
    case .table(let table):
        line("table line \(table.line) \(table.alignments.map(\.rawValue).joined(separator: " "))")
        for (index, row) in table.allRows.enumerated() {
            text += indent + (index == 0 ? "  header\n" : "  row\n")
            for cell in row {
                text += indent + "    cell\n"
                cell.forEach { dump($0, indent: indent + "      ", into: &text) }
            }
        }
    case .text(let s): line("text \(quote(s))")
    case .softBreak: line("softBreak")
    case .lineBreak: line("lineBreak")
    case .code(let s): line("code \(quote(s))")
    case .emphasis(let c): line("emphasis"); children(c)
    case .strong(let c): line("strong"); children(c)
    case .link(let d, let t, let c): line("link \(quote(d)) title \(quote(t))"); children(c)
    case .image(let s, let t, let c): line("image \(quote(s)) title \(quote(t))"); children(c)
    case .htmlInline(let s): line("htmlInline \(quote(s))")
    case .inlineMath(let s): line("inlineMath \(quote(s))")
    }
}
