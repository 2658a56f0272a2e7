extension StringProtocol {
    /// Without leading and trailing whitespace (`Character.isWhitespace`: spaces, tabs,
    /// newlines and the other Unicode spaces).
    public func trimmingWhitespace() -> SubSequence {
        var start = startIndex, end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }

    /// Without the line breaks at its end.
    public func trimmingTrailingNewlines() -> SubSequence {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isNewline { end = index(before: end) }
        return self[startIndex..<end]
    }
}
