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

    init(pattern: OutputMatcher.Pattern, actual: [String]) {
        let lines = pattern.lines
        let n = lines.count, m = actual.count
        let actualCharacters = actual.map(Array.init)
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
        self.steps = steps
    }
}
