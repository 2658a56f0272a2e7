/// TeX math → ``MathNode``, by recursive descent over ``MathTokenizer``'s tokens.
///
/// Every loop consumes a token per turn and nesting is capped at ``maximumDepth``, so any
/// input ends quickly in a tree or a ``MathError``.
struct MathParser {
    /// Deeper nesting (`{{{...}}}`, `\frac` in `\frac`...) is an error, not a stack overflow.
    static let maximumDepth = 40

    private var tokens: MathTokenizer
    private var depth = 0
    /// The font that `\mathbf{...}` and friends set for the letters and digits inside.
    private var font: MathFont?

    private init(_ source: String) {
        tokens = MathTokenizer(source)
    }

    /// Parses a whole formula. `&` and `\\` at the top make aligned rows.
    static func parse(_ source: String) throws(MathError) -> MathNode {
        var parser = MathParser(source)
        try parser.tokens.checkCharacters()
        let rows = try parser.parseRows(environment: nil, aligned: true)
        if rows.count == 1, rows[0].count == 1 {
            return rows[0][0]
        }
        return .table(MathTable(kind: .aligned, rows: rows))
    }

    // MARK: Rows, cells, groups

    /// What an environment's body (or the whole formula, when `environment` is nil) is made of:
    /// rows of cells, separated by `\\` and `&`, up to `\end{name}` (or the end).
    private mutating func parseRows(environment: (name: String, offset: Int)?, aligned: Bool) throws(MathError) -> [[MathNode]] {
        var rows: [[MathNode]] = []
        var cells: [MathNode] = []
        while true {
            let nodes = try parseList()
            cells.append(.row(Self.finishRow(nodes, afterAlignmentPoint: aligned && cells.count % 2 == 1)))
            let stop = try tokens.next()
            switch stop.kind {
            case .ampersand:
                continue
            case .command(let name) where MathSymbols.commands[name] == .newRow:
                rows.append(cells)
                cells = []
                tokens.skipOptionalBracket()
                continue
            case .end:
                if let environment {
                    throw MathError(message: "missing \\end{\(environment.name)} for \\begin{\(environment.name)}", offset: environment.offset)
                }
            case .command(let name) where MathSymbols.commands[name] == .end:
                let ending = try tokens.readRawGroup(for: "end", commandOffset: stop.offset)
                guard let environment else {
                    throw MathError(message: "\\end{\(ending)} without \\begin{\(ending)}", offset: stop.offset)
                }
                guard ending == environment.name else {
                    throw MathError(message: "\\end{\(ending)} does not match \\begin{\(environment.name)} at offset \(environment.offset)", offset: stop.offset)
                }
            default:
                throw unexpected(stop)
            }
            rows.append(cells)
            break
        }
        // `a \\ b \\` has no third row.
        if rows.count > 1, let last = rows.last, last.count == 1, last[0] == .row([]) {
            rows.removeLast()
        }
        return rows
    }

    /// `{...}`, after its `{` (at `offset`).
    private mutating func parseGroup(openedAt offset: Int) throws(MathError) -> MathNode {
        try enter(at: offset)
        defer { depth -= 1 }
        let nodes = try parseList()
        let stop = try tokens.next()
        switch stop.kind {
        case .closeBrace:
            return .row(Self.finishRow(nodes))
        case .end:
            throw MathError(message: "missing } for {", offset: offset)
        case .command(let name) where MathSymbols.commands[name] == .end:
            throw MathError(message: "missing } for {", offset: offset)
        default:
            throw unexpected(stop)
        }
    }

    /// Atoms up to the next `}`, `&`, `\\`, `\end`, `\right`, `\middle` or the end (not consumed).
    private mutating func parseList() throws(MathError) -> [MathNode] {
        var nodes: [MathNode] = []
        while true {
            let token = try tokens.peek()
            if Self.isTerminator(token.kind) { return nodes }
            if let node = try parseAtomWithScripts() {
                nodes.append(node)
            }
        }
    }

    private static func isTerminator(_ kind: MathToken.Kind) -> Bool {
        switch kind {
        case .end, .closeBrace, .ampersand:
            return true
        case .command(let name):
            switch MathSymbols.commands[name] {
            case .newRow, .end, .right, .middle: return true
            default: return false
            }
        default:
            return false
        }
    }

    /// The error for a terminator that the current construct cannot end with.
    private func unexpected(_ token: MathToken) -> MathError {
        let message: String
        switch token.kind {
        case .closeBrace: message = "unmatched }"
        case .ampersand: message = "misplaced & (only in a matrix, cases, aligned, or at the top of the formula)"
        case .command(let name):
            switch MathSymbols.commands[name] {
            case .newRow: message = "misplaced \\\\ (only in a matrix, cases, aligned, or at the top of the formula)"
            case .right: message = "\\right without \\left"
            case .middle: message = "\\middle without \\left"
            case .end: message = "\\end without \\begin"
            default: message = "unexpected \\\(name)"
            }
        case .end: message = "unexpected end of the formula"
        default: message = "unexpected token"
        }
        return MathError(message: message, offset: token.offset)
    }

    /// Marks signs (`−1`, `x = −y`) and, after an `&` in aligned rows, keeps `&=` a relation.
    private static func finishRow(_ nodes: [MathNode], afterAlignmentPoint: Bool = false) -> [MathNode] {
        var nodes = nodes
        if afterAlignmentPoint, let first = nodes.first {
            switch first.spacingClass {
            case .binary, .relation: nodes.insert(.identifier("", upright: false), at: 0)
            default: break
            }
        }
        var previous: MathSpacingClass?
        for index in nodes.indices {
            let current = nodes[index].spacingClass
            if current == .space { continue }
            if case .symbol(var symbol) = nodes[index], symbol.kind == .binary {
                let next = nodes[(index + 1)...].first { $0.spacingClass != .space }?.spacingClass
                let afterOperand = [MathSpacingClass.ordinary, .close, .inner].contains(previous ?? .open)
                let beforeOperand = next.map { [MathSpacingClass.ordinary, .open, .inner, .largeOperator].contains($0) } ?? false
                if !afterOperand || !beforeOperand {
                    symbol.kind = .unary
                    nodes[index] = .symbol(symbol)
                }
            }
            previous = nodes[index].spacingClass
        }
        return nodes
    }

    private mutating func enter(at offset: Int) throws(MathError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw MathError(message: "formula nested too deeply (more than \(Self.maximumDepth) levels)", offset: offset)
        }
    }

    // MARK: Atoms

    /// An atom and its `_`, `^`, `'`, `\limits`; `nil` for a command that draws nothing (`\displaystyle`).
    private mutating func parseAtomWithScripts() throws(MathError) -> MathNode? {
        var base: MathNode
        switch try tokens.peek().kind {
        case .superscript, .`subscript`, .symbol("'"):
            base = .row([])
        default:
            guard let atom = try parseAtom() else { return nil }
            base = atom
        }
        var sub: MathNode?
        var sup: MathNode?
        var primes = 0
        var supIsPrimesOnly = false
        var limits: MathLimits?
        scripts: while true {
            let token = try tokens.peek()
            switch token.kind {
            case .superscript:
                _ = try tokens.next()
                if sup != nil, !supIsPrimesOnly {
                    throw MathError(message: "double superscript (group them: x^{ab})", offset: token.offset)
                }
                let argument = try parseArgument(for: "^", at: token.offset)
                sup = primes > 0 ? .row([Self.primes(primes), argument]) : argument
                supIsPrimesOnly = false
            case .`subscript`:
                _ = try tokens.next()
                if sub != nil {
                    throw MathError(message: "double subscript (group them: x_{ij})", offset: token.offset)
                }
                sub = try parseArgument(for: "_", at: token.offset)
            case .symbol("'"):
                _ = try tokens.next()
                if sup != nil, !supIsPrimesOnly {
                    throw MathError(message: "double superscript (a prime after ^)", offset: token.offset)
                }
                primes += 1
                sup = Self.primes(primes)
                supIsPrimesOnly = true
            case .command(let name):
                guard case .limits(let value) = MathSymbols.commands[name] else { break scripts }
                _ = try tokens.next()
                limits = value ? .always : .never
            default:
                break scripts
            }
        }
        if let limits {
            switch base {
            case .largeOperator(let text, _): base = .largeOperator(text, limits: limits)
            case .function(let name, _): base = .function(name, limits: limits)
            default: break
            }
        }
        if sub == nil, sup == nil { return base }
        return .scripts(base: base, sub: sub, sup: sup)
    }

    private static func primes(_ count: Int) -> MathNode {
        let text: String
        switch count {
        case 1: text = "′"
        case 2: text = "″"
        case 3: text = "‴"
        default: text = String(repeating: "′", count: count)
        }
        return .symbol(MathSymbol(text: text, kind: .ordinary))
    }

    /// The argument of a command or script: a `{group}` or a single token (one digit of a number, like TeX).
    private mutating func parseArgument(for command: String, at offset: Int) throws(MathError) -> MathNode {
        try enter(at: offset)
        defer { depth -= 1 }
        let token = try tokens.next()
        let missing = MathError(message: "missing argument for \(command)", offset: offset)
        switch token.kind {
        case .openBrace:
            return try parseGroup(openedAt: token.offset)
        case .end, .closeBrace, .ampersand, .superscript, .`subscript`:
            throw missing
        case .number(let digits) where digits.count > 1:
            let first = String(digits.prefix(1))
            tokens.pushBack(MathToken(kind: .number(String(digits.dropFirst())), offset: token.offset + 1))
            return .number(applyFont(first))
        default:
            if Self.isTerminator(token.kind) { throw missing }
            tokens.pushBack(token)
            guard let atom = try parseAtom() else { throw missing }
            return atom
        }
    }

    /// One atom, without its scripts.
    private mutating func parseAtom() throws(MathError) -> MathNode? {
        let token = try tokens.next()
        switch token.kind {
        case .letter(let letter):
            guard font == .upright else {
                return .identifier(applyFont(letter), upright: false)
            }
            // `\mathrm{ReLU}` is one word, not four letters.
            var word = letter
            while case .letter(let next) = try tokens.peek().kind {
                word += next
                _ = try tokens.next()
            }
            return .identifier(word, upright: true)
        case .number(let digits):
            return .number(applyFont(digits))
        case .symbol(let text):
            if text == "'" { return Self.primes(1) }
            return .symbol(MathSymbols.symbol(forCharacter: text) ?? MathSymbol(text: text, kind: .ordinary))
        case .openBrace:
            return try parseGroup(openedAt: token.offset)
        case .tilde:
            return .space(0.25)
        case .command(let name):
            return try parseCommand(name, at: token.offset)
        case .end, .closeBrace, .ampersand, .superscript, .`subscript`:
            throw unexpected(token)
        }
    }

    private mutating func parseCommand(_ name: String, at offset: Int) throws(MathError) -> MathNode? {
        guard let command = MathSymbols.commands[name] else {
            throw MathError(message: "unknown command \\\(name)", offset: offset)
        }
        switch command {
        case .letter(let letter):
            return .identifier(applyFont(letter), upright: font == .upright)
        case .uprightLetter(let letter):
            return .identifier(applyFont(letter), upright: font == nil || font == .upright)
        case .ordinary(let text):
            return .identifier(text, upright: false)
        case .symbol(let text, let kind):
            return .symbol(MathSymbol(text: text, kind: kind))
        case .largeOperator(let text, let limits):
            return .largeOperator(text, limits: MathLimits(limits))
        case .function(let name, let limits):
            return .function(name, limits: MathLimits(limits))
        case .space(let width):
            return .space(width)
        case .font(let newFont):
            let saved = font
            font = newFont
            defer { font = saved }
            let argument = try parseArgument(for: "\\\(name)", at: offset)
            if case .row(let nodes) = argument, nodes.count == 1 { return nodes[0] }
            return argument
        case .text(let textFont):
            let text = try tokens.readRawGroup(for: name, commandOffset: offset)
            return .text(textFont.map { MathSymbols.apply($0, to: text) } ?? text)
        case .operatorName(let limits):
            let text = try tokens.readRawGroup(for: name, commandOffset: offset)
            return .function(Self.trimmed(text), limits: MathLimits(limits))
        case .fraction(let style):
            let numerator = try parseArgument(for: "\\\(name)", at: offset)
            let denominator = try parseArgument(for: "\\\(name)", at: offset)
            return .fraction(numerator, denominator, style: style)
        case .binomial:
            let top = try parseArgument(for: "\\\(name)", at: offset)
            let bottom = try parseArgument(for: "\\\(name)", at: offset)
            return .binomial(top, bottom)
        case .squareRoot:
            var index: MathNode?
            if case .symbol("[") = try tokens.peek().kind {
                let open = try tokens.next()
                try enter(at: open.offset)
                defer { depth -= 1 }
                var nodes: [MathNode] = []
                while true {
                    let token = try tokens.peek()
                    if case .symbol("]") = token.kind {
                        _ = try tokens.next()
                        break
                    }
                    if Self.isTerminator(token.kind) {
                        throw MathError(message: "missing ] for \\sqrt[", offset: open.offset)
                    }
                    if let node = try parseAtomWithScripts() { nodes.append(node) }
                }
                index = .row(Self.finishRow(nodes))
            }
            let radicand = try parseArgument(for: "\\sqrt", at: offset)
            return .root(radicand, index: index)
        case .accent(let accent):
            return .accent(try parseArgument(for: "\\\(name)", at: offset), accent)
        case .overset:
            let over = try parseArgument(for: "\\\(name)", at: offset)
            let base = try parseArgument(for: "\\\(name)", at: offset)
            return .stacked(base: base, over: over, under: nil)
        case .underset:
            let under = try parseArgument(for: "\\\(name)", at: offset)
            let base = try parseArgument(for: "\\\(name)", at: offset)
            return .stacked(base: base, over: nil, under: under)
        case .left:
            return try parseLeftRight(at: offset)
        case .bigDelimiter(let size, let kind):
            let delimiter = try parseDelimiter(after: name, at: offset)
            if delimiter.isEmpty { return nil }
            let symbol = MathSymbols.symbol(forCharacter: delimiter)
            return .symbol(MathSymbol(text: delimiter, kind: kind ?? symbol?.kind ?? .ordinary, size: size))
        case .begin:
            return try parseEnvironment(at: offset)
        case .limits, .ignored:
            return nil
        case .right, .middle, .end, .newRow:
            throw unexpected(MathToken(kind: .command(name), offset: offset))
        }
    }

    /// `\left( ... \middle| ... \right)`, after `\left`.
    private mutating func parseLeftRight(at offset: Int) throws(MathError) -> MathNode {
        try enter(at: offset)
        defer { depth -= 1 }
        let open = try parseDelimiter(after: "left", at: offset)
        var body: [MathNode] = []
        while true {
            body += try parseList()
            let stop = try tokens.next()
            guard case .command(let name) = stop.kind else {
                if case .end = stop.kind { throw MathError(message: "missing \\right for \\left", offset: offset) }
                if case .closeBrace = stop.kind { throw MathError(message: "missing \\right for \\left", offset: offset) }
                throw unexpected(stop)
            }
            switch MathSymbols.commands[name] {
            case .middle:
                let delimiter = try parseDelimiter(after: "middle", at: stop.offset)
                if !delimiter.isEmpty {
                    body.append(.symbol(MathSymbol(text: delimiter, kind: .relation, stretchy: true)))
                }
            case .right:
                let close = try parseDelimiter(after: "right", at: stop.offset)
                return .fenced(
                    open: open.isEmpty ? nil : open, body: .row(Self.finishRow(body)),
                    close: close.isEmpty ? nil : close)
            case .end:
                throw MathError(message: "missing \\right for \\left", offset: offset)
            default:
                throw unexpected(stop)
            }
        }
    }

    /// The delimiter after `\left`, `\right`, `\middle`, `\big`: `""` for `.`.
    private mutating func parseDelimiter(after command: String, at offset: Int) throws(MathError) -> String {
        let token = try tokens.next()
        guard let delimiter = MathSymbols.delimiter(for: token.kind) else {
            throw MathError(message: "missing delimiter after \\\(command) (one of ( ) [ ] | \\| \\{ \\} \\langle \\rangle .)", offset: token.offset)
        }
        return delimiter
    }

    /// `\begin{name} ... \end{name}`, after `\begin`.
    private mutating func parseEnvironment(at offset: Int) throws(MathError) -> MathNode {
        let name = try tokens.readRawGroup(for: "begin", commandOffset: offset)
        let kind: MathTable.Kind
        switch name {
        case "matrix", "smallmatrix": kind = .matrix(open: nil, close: nil)
        case "pmatrix": kind = .matrix(open: "(", close: ")")
        case "bmatrix": kind = .matrix(open: "[", close: "]")
        case "Bmatrix": kind = .matrix(open: "{", close: "}")
        case "vmatrix": kind = .matrix(open: "|", close: "|")
        case "Vmatrix": kind = .matrix(open: "‖", close: "‖")
        case "cases", "dcases": kind = .cases
        case "aligned", "align", "align*", "split", "alignedat": kind = .aligned
        case "gathered", "gather", "gather*": kind = .gathered
        default: throw MathError(message: "unknown environment \(name)", offset: offset)
        }
        try enter(at: offset)
        defer { depth -= 1 }
        let rows = try parseRows(environment: (name, offset), aligned: kind == .aligned)
        return .table(MathTable(kind: kind, rows: rows))
    }

    // MARK: Helpers

    private func applyFont(_ text: String) -> String {
        guard let font else { return text }
        return MathSymbols.apply(font, to: text)
    }

    private static func trimmed(_ text: String) -> String {
        var characters = Substring(text)
        while let first = characters.first, first == " " { characters.removeFirst() }
        while let last = characters.last, last == " " { characters.removeLast() }
        return String(characters)
    }
}
