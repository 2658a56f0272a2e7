/// Output text split into the lines the matching rules look at.
///
/// "\r\n" counts as "\n"; trailing whitespace on each line is removed; trailing blank lines
/// are dropped. An empty text, or one made only of blank lines, has no lines at all.
enum OutputLines {
    static func split(_ text: String) -> [String] {
        var lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.droppingTrailingWhitespace()) }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }
}

extension String {
    func replacingCRLF() -> String {
        guard contains("\r\n") else { return self }
        // "\r\n" is a single Character in Swift; map it to "\n".
        return String(map { $0 == "\r\n" ? "\n" : $0 })
    }
}

extension StringProtocol {
    /// The text without its trailing spaces, tabs and other non-newline whitespace ("\r" included).
    func droppingTrailingWhitespace() -> SubSequence {
        var end = endIndex
        while end > startIndex {
            let before = index(before: end)
            guard self[before].isWhitespace else { break }
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
