import Plumbing
/// ``MathNode`` → MathML Core, as a string of well-formed XML (also valid in HTML).
///
/// Choices, for the site's stylesheet and for reviewers:
/// - Fonts (`\mathbf`, `\mathbb`, `\mathcal`...) are Unicode mathematical alphanumerics
///   (`𝐖`, `ℝ`, `ℒ`): MathML Core's `mathvariant` only knows `normal`, and Chromium ignores the rest.
/// - Table cells carry `columnalign` and aligned tables `columnspacing="0"`; browsers ignore both,
///   so the site stylesheet maps them to CSS:
///   `mtd[columnalign=left]{text-align:left;text-align:-webkit-left}`,
///   `mtd[columnalign=right]{text-align:right;text-align:-webkit-right}`,
///   `mtable[columnspacing="0"]>mtr>mtd{padding-left:0;padding-right:0}`.
/// - Empty elements are written as `<mspace ...></mspace>`, never self-closed, to be safe in HTML.
enum MathMLWriter {
    /// The `<math>` element for a formula, with its TeX source as an annotation.
    static func document(_ node: MathNode, source: String, display: Bool) -> String {
        let body = element(node, display: display)
        let open = display ? "<math display=\"block\">" : "<math>"
        return open + "<semantics>" + body + "<annotation encoding=\"application/x-tex\">"
            + Escape.html(source) + "</annotation></semantics></math>"
    }

    // MARK: Elements

    /// Exactly one element for a node (a row of several becomes `<mrow>`).
    /// `display`: whether big operators take their limits above and below here.
    private static func element(_ node: MathNode, display: Bool) -> String {
        switch node {
        case .row(let nodes):
            if nodes.count == 1 { return element(nodes[0], display: display) }
            return "<mrow>" + contents(nodes, display: display) + "</mrow>"
        case .identifier(let text, let upright):
            return identifier(text, upright: upright)
        case .number(let text):
            return "<mn>" + Escape.html(text) + "</mn>"
        case .symbol(let symbol):
            return self.symbol(symbol)
        case .function(let name, _):
            return identifier(name, upright: true)
        case .largeOperator(let text, _):
            return "<mo>" + Escape.html(text) + "</mo>"
        case .text(let text):
            // Token elements trim their spaces; no-break spaces keep `\text{if }` apart from what follows.
            var kept = ""
            for scalar in text.unicodeScalars {
                kept.unicodeScalars.append(scalar == " " ? "\u{A0}" : scalar)
            }
            return "<mtext>" + Escape.html(kept) + "</mtext>"
        case .space(let width):
            return "<mspace width=\"" + em(width) + "\"></mspace>"
        case .scripts(let base, let sub, let sup):
            return scripts(base: base, sub: sub, sup: sup, display: display)
        case .fraction(let numerator, let denominator, let style):
            let attribute: String
            switch style {
            case .automatic: attribute = ""
            case .display: attribute = " displaystyle=\"true\""
            case .text: attribute = " displaystyle=\"false\""
            }
            return "<mfrac\(attribute)>" + element(numerator, display: false)
                + element(denominator, display: false) + "</mfrac>"
        case .binomial(let top, let bottom):
            return "<mrow><mo>(</mo><mfrac linethickness=\"0\">" + element(top, display: false)
                + element(bottom, display: false) + "</mfrac><mo>)</mo></mrow>"
        case .root(let radicand, let index):
            guard let index else {
                return "<msqrt>" + inner(radicand, display: display) + "</msqrt>"
            }
            return "<mroot>" + element(radicand, display: display) + element(index, display: false) + "</mroot>"
        case .accent(let base, let accent):
            let stretchy = accent.stretchy ? "true" : "false"
            let mark = "<mo stretchy=\"\(stretchy)\">" + Escape.html(accent.mark) + "</mo>"
            if accent.under {
                return "<munder accentunder=\"true\">" + element(base, display: display) + mark + "</munder>"
            }
            return "<mover accent=\"true\">" + element(base, display: display) + mark + "</mover>"
        case .stacked(let base, let over, let under):
            let baseElement = element(base, display: display)
            switch (over, under) {
            case (let over?, let under?):
                return "<munderover>" + baseElement + element(under, display: false) + element(over, display: false) + "</munderover>"
            case (let over?, nil):
                return "<mover>" + baseElement + element(over, display: false) + "</mover>"
            case (nil, let under?):
                return "<munder>" + baseElement + element(under, display: false) + "</munder>"
            case (nil, nil):
                return baseElement
            }
        case .fenced(let open, let body, let close):
            return "<mrow>" + fence(open, form: "prefix") + contents(rowNodes(body), display: display)
                + fence(close, form: "postfix") + "</mrow>"
        case .table(let table):
            return self.table(table, display: display)
        }
    }

    /// A row's children, in order, with function application after function names and the
    /// thin spaces TeX puts around them (`n log n`, `log x`, but `log(x)`).
    private static func contents(_ nodes: [MathNode], display: Bool) -> String {
        var result = ""
        for index in nodes.indices {
            let node = nodes[index]
            let isFunction = isFunctionName(node)
            if isFunction, index > 0, !isFunctionName(nodes[index - 1]),
               [.ordinary, .close, .inner].contains(nodes[index - 1].spacingClass) {
                result += thinSpace
            }
            result += element(node, display: display)
            if isFunction, index + 1 < nodes.count {
                let next = nodes[index + 1]
                result += "<mo>&#x2061;</mo>"
                if next.spacingClass == .ordinary || isFunctionName(next) {
                    result += thinSpace
                }
            }
        }
        return result
    }

    private static let thinSpace = "<mspace width=\"0.1667em\"></mspace>"

    private static func isFunctionName(_ node: MathNode) -> Bool {
        switch node {
        case .function: true
        case .scripts(let base, _, _): isFunctionName(base)
        default: false
        }
    }

    /// The children of a node that takes an inferred row (`msqrt`, `mtd`): no extra `<mrow>`.
    private static func inner(_ node: MathNode, display: Bool) -> String {
        contents(rowNodes(node), display: display)
    }

    private static func rowNodes(_ node: MathNode) -> [MathNode] {
        if case .row(let nodes) = node { return nodes }
        return [node]
    }

    private static func identifier(_ text: String, upright: Bool) -> String {
        // A single letter is italic unless told otherwise; longer names are upright already.
        let attribute = upright && text.count == 1 ? " mathvariant=\"normal\"" : ""
        return "<mi\(attribute)>" + Escape.html(text) + "</mi>"
    }

    private static func symbol(_ symbol: MathSymbol) -> String {
        var attributes = ""
        if let size = symbol.size {
            attributes = " stretchy=\"true\" minsize=\"\(em(size))\" maxsize=\"\(em(size))\""
        } else if symbol.stretchy {
            attributes = " stretchy=\"true\""
        } else {
            switch symbol.kind {
            case .unary:
                attributes = " lspace=\"0em\" rspace=\"0em\""
            case .open, .close:
                // Plain delimiters keep their size, as in TeX; only `\left`/`\right` grow.
                attributes = " stretchy=\"false\""
            case .ordinary where ["|", "‖", "/", "\\"].contains(symbol.text):
                attributes = " stretchy=\"false\""
            default:
                break
            }
        }
        return "<mo\(attributes)>" + Escape.html(symbol.text) + "</mo>"
    }

    private static func fence(_ delimiter: String?, form: String) -> String {
        guard let delimiter else { return "" }
        return "<mo form=\"\(form)\" stretchy=\"true\">" + Escape.html(delimiter) + "</mo>"
    }

    private static func scripts(base: MathNode, sub: MathNode?, sup: MathNode?, display: Bool) -> String {
        let baseElement = element(base, display: display)
        let limitsAboveBelow: Bool
        switch base {
        case .largeOperator(_, let limits), .function(_, let limits):
            limitsAboveBelow = limits == .always || (limits == .display && display)
        default: limitsAboveBelow = false
        }
        switch (sub, sup) {
        case (let sub?, let sup?):
            let name = limitsAboveBelow ? "munderover" : "msubsup"
            return "<\(name)>" + baseElement + element(sub, display: false) + element(sup, display: false) + "</\(name)>"
        case (let sub?, nil):
            let name = limitsAboveBelow ? "munder" : "msub"
            return "<\(name)>" + baseElement + element(sub, display: false) + "</\(name)>"
        case (nil, let sup?):
            let name = limitsAboveBelow ? "mover" : "msup"
            return "<\(name)>" + baseElement + element(sup, display: false) + "</\(name)>"
        case (nil, nil):
            return baseElement
        }
    }

    private static func table(_ table: MathTable, display: Bool) -> String {
        var attributes = ""
        var cellDisplay = false
        var alignment: (Int) -> String? = { _ in nil }
        var open: String?
        var close: String?
        switch table.kind {
        case .matrix(let matrixOpen, let matrixClose):
            open = matrixOpen
            close = matrixClose
        case .cases:
            open = "{"
            alignment = { _ in "left" }
        case .aligned:
            attributes = " displaystyle=\"true\" columnspacing=\"0\""
            cellDisplay = true
            alignment = { $0 % 2 == 0 ? "right" : "left" }
        case .gathered:
            attributes = " displaystyle=\"true\""
            cellDisplay = true
        }
        var result = "<mtable\(attributes)>"
        for row in table.rows {
            result += "<mtr>"
            for (column, cell) in row.enumerated() {
                let align = alignment(column).map { " columnalign=\"\($0)\"" } ?? ""
                result += "<mtd\(align)>" + inner(cell, display: cellDisplay) + "</mtd>"
            }
            result += "</mtr>"
        }
        result += "</mtable>"
        if open == nil, close == nil { return result }
        return "<mrow>" + fence(open, form: "prefix") + result + fence(close, form: "postfix") + "</mrow>"
    }

    /// `0.1667em`, `1em`, `-0.1667em`.
    private static func em(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1000 {
            return String(Int(value)) + "em"
        }
        return "\(value)em"
    }
}
