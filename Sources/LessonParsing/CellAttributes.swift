import CourseModel

/// Reads a fenced block's info string: whether it is a Swift cell, an output block, or
/// something else, and a cell's attributes.
enum CellAttributes {
    enum Kind: Equatable {
        /// First word `swift`; the words after it, as written.
        case swiftCell(words: [String])
        /// Exactly `output`.
        case output
        case other
    }

    /// Words are separated by spaces, tabs or commas: "swift no-run", "swift,hidden".
    static func classify(info: String) -> Kind {
        let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        if words.first == "swift" { return .swiftCell(words: Array(words.dropFirst())) }
        if info == "output" { return .output }
        return .other
    }

    /// Pairs of attributes that contradict each other: what one asks for, the other rules out.
    static let conflicts: [(CellAttribute, CellAttribute)] = [
        (.ignore, .noRun), (.ignore, .compileFail), (.ignore, .trap), (.ignore, .hidden), (.ignore, .nocheck),
        (.ignore, .prints), (.ignore, .isolated),
        (.noRun, .compileFail), (.noRun, .trap), (.noRun, .nocheck), (.noRun, .prints),
        (.compileFail, .trap), (.compileFail, .prints),
        (.trap, .prints), (.nocheck, .prints),
    ] + exercisePartConflicts

    /// An exercise's cells (exercise, solution, check) combine with no other attribute; each pair once.
    static let exercisePartConflicts: [(CellAttribute, CellAttribute)] = {
        var pairs: [(CellAttribute, CellAttribute)] = []
        for a in CellAttribute.allCases where CellAttribute.exerciseKinds.contains(a) {
            for b in CellAttribute.allCases where b != a && !(CellAttribute.exerciseKinds.contains(b) && b.order < a.order) {
                pairs.append((a, b))
            }
        }
        return pairs
    }()

    static var knownList: String { CellAttribute.allCases.map(\.rawValue).joined(separator: ", ") }

    /// The attributes named by `words`, and one problem per unknown word or conflicting pair,
    /// located at `location` (the opening fence).
    static func parse(words: [String], at location: SourceLocation) -> (Set<CellAttribute>, [Diagnostic]) {
        var attributes = Set<CellAttribute>()
        var problems: [Diagnostic] = []
        for word in words {
            if let attribute = CellAttribute(rawValue: word) {
                attributes.insert(attribute)
            } else {
                problems.append(Diagnostic(.parse, at: location, "unknown cell attribute '\(word)' (known: \(knownList))"))
            }
        }
        for (a, b) in conflicts where attributes.contains(a) && attributes.contains(b) {
            problems.append(Diagnostic(
                .parse, at: location,
                "cell attributes '\(a.rawValue)' and '\(b.rawValue)' cannot be combined: \(reason(a, b))"))
        }
        return (attributes, problems)
    }

    private static func reason(_ a: CellAttribute, _ b: CellAttribute) -> String {
        if CellAttribute.exerciseKinds.contains(a) {
            return "\(a.withArticle) cell is part of an exercise and takes no other attribute"
        }
        switch (a, b) {
        case (.ignore, .hidden): return "an ignored cell is only shown, and a hidden one is never shown"
        case (.ignore, _): return "an ignored cell is neither compiled nor run"
        case (.noRun, .compileFail): return "a no-run cell must compile, a compile-fail cell must not"
        case (.noRun, .nocheck), (.noRun, .prints): return "a no-run cell has no output to check"
        case (.noRun, _): return "a no-run cell is never run, so it cannot trap"
        case (.compileFail, .prints): return "a cell that fails to compile never runs, so it prints nothing"
        case (.trap, .prints): return "a trap cell's output, with the trap's message, is checked by its output block"
        case (.nocheck, .prints): return "a nocheck cell's output is never compared, a prints cell's always is"
        default: return "a cell that fails to compile never runs, so it cannot trap"
        }
    }
}

extension CellAttribute {
    /// Position in `allCases`, to name each conflicting pair once.
    var order: Int { CellAttribute.allCases.firstIndex(of: self)! }
}
