import CourseModel
import Plumbing

/// Reads a fenced code block's exact fences from the source lines, which cmark does not report:
/// the fence as written, what stands before it, and whether a closing fence really ends it.
struct FenceScanner {
    let lines: SourceLines

    struct Fence {
        /// The opening fence as written, e.g. "```" or "~~~~".
        var fence: String
        /// What stands before the fence on its line, list markers and tabs turned into spaces (`prefix`).
        var linePrefix: String
        /// Whether a tab stands before the fence (then cmark may read the block's lines with
        /// part of a tab used, and `DocumentBuilder` asks cmark how to write them).
        var hasTab: Bool
        /// Length of the prefix in bytes: where the code's lines start.
        var column: Int
    }

    /// The fence that opens a code block starting at 1-based `line` and `column` (cmark's
    /// start position), or nil when the block is an indented code block.
    func openingFence(line: Int, column: Int, literal: String) -> Fence? {
        let bytes = lines[line]
        let start = column - 1
        guard start >= 0, start < bytes.count else { return nil }
        let char = bytes[start]
        guard char == UInt8(ascii: "`") || char == UInt8(ascii: "~") else { return nil }
        var end = start
        while end < bytes.count, bytes[end] == char { end += 1 }
        guard end - start >= 3 else { return nil }
        let rest = bytes[end...]
        if char == UInt8(ascii: "`"), rest.contains(UInt8(ascii: "`")) { return nil }
        // An indented code block may hold a line that looks like a fence; there cmark's
        // position is the content itself, preceded by at least four columns of indentation.
        let firstLiteralLine = literal.utf8.prefix(while: { $0 != UInt8(ascii: "\n") })
        if indentationColumns(before: start, in: bytes) >= 4, firstLiteralLine.elementsEqual(bytes[start...]) {
            return nil
        }
        return Fence(
            fence: String(decoding: bytes[start..<end], as: UTF8.self),
            linePrefix: Self.prefix(bytes[..<start]),
            hasTab: bytes[..<start].contains(UInt8(ascii: "\t")),
            column: start)
    }

    /// Whether 1-based `line` is a closing fence for `opening`: container markers and spaces,
    /// then at least as many of the same fence character, then only spaces. The line has as
    /// many `>` markers as the opening fence's line (found by fuzzing): at the top level, `>```
    /// is a line of code, and in a block quote a fence without `>` is outside the quote, whose
    /// code block it leaves unclosed.
    func isClosingFence(line: Int, for opening: Fence) -> Bool {
        let bytes = lines[line]
        let fence = opening.fence
        guard let char = fence.utf8.first else { return false }
        var quotes = opening.linePrefix.utf8.count { $0 == UInt8(ascii: ">") }
        var index = 0
        while index < bytes.count, bytes[index].isSpaceOrTab || (bytes[index] == UInt8(ascii: ">") && quotes > 0) {
            if bytes[index] == UInt8(ascii: ">") { quotes -= 1 }
            index += 1
        }
        guard quotes == 0 else { return false }
        var runEnd = index
        while runEnd < bytes.count, bytes[runEnd] == char { runEnd += 1 }
        return runEnd - index >= fence.utf8.count && isBlank(bytes[runEnd...])
    }

    /// Whether the lines strictly between two 1-based lines are blank once container markers
    /// (`>`) are set aside.
    func onlyBlankLines(between first: Int, and last: Int) -> Bool {
        guard last - first > 1 else { return true }
        return ((first + 1)..<last).allSatisfy { number in
            lines[number].allSatisfy { $0.isSpaceOrTab || $0 == UInt8(ascii: ">") }
        }
    }

    /// Columns of spaces and tabs (tab stops of 4, as cmark counts them) right before `index`.
    /// The column after a tab at `column` (tab stops of 4, as cmark counts them).
    static func tabStop(after column: Int) -> Int { (column / 4 + 1) * 4 }

    private func indentationColumns(before index: Int, in bytes: [UInt8]) -> Int {
        var start = index
        while start > 0, bytes[start - 1].isSpaceOrTab { start -= 1 }
        func column(of position: Int) -> Int {
            var column = 0
            for byte in bytes[..<position] {
                column = byte == UInt8(ascii: "\t") ? Self.tabStop(after: column) : column + 1
            }
            return column
        }
        return column(of: index) - column(of: start)
    }

    /// What stands before a fence, with list-item markers (`-`, `+`, `*`, `1.`, `1)`) turned
    /// into as many spaces and tabs into the spaces they stand for (tab stops of 4, as cmark
    /// counts them), so that new lines written with it stay inside the same containers and
    /// no tab is left half used (cmark would read its other half as spaces of the content).
    static func prefix(_ bytes: ArraySlice<UInt8>) -> String {
        var result: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "*") {
                result.append(UInt8(ascii: " "))
                index += 1
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                var end = index
                while end < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
                if end < bytes.endIndex, bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: ")") { end += 1 }
                result.append(contentsOf: repeatElement(UInt8(ascii: " "), count: end - index))
                index = end
            } else if byte == UInt8(ascii: "\t") {
                result.append(contentsOf: repeatElement(UInt8(ascii: " "), count: tabStop(after: result.count) - result.count))
                index += 1
            } else {
                result.append(byte)
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
