import CourseModel
import Plumbing

/// `course check --update`: writes cells' actual output into their `output` blocks.
///
/// - A cell with an `output` block gets the lines between the block's fences replaced.
/// - A cell without one gets a new block after its closing fence: a blank line, an opening
///   fence made of the cell's fence characters followed by `output`, the lines, a closing
///   fence. Nothing is inserted when the new output has no lines.
/// - Written lines carry the block's `linePrefix` (an empty line gets the prefix without its
///   trailing whitespace, `>` for `> `); their trailing whitespace, and trailing blank lines,
///   are dropped; "\r\n" counts as "\n".
/// - When an output line would close the fence (a run of the fence character at least as long,
///   alone on its line), the fence is lengthened, on both fence lines of the block.
/// - Every other byte of the file stays as it was: line endings (LF or CRLF, the file's first
///   one for new lines), whether the file ends with a newline, blocks whose text is unchanged.
/// - A fence span outside the file (which a parser should never produce) is left alone.
public enum OutputPromoter {
    /// `source` with the outputs in `newOutputs` (keyed by `Cell.index`) written into
    /// `lesson`'s cells. The edits are made from the bottom of the file up, so the line numbers
    /// in `lesson` stay valid throughout.
    public static func rewrite(source: String, lesson: Lesson, newOutputs: [Int: String]) -> String {
        var lines = SourceLines(source)
        let cells = lesson.cells
            .filter { newOutputs[$0.index] != nil }
            .sorted { $0.span.openingLine > $1.span.openingLine }
        for cell in cells {
            let output = OutputLines.split(newOutputs[cell.index] ?? "")
            if let block = cell.output {
                replaceContent(of: block.span, with: output, in: &lines)
            } else if !output.isEmpty {
                insertBlock(after: cell.span, with: output, in: &lines)
            }
        }
        return lines.text
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
        let written = output.map { prefixed($0, with: span.linePrefix) }
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
