/// A unified diff of an `output` block against a cell's actual output, for mismatch reports.
///
/// Lines are paired by the matching rules of `OutputMatcher`, not by plain equality: a line
/// whose numbers agree to the author's precision, or that fits a `...` inside it, is context,
/// and a `...` line stands as context for the actual lines it absorbs. Context lines show the
/// expected text, as the author wrote it.
///
/// Format: `--- expected` and `+++ actual` headers, then `@@ -l,n +l,n @@` hunks with three
/// lines of context, `-` for expected lines the output lacks and `+` for output lines the
/// author did not expect. Trailing whitespace and trailing blank lines are left out, as the
/// rules ignore them. Extra markers, in the style of `\ No newline at end of file`:
/// - `\ (no output)` when the cell printed nothing (`\ (only blank lines)` when it printed only
///   whitespace);
/// - a removed and an added line that differ only in whitespace (spaces against tabs, a
///   non-breaking space) are shown with visible whitespace: `·` for a space, `→` for a tab,
///   `⍽` for any other whitespace character.
///
/// With `color`, removed lines are red, added lines green and hunk headers cyan (ANSI).
public enum OutputDiff {
    /// Lines of context around each change.
    public static let contextLines = 3

    /// The diff, without a final newline; empty when `actual` matches `expected`.
    public static func unified(expected: String, actual: String, color: Bool) -> String {
        let pattern = OutputMatcher.Pattern(expected)
        let expectedLines = OutputLines.split(expected)
        let actualLines = OutputLines.split(actual)
        guard !pattern.matches(lines: actualLines) else { return "" }
        let steps = LineAlignment(pattern: pattern, actual: actualLines).steps

        let style = Style(color: color)
        var out = ["--- expected", "+++ actual"]
        for hunk in hunks(steps) {
            out.append(style.hunk(header(for: hunk, in: steps)))
            out += body(steps[hunk], expected: expectedLines, actual: actualLines, style: style)
        }
        if actualLines.isEmpty {
            out.append(actual.isEmpty ? "\\ (no output)" : "\\ (only blank lines)")
        }
        return out.joined(separator: "\n")
    }

    /// Ranges of steps to show: each change with its context, overlapping ones merged.
    static func hunks(_ steps: [LineAlignment.Step]) -> [Range<Int>] {
        var hunks: [Range<Int>] = []
        for (index, step) in steps.enumerated() where step.isChange {
            let lower = max(0, index - contextLines)
            let upper = min(steps.count, index + contextLines + 1)
            if let last = hunks.last, lower <= last.upperBound {
                hunks[hunks.count - 1] = last.lowerBound..<max(last.upperBound, upper)
            } else {
                hunks.append(lower..<upper)
            }
        }
        return hunks
    }

    /// `@@ -start,count +start,count @@` for the steps in `hunk`, in the conventions of GNU
    /// diff (a count of 1 is left out; an empty range names the line before it).
    static func header(for hunk: Range<Int>, in steps: [LineAlignment.Step]) -> String {
        // Lines consumed on each side before each step.
        var expectedBefore = 0, actualBefore = 0
        var expectedStart = 0, actualStart = 0
        for (index, step) in steps.enumerated() {
            if index == hunk.lowerBound { expectedStart = expectedBefore; actualStart = actualBefore }
            if index == hunk.upperBound { break }
            switch step {
            case .same(_, let a): expectedBefore += 1; actualBefore += a.count
            case .removed: expectedBefore += 1
            case .added: actualBefore += 1
            }
        }
        func range(_ start: Int, _ count: Int) -> String {
            switch count {
            case 0: return "\(start),0"
            case 1: return "\(start + 1)"
            default: return "\(start + 1),\(count)"
            }
        }
        return "@@ -\(range(expectedStart, expectedBefore - expectedStart))"
            + " +\(range(actualStart, actualBefore - actualStart)) @@"
    }

    /// The lines of one hunk: context, then each run of changes as its removals and then its
    /// additions.
    static func body(
        _ steps: ArraySlice<LineAlignment.Step>, expected: [String], actual: [String], style: Style
    ) -> [String] {
        var out: [String] = []
        var removed: [String] = [], added: [String] = []
        func flushChanges() {
            // Pair removed and added lines that look alike but differ in whitespace.
            var shownRemoved = removed, shownAdded = added
            for k in 0..<min(removed.count, added.count)
            where removed[k] != added[k] && withoutWhitespace(removed[k]) == withoutWhitespace(added[k]) {
                shownRemoved[k] = visibleWhitespace(removed[k])
                shownAdded[k] = visibleWhitespace(added[k])
            }
            out += shownRemoved.map { style.removed("-" + $0) }
            out += shownAdded.map { style.added("+" + $0) }
            removed = []; added = []
        }
        for step in steps {
            switch step {
            case .same(let e, _):
                flushChanges()
                out.append(" " + expected[e])
            case .removed(let e): removed.append(expected[e])
            case .added(let a): added.append(actual[a])
            }
        }
        flushChanges()
        return out
    }

    private static func withoutWhitespace(_ line: String) -> String {
        String(line.filter { !$0.isWhitespace })
    }

    private static func visibleWhitespace(_ line: String) -> String {
        String(line.map { c -> Character in
            switch c {
            case " ": return "·"
            case "\t": return "→"
            default: return c.isWhitespace ? "⍽" : c
            }
        })
    }

    struct Style {
        var color: Bool
        func removed(_ s: String) -> String { color ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
        func added(_ s: String) -> String { color ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
        func hunk(_ s: String) -> String { color ? "\u{1B}[36m\(s)\u{1B}[0m" : s }
    }
}
