/// Lines of expected and actual output paired up the way the matching rules see them: the
/// smallest set of changes (an LCS-style dynamic programme whose equality is "this actual line
/// matches this expected line"), with a `...` line free to absorb any run of actual lines.
struct LineAlignment {
    enum Step: Hashable {
        /// Expected line `expected` matches actual lines `actual` (one line, or any number
        /// for a `...` line).
        case same(expected: Int, actual: Range<Int>)
        /// Expected line with no counterpart in the actual output.
        case removed(expected: Int)
        /// Actual line with no counterpart in the expected output.
        case added(actual: Int)

        var isChange: Bool {
            if case .same = self { return false }
            return true
        }
    }

    let steps: [Step]

    /// Lines of expected × actual output beyond which the middle of the outputs is not aligned
    /// line by line but shown as removed and then added.
    static let alignmentLimit = 4_000_000

    init(pattern: OutputMatcher.Pattern, actual: [String]) {
        let actualCharacters = actual.map(Array.init)
        let lines = pattern.lines
        func matches(_ i: Int, _ j: Int) -> Bool {
            if case .line(let linePattern) = lines[i] { return linePattern.matches(actualCharacters[j]) }
            return false
        }
        // Ordinary lines that match at the start and at the end are context: align only the rest.
        var head = 0
        while head < lines.count, head < actual.count, matches(head, head) { head += 1 }
        var tail = 0
        while tail < lines.count - head, tail < actual.count - head,
              matches(lines.count - 1 - tail, actual.count - 1 - tail)
        {
            tail += 1
        }
        var steps = (0..<head).map { Step.same(expected: $0, actual: $0..<($0 + 1)) }
        let middle = LineAlignment.align(
            Array(lines[head..<(lines.count - tail)]),
            Array(actualCharacters[head..<(actual.count - tail)]))
        steps += middle.map { step in
            switch step {
            case .same(let e, let a): .same(expected: e + head, actual: (a.lowerBound + head)..<(a.upperBound + head))
            case .removed(let e): .removed(expected: e + head)
            case .added(let a): .added(actual: a + head)
            }
        }
        steps += (0..<tail).map { k in
            let e = lines.count - tail + k, a = actual.count - tail + k
            return Step.same(expected: e, actual: a..<(a + 1))
        }
        self.steps = steps
    }

    private static func align(
        _ lines: [OutputMatcher.Pattern.Line], _ actualCharacters: [[Character]]
    ) -> [Step] {
        let n = lines.count, m = actualCharacters.count
        if n * m > alignmentLimit {
            return (0..<n).map { Step.removed(expected: $0) } + (0..<m).map { Step.added(actual: $0) }
        }
        // Cost of aligning lines[i...] with actual[j...]. A removed or added line costs `change`;
        // a line absorbed by `...` costs 2, so among diffs with the fewest changes `...`
        // absorbs the fewest lines. A removed line paired with an added one (a replacement)
        // costs one change plus 1, which is less than the absorption it saves: in
        // "...\nloss 0.9" against "epoch 1\nloss 0.5", `...` absorbs "epoch 1" and the loss
        // lines are shown as a change, instead of `...` absorbing both lines and the expected
        // loss line being shown as merely missing.
        let absorb = 2, replacement = 1
        let change = absorb * m + n + 1
        let width = m + 1
        var cost = [Int](repeating: 0, count: (n + 1) * width)
        var matches = [Bool](repeating: false, count: (n + 1) * width)
        for j in stride(from: m - 1, through: 0, by: -1) { cost[n * width + j] = cost[n * width + j + 1] + change }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m, through: 0, by: -1) {
                let here = i * width + j
                switch lines[i] {
                case .anyLines:
                    var best = cost[here + width]  // `...` absorbs nothing more
                    if j < m { best = min(best, cost[here + 1] + absorb) }  // absorbs actual[j]
                    cost[here] = best
                case .line(let linePattern):
                    var best = cost[here + width] + change  // expected line removed
                    if j < m {
                        best = min(best, cost[here + 1] + change)  // actual line added
                        if linePattern.matches(actualCharacters[j]) {
                            matches[here] = true
                            best = min(best, cost[here + width + 1])
                        } else {
                            best = min(best, cost[here + width + 1] + change + replacement)
                        }
                    }
                    cost[here] = best
                }
            }
        }

        var steps: [Step] = []
        var i = 0, j = 0
        var absorbedStart: Int?
        while i < n || j < m {
            let here = i * width + j
            if i == n {
                steps.append(.added(actual: j)); j += 1
                continue
            }
            switch lines[i] {
            case .anyLines:
                let start = absorbedStart ?? j
                if cost[here] == cost[here + width] {
                    steps.append(.same(expected: i, actual: start..<j))
                    absorbedStart = nil
                    i += 1
                } else {
                    absorbedStart = start
                    j += 1
                }
            case .line:
                if matches[here], cost[here] == cost[here + width + 1] {
                    steps.append(.same(expected: i, actual: j..<(j + 1))); i += 1; j += 1
                } else if cost[here] == cost[here + width] + change {
                    steps.append(.removed(expected: i)); i += 1
                } else if cost[here] == cost[here + 1] + change {
                    steps.append(.added(actual: j)); j += 1
                } else {
                    steps.append(.removed(expected: i))
                    steps.append(.added(actual: j))
                    i += 1; j += 1
                }
            }
        }
        return steps
    }
}
