/// Every command the renderer knows, in one place: `\alpha`, `\le`, `\frac`, `\mathbf`...
///
/// The README's list of supported commands is generated from nothing: keep it in step by hand
/// (`MathSymbols.commands.keys` is what the parser accepts).
enum MathCommand: Hashable, Sendable {
    /// A letter that fonts apply to (Greek): an identifier, italic unless a font says otherwise.
    case letter(String)
    /// Capital Greek: upright, as in TeX.
    case uprightLetter(String)
    /// An ordinary symbol drawn as an identifier: `∞`, `∂`, `∇`, `ℓ`.
    case ordinary(String)
    case symbol(String, MathSymbolClass)
    case largeOperator(String, limits: Bool)
    case function(String, limits: Bool)
    case space(Double)
    /// `\mathbf{...}` and friends: letters and digits of the argument in that font.
    case font(MathFont)
    /// `\text{...}` (and `\textbf`...): raw text, spaces kept.
    case text(MathFont?)
    /// `\operatorname{...}`; `\operatorname*` takes limits.
    case operatorName(limits: Bool)
    case fraction(FractionStyle)
    case binomial
    case squareRoot
    case accent(MathAccent)
    case overset, underset
    case left, right, middle
    /// `\big(` and friends: a delimiter of a fixed height in em; the class for `\bigl`/`\bigr`.
    case bigDelimiter(Double, MathSymbolClass?)
    case begin, end
    /// `\limits` / `\nolimits` after a big operator.
    case limits(Bool)
    /// `\displaystyle`, `\textstyle`: accepted and ignored.
    case ignored
    /// `\\`: a new row (only in an environment or at the top).
    case newRow
}

/// A font for letters and digits, mapped to Unicode's mathematical alphanumerics.
enum MathFont: Hashable, Sendable {
    case upright, italic, bold, boldItalic, script, fraktur, doubleStruck, sansSerif, monospace
}

enum MathSymbols {
    /// Command name (without the backslash) → meaning.
    static let commands: [String: MathCommand] = {
        var table: [String: MathCommand] = [:]
        let greek: [(String, String)] = [
            ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("epsilon", "ϵ"),
            ("varepsilon", "ε"), ("zeta", "ζ"), ("eta", "η"), ("theta", "θ"), ("vartheta", "ϑ"),
            ("iota", "ι"), ("kappa", "κ"), ("varkappa", "ϰ"), ("lambda", "λ"), ("mu", "μ"), ("nu", "ν"),
            ("xi", "ξ"), ("omicron", "ο"), ("pi", "π"), ("varpi", "ϖ"), ("rho", "ρ"), ("varrho", "ϱ"),
            ("sigma", "σ"), ("varsigma", "ς"), ("tau", "τ"), ("upsilon", "υ"), ("phi", "ϕ"),
            ("varphi", "φ"), ("chi", "χ"), ("psi", "ψ"), ("omega", "ω"),
        ]
        for (name, letter) in greek { table[name] = .letter(letter) }
        let capitalGreek: [(String, String)] = [
            ("Gamma", "Γ"), ("Delta", "Δ"), ("Theta", "Θ"), ("Lambda", "Λ"), ("Xi", "Ξ"), ("Pi", "Π"),
            ("Sigma", "Σ"), ("Upsilon", "Υ"), ("Phi", "Φ"), ("Psi", "Ψ"), ("Omega", "Ω"),
        ]
        for (name, letter) in capitalGreek { table[name] = .uprightLetter(letter) }
        let ordinaries: [(String, String)] = [
            ("infty", "∞"), ("partial", "∂"), ("nabla", "∇"), ("ell", "ℓ"), ("emptyset", "∅"),
            ("varnothing", "∅"), ("forall", "∀"), ("exists", "∃"), ("neg", "¬"), ("lnot", "¬"),
            ("top", "⊤"), ("bot", "⊥"), ("hbar", "ℏ"), ("Re", "ℜ"), ("Im", "ℑ"), ("aleph", "ℵ"),
            ("dagger", "†"), ("prime", "′"), ("angle", "∠"), ("triangle", "△"),
            ("%", "%"), ("$", "$"), ("#", "#"), ("&", "&"), ("_", "_"),
        ]
        for (name, symbol) in ordinaries { table[name] = .ordinary(symbol) }
        let symbols: [(String, String, MathSymbolClass)] = [
            // Binary operators
            ("cdot", "·", .binary), ("times", "×", .binary), ("div", "÷", .binary), ("pm", "±", .binary),
            ("mp", "∓", .binary), ("odot", "⊙", .binary), ("otimes", "⊗", .binary), ("oplus", "⊕", .binary),
            ("circ", "∘", .binary), ("ast", "∗", .binary), ("star", "⋆", .binary), ("bullet", "∙", .binary),
            ("cup", "∪", .binary), ("cap", "∩", .binary), ("setminus", "∖", .binary), ("land", "∧", .binary),
            ("wedge", "∧", .binary), ("lor", "∨", .binary), ("vee", "∨", .binary),
            // Relations and arrows
            ("le", "≤", .relation), ("leq", "≤", .relation), ("ge", "≥", .relation), ("geq", "≥", .relation),
            ("ne", "≠", .relation), ("neq", "≠", .relation), ("approx", "≈", .relation), ("sim", "∼", .relation),
            ("simeq", "≃", .relation), ("cong", "≅", .relation), ("equiv", "≡", .relation), ("propto", "∝", .relation),
            ("ll", "≪", .relation), ("gg", "≫", .relation), ("in", "∈", .relation), ("notin", "∉", .relation),
            ("ni", "∋", .relation), ("subset", "⊂", .relation), ("subseteq", "⊆", .relation),
            ("supset", "⊃", .relation), ("supseteq", "⊇", .relation), ("mid", "∣", .relation),
            ("parallel", "∥", .relation), ("perp", "⊥", .relation), ("coloneqq", "≔", .relation),
            ("to", "→", .relation), ("rightarrow", "→", .relation), ("leftarrow", "←", .relation),
            ("gets", "←", .relation), ("leftrightarrow", "↔", .relation), ("Rightarrow", "⇒", .relation),
            ("Leftarrow", "⇐", .relation), ("Leftrightarrow", "⇔", .relation), ("implies", "⟹", .relation),
            ("iff", "⟺", .relation), ("mapsto", "↦", .relation), ("longrightarrow", "⟶", .relation),
            ("longleftarrow", "⟵", .relation), ("uparrow", "↑", .relation), ("downarrow", "↓", .relation),
            // Delimiters
            ("{", "{", .open), ("}", "}", .close), ("lbrace", "{", .open), ("rbrace", "}", .close),
            ("langle", "⟨", .open), ("rangle", "⟩", .close), ("lfloor", "⌊", .open), ("rfloor", "⌋", .close),
            ("lceil", "⌈", .open), ("rceil", "⌉", .close), ("lvert", "|", .open), ("rvert", "|", .close),
            ("lVert", "‖", .open), ("rVert", "‖", .close), ("|", "‖", .ordinary), ("Vert", "‖", .ordinary),
            ("vert", "|", .ordinary),
            // Punctuation and dots
            ("colon", ":", .punctuation), ("ldots", "…", .ordinary), ("dots", "…", .ordinary),
            ("cdots", "⋯", .ordinary), ("vdots", "⋮", .ordinary), ("ddots", "⋱", .ordinary),
            ("backslash", "\\", .ordinary),
        ]
        for (name, text, kind) in symbols { table[name] = .symbol(text, kind) }
        let largeOperators: [(String, String, Bool)] = [
            ("sum", "∑", true), ("prod", "∏", true), ("coprod", "∐", true), ("bigcup", "⋃", true),
            ("bigcap", "⋂", true), ("bigoplus", "⨁", true), ("bigotimes", "⨂", true),
            ("int", "∫", false), ("iint", "∬", false), ("iiint", "∭", false), ("oint", "∮", false),
        ]
        for (name, text, limits) in largeOperators { table[name] = .largeOperator(text, limits: limits) }
        for name in ["lim", "max", "min", "sup", "inf", "det", "Pr", "gcd", "argmax", "argmin", "liminf", "limsup"] {
            table[name] = .function(name, limits: true)
        }
        table["liminf"] = .function("lim inf", limits: true)
        table["limsup"] = .function("lim sup", limits: true)
        table["argmax"] = .function("arg max", limits: true)
        table["argmin"] = .function("arg min", limits: true)
        for name in [
            "log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth",
            "arcsin", "arccos", "arctan", "arg", "deg", "dim", "ker", "hom",
        ] {
            table[name] = .function(name, limits: false)
        }
        let spaces: [(String, Double)] = [
            (",", 0.1667), ("thinspace", 0.1667), (":", 0.2222), (">", 0.2222), ("medspace", 0.2222),
            (";", 0.2778), ("thickspace", 0.2778), ("!", -0.1667), ("negthinspace", -0.1667),
            (" ", 0.25), ("enspace", 0.5), ("quad", 1), ("qquad", 2),
        ]
        for (name, width) in spaces { table[name] = .space(width) }
        let fonts: [(String, MathFont)] = [
            ("mathrm", .upright), ("mathit", .italic), ("mathbf", .bold), ("boldsymbol", .boldItalic),
            ("bm", .boldItalic), ("mathcal", .script), ("mathscr", .script), ("mathfrak", .fraktur),
            ("mathbb", .doubleStruck), ("mathsf", .sansSerif), ("mathtt", .monospace),
        ]
        for (name, font) in fonts { table[name] = .font(font) }
        table["text"] = .text(nil)
        table["textrm"] = .text(nil)
        table["textnormal"] = .text(nil)
        table["mbox"] = .text(nil)
        table["textbf"] = .text(.bold)
        table["textit"] = .text(.italic)
        table["texttt"] = .text(.monospace)
        table["textsf"] = .text(.sansSerif)
        table["operatorname"] = .operatorName(limits: false)
        table["operatorname*"] = .operatorName(limits: true)
        table["frac"] = .fraction(.automatic)
        table["dfrac"] = .fraction(.display)
        table["tfrac"] = .fraction(.text)
        table["binom"] = .binomial
        table["sqrt"] = .squareRoot
        let accents: [(String, MathAccent)] = [
            ("hat", MathAccent(mark: "^", combining: "\u{302}")),
            ("widehat", MathAccent(mark: "^", combining: "\u{302}", stretchy: true)),
            ("bar", MathAccent(mark: "¯", combining: "\u{304}")),
            ("overline", MathAccent(mark: "‾", combining: "\u{305}", stretchy: true)),
            ("underline", MathAccent(mark: "_", combining: "\u{332}", under: true, stretchy: true)),
            ("tilde", MathAccent(mark: "~", combining: "\u{303}")),
            ("widetilde", MathAccent(mark: "~", combining: "\u{303}", stretchy: true)),
            ("vec", MathAccent(mark: "→", combining: "\u{20D7}")),
            ("overrightarrow", MathAccent(mark: "→", combining: "\u{20D7}", stretchy: true)),
            ("dot", MathAccent(mark: "˙", combining: "\u{307}")),
            ("ddot", MathAccent(mark: "¨", combining: "\u{308}")),
            ("check", MathAccent(mark: "ˇ", combining: "\u{30C}")),
            ("breve", MathAccent(mark: "˘", combining: "\u{306}")),
            ("acute", MathAccent(mark: "´", combining: "\u{301}")),
            ("grave", MathAccent(mark: "`", combining: "\u{300}")),
            // A label written after the brace (`\underbrace{a + b}_{\text{sum}}`) attaches as a script.
            ("underbrace", MathAccent(mark: "⏟", combining: "\u{332}", under: true, stretchy: true)),
            ("overbrace", MathAccent(mark: "⏞", combining: "\u{305}", stretchy: true)),
        ]
        for (name, accent) in accents { table[name] = .accent(accent) }
        table["overset"] = .overset
        table["stackrel"] = .overset
        table["underset"] = .underset
        table["left"] = .left
        table["right"] = .right
        table["middle"] = .middle
        let bigs: [(String, Double)] = [("big", 1.2), ("Big", 1.623), ("bigg", 2.047), ("Bigg", 2.470)]
        for (name, size) in bigs {
            table[name] = .bigDelimiter(size, nil)
            table[name + "l"] = .bigDelimiter(size, .open)
            table[name + "r"] = .bigDelimiter(size, .close)
            table[name + "m"] = .bigDelimiter(size, .relation)
        }
        table["begin"] = .begin
        table["end"] = .end
        table["limits"] = .limits(true)
        table["nolimits"] = .limits(false)
        for name in ["displaystyle", "textstyle", "scriptstyle", "nonumber", "notag"] { table[name] = .ignored }
        table["\\"] = .newRow
        table["cr"] = .newRow
        return table
    }()

    /// A character typed directly in the formula (`+`, `≤`, `α`) → its symbol class, if it is an operator.
    static func symbol(forCharacter text: String) -> MathSymbol? {
        switch text {
        case "+": return MathSymbol(text: "+", kind: .binary)
        case "-", "−": return MathSymbol(text: "−", kind: .binary)
        case "*": return MathSymbol(text: "∗", kind: .binary)
        case "=", "<", ">": return MathSymbol(text: text, kind: .relation)
        case ":": return MathSymbol(text: ":", kind: .relation)
        case "(", "[": return MathSymbol(text: text, kind: .open)
        case ")", "]": return MathSymbol(text: text, kind: .close)
        case ",", ";": return MathSymbol(text: text, kind: .punctuation)
        default: break
        }
        return characterSymbols[text]
    }

    /// Operators typed as Unicode (`≤`, `→`, `·`) get the class of the command that writes them.
    private static let characterSymbols: [String: MathSymbol] = {
        var table: [String: MathSymbol] = [:]
        for command in commands.values {
            if case .symbol(let text, let kind) = command, kind != .ordinary, table[text] == nil {
                table[text] = MathSymbol(text: text, kind: kind)
            }
        }
        return table
    }()

    /// The delimiter a `\left`, `\right`, `\middle` or `\big` names: `(`, `\{`, `\langle`, `|`, `.` (none, `""`).
    static func delimiter(for token: MathToken.Kind) -> String? {
        switch token {
        case .symbol(let text):
            switch text {
            case "(", ")", "[", "]", "|", "/": return text
            case "<": return "⟨"
            case ">": return "⟩"
            case ".": return ""
            default: return nil
            }
        case .command(let name):
            switch commands[name] {
            case .symbol(let text, let kind) where kind == .open || kind == .close || text == "|" || text == "‖" || text == "\\":
                return text
            default: return nil
            }
        default:
            return nil
        }
    }

    // MARK: Fonts

    /// Applies a font to one letter or digit (`W` in bold → `𝐖`), or returns it unchanged when
    /// Unicode has no such character.
    static func apply(_ font: MathFont, to text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            result.unicodeScalars.append(apply(font, to: scalar))
        }
        return result
    }

    private static func apply(_ font: MathFont, to scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        let latinBase: UInt32?
        let digitBase: UInt32?
        let greekBase: UInt32?
        var exceptions: [Unicode.Scalar: Unicode.Scalar] = [:]
        switch font {
        case .upright: return scalar
        case .italic:
            latinBase = 0x1D434; digitBase = nil; greekBase = 0x1D6E2
            exceptions = ["h": "ℎ"]
        case .bold: latinBase = 0x1D400; digitBase = 0x1D7CE; greekBase = 0x1D6A8
        case .boldItalic: latinBase = 0x1D468; digitBase = 0x1D7CE; greekBase = 0x1D71C
        case .script:
            latinBase = 0x1D49C; digitBase = nil; greekBase = nil
            exceptions = [
                "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
                "e": "ℯ", "g": "ℊ", "o": "ℴ",
            ]
        case .fraktur:
            latinBase = 0x1D504; digitBase = nil; greekBase = nil
            exceptions = ["C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"]
        case .doubleStruck:
            latinBase = 0x1D538; digitBase = 0x1D7D8; greekBase = nil
            exceptions = ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"]
        case .sansSerif: latinBase = 0x1D5A0; digitBase = 0x1D7E2; greekBase = nil
        case .monospace: latinBase = 0x1D670; digitBase = 0x1D7F6; greekBase = nil
        }
        if let exception = exceptions[scalar] { return exception }
        var mapped: UInt32?
        if let latinBase, (0x41...0x5A).contains(value) {
            mapped = latinBase + value - 0x41
        } else if let latinBase, (0x61...0x7A).contains(value) {
            mapped = latinBase + 26 + value - 0x61
        } else if let digitBase, (0x30...0x39).contains(value) {
            mapped = digitBase + value - 0x30
        } else if let greekBase {
            // Capitals Α-Ω (the gap at U+03A2 holds ϴ), ∇, then α-ω, ∂, ϵ ϑ ϰ ϕ ϱ ϖ: 58 in a row.
            switch value {
            case 0x391...0x3A9 where value != 0x3A2: mapped = greekBase + value - 0x391
            case 0x3B1...0x3C9: mapped = greekBase + 26 + value - 0x3B1
            case 0x3F5: mapped = greekBase + 52
            case 0x3D1: mapped = greekBase + 53
            case 0x3F0: mapped = greekBase + 54
            case 0x3D5: mapped = greekBase + 55
            case 0x3F1: mapped = greekBase + 56
            case 0x3D6: mapped = greekBase + 57
            default: break
            }
        }
        if let mapped, let result = Unicode.Scalar(mapped) { return result }
        return scalar
    }
}
