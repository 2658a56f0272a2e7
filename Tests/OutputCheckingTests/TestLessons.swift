import CourseModel

/// Builds `Lesson` values from Markdown for the tests, since this branch has no parser: a
/// deliberately small scanner for fenced blocks, enough for the shapes the tests use
/// (top level, block quotes, list items, CRLF files).
enum TestLessons {
    static func lesson(_ source: String, path: String = "lesson.md") -> Lesson {
        Lesson(
            path: path, source: source, frontMatter: FrontMatter(), document: .document([]),
            cells: cells(in: source, path: path))
    }

    struct Block {
        var info: String
        var span: FenceSpan
        var text: String
    }

    static func cells(in source: String, path: String) -> [Cell] {
        // Split on scalars: "\r\n" is a single Character.
        let lines = source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line[...]))
        }
        var blocks: [Block] = []
        var open: (line: Int, fence: String, info: String, prefix: String, content: [String])?
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            if var current = open {
                if let fence = fence(in: line), fence.run.first == current.fence.first,
                   fence.run.count >= current.fence.count, fence.rest.allSatisfy(\.isWhitespace)
                {
                    let text = current.content.isEmpty ? "" : current.content.joined(separator: "\n") + "\n"
                    blocks.append(Block(
                        info: current.info,
                        span: FenceSpan(
                            openingLine: current.line, closingLine: number, fence: current.fence,
                            linePrefix: current.prefix),
                        text: text))
                    open = nil
                } else {
                    current.content.append(strip(current.prefix, from: line))
                    open = current
                }
            } else if let fence = fence(in: line) {
                let prefix = String(fence.prefix.map { $0 == ">" || $0 == " " ? $0 : " " })
                open = (number, fence.run, fence.rest.trimmingCharacters(), prefix, [])
            }
        }

        var cells: [Cell] = []
        for (b, block) in blocks.enumerated() where block.info.hasPrefix("swift") {
            var output: OutputBlock?
            if b + 1 < blocks.count, blocks[b + 1].info == "output" {
                let next = blocks[b + 1]
                let between = lines[block.span.closingLine..<(next.span.openingLine - 1)]
                if between.allSatisfy({ $0.allSatisfy { $0 == ">" || $0.isWhitespace } }) {
                    output = OutputBlock(text: next.text, span: next.span)
                }
            }
            let words = block.info.split(separator: " ").dropFirst()
            cells.append(Cell(
                index: cells.count,
                attributes: Set(words.compactMap { CellAttribute(rawValue: String($0)) }),
                code: "", span: block.span, codeColumnOffset: block.span.linePrefix.count,
                output: output, path: path))
        }
        return cells
    }

    /// A fence line: container prefix (`>`, spaces, list markers), a run of 3+ backticks or
    /// tildes, and the rest.
    private static func fence(in line: String) -> (prefix: Substring, run: String, rest: Substring)? {
        guard let start = line.firstIndex(where: { $0 == "`" || $0 == "~" }) else { return nil }
        let prefix = line[..<start]
        guard prefix.allSatisfy({ " >-*+.)0123456789".contains($0) }) else { return nil }
        let character = line[start]
        let end = line[start...].firstIndex { $0 != character } ?? line.endIndex
        let run = String(line[start..<end])
        guard run.count >= 3 else { return nil }
        return (prefix, run, line[end...])
    }

    private static func strip(_ prefix: String, from line: String) -> String {
        if line.hasPrefix(prefix) { return String(line.dropFirst(prefix.count)) }
        var trimmedPrefix = Substring(prefix)
        while trimmedPrefix.last == " " { trimmedPrefix.removeLast() }
        if line.hasPrefix(trimmedPrefix) { return String(line.dropFirst(trimmedPrefix.count)) }
        return line
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
