/// ``MathNode`` → plain Unicode text for a terminal: `ŷ = ∑ᵢ wᵢxᵢ + b`, `(a + b)/(2c)`, `√(x + 1)`.
enum UnicodeMathWriter {
    /// The text of a whole formula; aligned rows become lines, their columns padded to line up.
    static func text(_ node: MathNode) -> String {
        render(node, compact: false)
    }

    /// `compact`: inside a script, where TeX puts no space around `+` or `=` (`ᵢ₌₁`).
    private static func render(_ node: MathNode, compact: Bool) -> String {
        switch node {
        case .row(let nodes):
            return row(nodes, compact: compact)
        case .identifier(let text, _), .number(let text), .text(let text), .function(let text, _),
             .largeOperator(let text, _):
            return text
        case .symbol(let symbol):
            return symbol.text
        case .space(let width):
            if width <= 0 { return "" }
            if width < 1 { return " " }
            return width < 2 ? "  " : "    "
        case .scripts(let base, let sub, let sup):
            var result = render(base, compact: compact)
            if !isSimple(base), !isFunctionOrOperator(base), !result.isEmpty {
                result = "(" + result + ")"
            }
            if let sub { result += script(render(sub, compact: true), map: subscripts, marker: "_") }
            if let sup { result += script(render(sup, compact: true), map: superscripts, marker: "^") }
            return result
        case .fraction(let numerator, let denominator, _):
            return operand(numerator, compact: compact) + "/" + operand(denominator, compact: compact)
        case .binomial(let top, let bottom):
            return "C(" + render(top, compact: compact) + ", " + render(bottom, compact: compact) + ")"
        case .root(let radicand, let index):
            let body = isSimple(radicand) && !isRoot(radicand)
                ? render(radicand, compact: compact) : "(" + render(radicand, compact: compact) + ")"
            guard let index else { return "√" + body }
            let degree = render(index, compact: true)
            switch degree {
            case "3": return "∛" + body
            case "4": return "∜" + body
            default: return script(degree, map: superscripts, marker: "^") + "√" + body
            }
        case .accent(let base, let accent):
            var result = ""
            for character in render(base, compact: compact) {
                result.append(character)
                result.unicodeScalars.append(accent.combining)
            }
            return result
        case .stacked(let base, let over, let under):
            var result = render(base, compact: compact)
            if let under { result += script(render(under, compact: true), map: subscripts, marker: "_") }
            if let over { result += script(render(over, compact: true), map: superscripts, marker: "^") }
            return result
        case .fenced(let open, let body, let close):
            return (open ?? "") + render(body, compact: compact) + (close ?? "")
        case .table(let table):
            return self.table(table)
        }
    }

    /// Children with TeX's spacing as single spaces: around `+` and `=`, after `,`, around `log`.
    private static func row(_ nodes: [MathNode], compact: Bool) -> String {
        var result = ""
        var previous: MathSpacingClass?
        var previousIsBigOperator = false
        for node in nodes {
            let text = render(node, compact: compact)
            let current = node.spacingClass
            // `∑ (yᵢ − ŷᵢ)²` but `log(x)`.
            let space = previousIsBigOperator
                ? ![.close, .punctuation, .space].contains(current)
                : previous.map { needsSpace(between: $0, and: current) } ?? false
            if space, !compact, !result.isEmpty, result.last != " ", !text.isEmpty, text.first != " " {
                result += " "
            }
            result += text
            previous = current
            previousIsBigOperator = isBigOperator(node)
        }
        return result
    }

    private static func isBigOperator(_ node: MathNode) -> Bool {
        switch node {
        case .largeOperator: true
        case .scripts(let base, _, _): isBigOperator(base)
        default: false
        }
    }

    private static func needsSpace(between left: MathSpacingClass, and right: MathSpacingClass) -> Bool {
        switch (left, right) {
        case (.space, _), (_, .space): false
        case (.binary, _), (_, .binary), (.relation, _), (_, .relation), (.punctuation, _): true
        case (.largeOperator, .open), (.largeOperator, .close), (.largeOperator, .punctuation), (.largeOperator, .inner): false
        case (.largeOperator, _): true
        case (.ordinary, .largeOperator), (.close, .largeOperator), (.inner, .largeOperator): true
        default: false
        }
    }

    /// A fraction's numerator or denominator: parenthesized unless it is one simple piece.
    private static func operand(_ node: MathNode, compact: Bool) -> String {
        let text = render(node, compact: compact)
        return isSimple(node) ? text : "(" + text + ")"
    }

    /// One piece that reads unambiguously next to `/`, `√` or a script.
    private static func isSimple(_ node: MathNode) -> Bool {
        switch node {
        case .row(let nodes): nodes.count == 1 && isSimple(nodes[0])
        case .identifier, .number, .symbol, .accent, .fenced, .table: true
        case .text(let text): !text.contains(" ")
        case .scripts(let base, _, _): isSimple(base) || isFunctionOrOperator(base)
        default: false
        }
    }

    private static func isFunctionOrOperator(_ node: MathNode) -> Bool {
        switch node {
        case .function, .largeOperator: true
        case .row(let nodes): nodes.count == 1 && isFunctionOrOperator(nodes[0])
        default: false
        }
    }

    private static func isRoot(_ node: MathNode) -> Bool {
        switch node {
        case .root: true
        case .row(let nodes): nodes.count == 1 && isRoot(nodes[0])
        default: false
        }
    }

    // MARK: Scripts

    /// `²` when every character has a superscript form, else `^2x` → `^(2x)` (one character: `^*`).
    private static func script(_ text: String, map: [Character: Character], marker: String) -> String {
        if text.isEmpty { return "" }
        var mapped = ""
        for character in text {
            guard let scripted = map[character] else {
                return text.count == 1 ? marker + text : marker + "(" + text + ")"
            }
            mapped.append(scripted)
        }
        return mapped
    }

    private static let superscripts: [Character: Character] = {
        var table: [Character: Character] = [
            "+": "⁺", "−": "⁻", "-": "⁻", "=": "⁼", "(": "⁽", ")": "⁾",
            "′": "′", "″": "″", "‴": "‴", "∗": "*", "⊤": "ᵀ",
            "β": "ᵝ", "γ": "ᵞ", "δ": "ᵟ", "θ": "ᶿ", "φ": "ᵠ", "ϕ": "ᵠ", "χ": "ᵡ", "ι": "ᶥ",
        ]
        zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹").forEach { table[$0] = $1 }
        zip("abcdefghijklmnoprstuvwxyz", "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ").forEach { table[$0] = $1 }
        zip("ABDEGHIJKLMNOPRTUVW", "ᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ").forEach { table[$0] = $1 }
        return table
    }()

    private static let subscripts: [Character: Character] = {
        var table: [Character: Character] = [
            "+": "₊", "−": "₋", "-": "₋", "=": "₌", "(": "₍", ")": "₎",
            "β": "ᵦ", "γ": "ᵧ", "ρ": "ᵨ", "φ": "ᵩ", "ϕ": "ᵩ", "χ": "ᵪ",
        ]
        zip("0123456789", "₀₁₂₃₄₅₆₇₈₉").forEach { table[$0] = $1 }
        zip("aehijklmnoprstuvx", "ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ").forEach { table[$0] = $1 }
        return table
    }()

    // MARK: Tables

    private static func table(_ table: MathTable) -> String {
        let cells = table.rows.map { row in row.map { trimmed(render($0, compact: false)) } }
        switch table.kind {
        case .matrix(let open, let close):
            let rows = cells.map { "[" + $0.joined(separator: ", ") + "]" }
            let body = "[" + rows.joined(separator: ", ") + "]"
            return open == "(" || open == "[" || open == nil ? body : (open ?? "") + body + (close ?? "")
        case .cases:
            let rows = zip(table.rows, cells).map { (nodes, texts) -> String in
                var line = texts.first ?? ""
                for (node, text) in zip(nodes.dropFirst(), texts.dropFirst()) where !text.isEmpty {
                    line += startsWithText(node) ? " " + text : ", " + text
                }
                return line
            }
            return "{ " + rows.joined(separator: "; ") + " }"
        case .aligned:
            let columns = cells.map(\.count).max() ?? 0
            var widths = Array(repeating: 0, count: columns)
            for row in cells {
                for (column, text) in row.enumerated() { widths[column] = max(widths[column], text.count) }
            }
            let lines = cells.map { row -> String in
                var line = ""
                for (column, text) in row.enumerated() {
                    let padding = String(repeating: " ", count: widths[column] - text.count)
                    if column > 0, !text.isEmpty { line += " " }
                    line += column % 2 == 0 ? padding + text : text + padding
                }
                return trimmedEnd(line)
            }
            return lines.joined(separator: "\n")
        case .gathered:
            return cells.map { $0.joined(separator: " ") }.joined(separator: "\n")
        }
    }

    private static func startsWithText(_ node: MathNode) -> Bool {
        switch node {
        case .text: true
        case .row(let nodes): nodes.first.map(startsWithText) ?? false
        default: false
        }
    }

    private static func trimmed(_ text: String) -> String {
        var characters = Substring(text)
        while characters.first == " " { characters.removeFirst() }
        while characters.last == " " { characters.removeLast() }
        return String(characters)
    }

    private static func trimmedEnd(_ text: String) -> String {
        var characters = Substring(text)
        while characters.last == " " { characters.removeLast() }
        return String(characters)
    }
}
