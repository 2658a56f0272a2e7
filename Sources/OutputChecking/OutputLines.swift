/// Output text split into the lines the matching rules look at.
///
/// "\r\n" counts as "\n"; trailing whitespace on each line is removed; trailing blank lines
/// are dropped. An empty text, or one made only of blank lines, has no lines at all.
enum OutputLines {
    static func split(_ text: String) -> [String] {
        // Split at "\n" and "\r\n" (one Character) as they stand: turning "\r\n" into "\n" first
        // would join a preceding lone "\r" with it into a new "\r\n" ("a\r\r\nb" must be the
        // lines "a\r" and "b", not one line).
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { String($0.droppingTrailingWhitespace()) }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }
}

extension StringProtocol {
    /// The text without its trailing spaces, tabs and other non-newline whitespace ("\r" included).
    ///
    /// Whitespace is removed scalar by scalar, not Character by Character: a space after a
    /// prepending mark such as U+0601 is part of the mark's Character, and must go all the same.
    func droppingTrailingWhitespace() -> SubSequence {
        let scalars = unicodeScalars
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let before = scalars.index(before: end)
            guard scalars[before].properties.isWhitespace else { break }
            end = before
        }
        return self[startIndex..<end]
    }

    /// The text without leading and trailing whitespace.
    func trimmedOfWhitespace() -> SubSequence {
        let trailingTrimmed = droppingTrailingWhitespace()
        var start = trailingTrimmed.startIndex
        while start < trailingTrimmed.endIndex, trailingTrimmed[start].isWhitespace {
            start = trailingTrimmed.index(after: start)
        }
        return trailingTrimmed[start..<trailingTrimmed.endIndex]
    }
}
