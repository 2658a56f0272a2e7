import CourseModel
import Plumbing

/// `course check --update`: writes cells' actual output into their `output` blocks.
///
/// - A cell with an `output` block gets the lines between the block's fences replaced.
/// - A cell without one gets a new block after its closing fence: a blank line, an opening
///   fence made of the cell's fence characters followed by `output`, the lines, a closing
///   fence. Nothing is inserted when the new output has no lines.
/// - Lines written into a block carry its `contentPrefix` (what makes cmark read back exactly
///   the text after it), the lines of a new block its cell's `linePrefix` (an empty line gets
///   the prefix without its trailing whitespace, `>` for `> `); their trailing whitespace, and
///   trailing blank lines, are dropped; "\r\n" counts as "\n".
/// - When an output line would close the fence (a run of the fence character at least as long,
///   alone on its line), the fence is lengthened, on both fence lines of the block.
/// - Every other byte of the file stays as it was: line endings (LF or CRLF, the file's first
///   one for new lines), whether the file ends with a newline, blocks whose text is unchanged.
/// - A fence span outside the file (which a parser should never produce) is left alone.
public enum OutputPromoter {
    /// `source` with the outputs in `newOutputs` (keyed by `Cell.index`) written into
    /// `lesson`'s cells. The edits are made from the bottom of the file up, so the line numbers
    /// in `lesson` stay valid throughout.
    ///
    /// `newPrints` (cell index → expectation index → text) rewrites `prints` cells' `// Prints`
    /// comments (see `rewritePrints`).
    public static func rewrite(source: String, lesson: Lesson, newOutputs: [Int: String],
                               newPrints: [Int: [Int: String]] = [:]) -> String {
        var lines = SourceLines(source)
        let cells = lesson.cells
            .filter { newOutputs[$0.index] != nil || newPrints[$0.index] != nil }
            .sorted { $0.span.openingLine > $1.span.openingLine }
        for cell in cells {
            if let printed = newPrints[cell.index] {
                for index in printed.keys.sorted(by: >) where cell.printsExpectations.indices.contains(index) {
                    rewritePrints(cell.printsExpectations[index], of: cell, with: OutputLines.split(printed[index]!), in: &lines)
                }
            }
            guard let newOutput = newOutputs[cell.index] else { continue }
            let output = OutputLines.split(newOutput)
            if let block = cell.output {
                replaceContent(of: block.span, with: output, in: &lines)
            } else if !output.isEmpty {
                insertBlock(after: cell.span, with: output, in: &lines)
            }
        }
        return lines.text
    }

    /// Writes `output` into a statement's `// Prints` comments: the first comment's text
    /// becomes the first line's comment, the other lines' comments follow it on lines of their
    /// own (indented as it is, or, after code, as the statement), the other comments' lines go;
    /// a statement that printed nothing loses its comments. Each comment keeps the first one's
    /// quoting where it reads back the same. A comment is found on its Markdown line from the
    /// line's end, since cmark removed the containers' prefix from the cell's code.
    static func rewritePrints(_ expectation: PrintsExpectation, of cell: Cell, with output: [String],
                              in lines: inout SourceLines) {
        let codeLines = cell.code.split(separator: "\n", omittingEmptySubsequences: false)
        func index(_ comment: PrintsComment) -> Int { cell.firstCodeLine + comment.line - 1 }
        /// Where the comment's `//` stands on its Markdown line, if the line is still the code's.
        func start(_ comment: PrintsComment) -> Int? {
            guard codeLines.indices.contains(comment.line), lines.lines.indices.contains(index(comment)) else { return nil }
            let line = lines.lines[index(comment)], code = codeLines[comment.line].utf8
            let start = line.count - (code.count - comment.column)
            guard start >= 0, comment.column <= code.count, line[start...].elementsEqual(code.dropFirst(comment.column)) else { return nil }
            return start
        }
        guard let first = expectation.comments.first, let firstStart = start(first),
              expectation.comments.dropFirst().allSatisfy({ !$0.trailing && start($0) != nil }) else { return }
        let written = output.map { PrintsComment.written(stating: $0, quoted: first.quoted) }

        for comment in expectation.comments.dropFirst().reversed() { lines.replace(index(comment)..<(index(comment) + 1), with: []) }
        let line = lines.lines[index(first)]
        var before = String(decoding: line[..<firstStart], as: UTF8.self)
        if written.isEmpty {
            if first.trailing {
                lines.setText(ofLine: index(first), to: String(before.droppingTrailingWhitespace()))
            } else {
                lines.replace(index(first)..<(index(first) + 1), with: [])
            }
            return
        }
        lines.setText(ofLine: index(first), to: before + written[0])
        if first.trailing {
            let statement = codeLines[expectation.statementLines.lowerBound]
            before = cell.span.contentPrefix + String(statement.prefix { $0 == " " || $0 == "\t" })
        }
        lines.replace((index(first) + 1)..<(index(first) + 1), with: written.dropFirst().map { before + $0 })
    }

    /// Whether `--update` should rewrite a cell's output block: when it exists and does not
    /// match `actual` (a matching block is kept as the author wrote it), or when it is missing
    /// and the cell printed something.
    public static func needsUpdate(expected: String?, actual: String) -> Bool {
        guard let expected else { return !OutputLines.split(actual).isEmpty }
        return !OutputMatcher.matches(expected: expected, actual: actual)
    }

    private static func replaceContent(of span: FenceSpan, with output: [String], in lines: inout SourceLines) {
        guard span.openingLine >= 1, span.openingLine < span.closingLine, span.closingLine <= lines.count,
              let fenceCharacter = span.fence.first
        else { return }
        let written = output.map { prefixed($0, with: span.contentPrefix) }
        let length = fenceLength(for: output, character: fenceCharacter, atLeast: span.fence.count)
        let opening = span.openingLine - 1, closing = span.closingLine - 1
        if length == span.fence.count {
            let content = (opening + 1)..<closing
            if Array(lines.contents[content]) != written { lines.replace(content, with: written) }
        } else {
            let fence = String(repeating: fenceCharacter, count: length)
            lines.replace(
                opening..<(closing + 1),
                with: [lengthenFence(in: lines.contents[opening], character: fenceCharacter, to: fence)]
                    + written
                    + [lengthenFence(in: lines.contents[closing], character: fenceCharacter, to: fence)])
        }
    }

    private static func insertBlock(after span: FenceSpan, with output: [String], in lines: inout SourceLines) {
        guard span.closingLine >= 1, span.closingLine <= lines.count, let fenceCharacter = span.fence.first
        else { return }
        let prefix = span.linePrefix
        let length = fenceLength(for: output, character: fenceCharacter, atLeast: span.fence.count)
        let fence = String(repeating: fenceCharacter, count: length)
        let block = [prefixed("", with: prefix), prefix + fence + "output"]
            + output.map { prefixed($0, with: prefix) }
            + [prefix + fence]
        lines.replace(span.closingLine..<span.closingLine, with: block)
    }

    static func prefixed(_ line: String, with prefix: String) -> String {
        line.isEmpty ? String(prefix.droppingTrailingWhitespace()) : prefix + line
    }

    /// The shortest fence, at least `minimum` long, that no line of `output` would close: a
    /// line that is (after indentation) a run of `character` at least that long, then nothing
    /// but whitespace.
    static func fenceLength(for output: [String], character: Character, atLeast minimum: Int) -> Int {
        var length = minimum
        for line in output {
            let trimmed = line.trimmedOfWhitespace()
            guard let first = trimmed.first, first == character,
                  trimmed.allSatisfy({ $0 == character })
            else { continue }
            length = max(length, trimmed.count + 1)
        }
        return length
    }

    /// `line` (a fence line) with its fence, the first run of `character`, replaced by `fence`.
    static func lengthenFence(in line: String, character: Character, to fence: String) -> String {
        guard let start = line.firstIndex(of: character) else { return line }
        let end = line[start...].firstIndex { $0 != character } ?? line.endIndex
        return String(line[..<start]) + fence + String(line[end...])
    }
}
