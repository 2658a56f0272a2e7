/// A Markdown file as lines, each with its own line terminator, so that edits to some lines
/// leave every other byte as it was.
struct SourceLines {
    /// The lines' text, without terminators.
    private(set) var contents: [String]
    /// Each line's terminator: "\n", "\r\n", "\r", or "" for a last line with no newline.
    private(set) var terminators: [String]
    /// The terminator given to new lines: the file's first one ("\n" if it has none).
    let lineEnding: String

    init(_ source: String) {
        var contents: [String] = [], terminators: [String] = []
        var current = ""
        for character in source {
            // A lone "\r" ends a line too, as for cmark and the parser's line numbers.
            if character == "\n" || character == "\r\n" || character == "\r" {
                contents.append(current)
                terminators.append(String(character))
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty {
            contents.append(current)
            terminators.append("")
        }
        self.contents = contents
        self.terminators = terminators
        lineEnding = terminators.first { !$0.isEmpty } ?? "\n"
    }

    var count: Int { contents.count }

    var text: String {
        var text = ""
        for (line, terminator) in zip(contents, terminators) { text += line + terminator }
        return text
    }

    /// Replaces the lines at the 0-based `range` (empty to insert) with `newLines`, which get
    /// the file's line ending. A file without a final newline keeps having none.
    mutating func replace(_ range: Range<Int>, with newLines: [String]) {
        let endsWithoutNewline = terminators.last == ""
        contents.replaceSubrange(range, with: newLines)
        terminators.replaceSubrange(range, with: Array(repeating: lineEnding, count: newLines.count))
        if endsWithoutNewline, !terminators.isEmpty {
            for index in terminators.indices where terminators[index].isEmpty {
                terminators[index] = lineEnding
            }
            terminators[terminators.count - 1] = ""
        }
    }
}
