extension OutputMatcher {
    /// An expected output compiled once, to be matched against actual outputs (see
    /// `OutputMatcher` for the rules).
    public struct Pattern: Hashable, Sendable {
        /// One line of the expected output.
        enum Line: Hashable, Sendable {
            /// A line that is only `...`: any number of actual lines, including none.
            case anyLines
            /// An ordinary line, which matches exactly one actual line.
            case line(LinePattern)
        }

        let lines: [Line]

        /// Compiles `expected`, as the author wrote it in an `output` block.
        public init(_ expected: String) {
            lines = OutputLines.split(expected).map { text in
                text.trimmedOfWhitespace() == "..." ? .anyLines : .line(LinePattern(text))
            }
        }

        /// Whether `actual` (the program's output) matches this pattern.
        public func matches(_ actual: String) -> Bool {
            matches(lines: OutputLines.split(actual))
        }

        /// Whether the actual output, already split by `OutputLines.split`, matches.
        func matches(lines actual: [String]) -> Bool {
            if !lines.contains(.anyLines) {
                // No `...` line: one actual line per expected line.
                guard actual.count == lines.count else { return false }
                return zip(lines, actual).allSatisfy { pattern, line in
                    if case .line(let linePattern) = pattern { return linePattern.matches(Array(line)) }
                    return true
                }
            }
            let actualCharacters = actual.map(Array.init)
            // reachable[i][j]: pattern lines from i can match actual lines from j.
            // Filled from the end, so no recursion and no exponential backtracking.
            let n = lines.count, m = actual.count
            var next = [Bool](repeating: false, count: m + 1)
            next[m] = true  // no pattern lines left matches only no actual lines left
            for i in stride(from: n - 1, through: 0, by: -1) {
                var current = [Bool](repeating: false, count: m + 1)
                for j in stride(from: m, through: 0, by: -1) {
                    switch lines[i] {
                    case .anyLines:
                        // Absorb nothing (go on with the next pattern line), or absorb line j.
                        current[j] = next[j] || (j < m && current[j + 1])
                    case .line(let pattern):
                        current[j] = j < m && next[j + 1] && pattern.matches(actualCharacters[j])
                    }
                }
                next = current
            }
            return next[0]
        }
    }
}

/// One ordinary expected line, as a sequence of literal text, numbers and `...` wildcards.
struct LinePattern: Hashable, Sendable {
    enum Piece: Hashable, Sendable {
        case text([Character])
        case number(NumberToken)
        /// `...` inside a line: any text on the line, possibly none.
        case anyText
    }

    let pieces: [Piece]

    init(_ line: String) {
        var pieces: [Piece] = []
        // Split at each `...` first, so that a number right after a wildcard (`...0.5`) is
        // still a number; then find the numbers in each piece of literal text.
        let segments = line.split(separator: "...", omittingEmptySubsequences: false)
        for (s, segment) in segments.enumerated() {
            if s > 0, pieces.last != .anyText { pieces.append(.anyText) }
            let characters = Array(segment)
            var literal: [Character] = []
            var i = 0
            while i < characters.count {
                if let (token, end) = NumberToken.scan(characters, at: i) {
                    if !literal.isEmpty { pieces.append(.text(literal)); literal = [] }
                    pieces.append(.number(token))
                    i = end
                } else {
                    literal.append(characters[i])
                    i += 1
                }
            }
            if !literal.isEmpty { pieces.append(.text(literal)) }
        }
        self.pieces = pieces
    }

    /// Whether the whole of `actual` matches, backtracking over the `...` wildcards.
    func matches(_ actual: [Character]) -> Bool {
        // Memoise failures by (piece, position): each pair is explored at most once.
        var failed = Set<Int>()
        let width = actual.count + 1
        func match(_ p: Int, _ position: Int) -> Bool {
            if p == pieces.count { return position == actual.count }
            let key = p * width + position
            if failed.contains(key) { return false }
            let result: Bool
            switch pieces[p] {
            case .text(let literal):
                result = position + literal.count <= actual.count
                    && actual[position..<(position + literal.count)].elementsEqual(literal)
                    && match(p + 1, position + literal.count)
            case .number(let expected):
                // Right after a `...`, a number may follow a `.` the wildcard absorbed (in
                // `0...100` against itself, the `100` after the dots is a number on both sides).
                let afterWildcard = p > 0 && pieces[p - 1] == .anyText
                if let (token, end) = NumberToken.scan(actual, at: position, afterWildcard: afterWildcard),
                   expected.accepts(token)
                {
                    result = match(p + 1, end)
                } else {
                    result = false
                }
            case .anyText:
                result = (position...actual.count).contains { match(p + 1, $0) }
            }
            if !result { failed.insert(key) }
            return result
        }
        return match(0, 0)
    }
}
