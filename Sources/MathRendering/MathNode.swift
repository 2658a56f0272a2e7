/// A parsed formula: a small tree that both writers (MathML and Unicode) walk.
indirect enum MathNode: Hashable, Sendable {
    /// A sequence of atoms; a `{...}` group is a nested row (an ordinary atom, as in TeX).
    case row([MathNode])
    /// A variable or a word (`x`, `θ`, `ReLU`, `𝐖`); `upright` when a single letter must not be italic.
    case identifier(String, upright: Bool)
    /// `0.6`, `10`.
    case number(String)
    /// An operator, relation, delimiter or punctuation mark.
    case symbol(MathSymbol)
    /// A function name (`log`, `softmax`, `lim`): upright, followed by function application.
    case function(String, limits: MathLimits)
    /// A big operator (`∑`, `∏`, `∫`).
    case largeOperator(String, limits: MathLimits)
    /// `\text{...}`, spaces kept.
    case text(String)
    /// A horizontal space, in em.
    case space(Double)
    /// Sub- and superscripts on a base (either may be absent).
    case scripts(base: MathNode, sub: MathNode?, sup: MathNode?)
    case fraction(MathNode, MathNode, style: FractionStyle)
    /// `\binom{n}{k}`
    case binomial(MathNode, MathNode)
    case root(MathNode, index: MathNode?)
    /// `\hat{y}`, `\overline{x}`, `\underline{x}`.
    case accent(MathNode, MathAccent)
    /// `\overset{over}{base}` / `\underset{under}{base}`.
    case stacked(base: MathNode, over: MathNode?, under: MathNode?)
    /// `\left( ... \right)`: delimiters that grow with their content (`nil` for `.`).
    case fenced(open: String?, body: MathNode, close: String?)
    case table(MathTable)
}

/// Where a big operator's or a function's scripts go.
enum MathLimits: Hashable, Sendable {
    /// Above and below in display style, beside inline (`\sum`, `\lim`).
    case display
    /// Always above and below (`\limits`).
    case always
    /// Always beside (`\int`, `\nolimits`).
    case never

    init(_ takesLimits: Bool) {
        self = takesLimits ? .display : .never
    }
}

/// How big a fraction is: `\frac` follows the surrounding style, `\dfrac` is display, `\tfrac` is text.
enum FractionStyle: Hashable, Sendable {
    case automatic, display, text
}

/// The TeX atom class of a symbol, which decides spacing (and unary minus).
enum MathSymbolClass: Hashable, Sendable {
    /// `+ − × ·`: spaced on both sides.
    case binary
    /// A binary operator used as a sign (`−1`, `x = −y`): no space.
    case unary
    /// `= < ≤ → ∈`: spaced on both sides, a little more.
    case relation
    /// `( [ {`
    case open
    /// `) ] }`
    case close
    /// `, ;`: a space after.
    case punctuation
    /// `… / ! ′`: no space.
    case ordinary
}

/// An operator, relation, delimiter or punctuation mark, as written in the output (`−` for `-`).
struct MathSymbol: Hashable, Sendable {
    var text: String
    var kind: MathSymbolClass
    /// `\big(` and friends: a fixed height in em; `\middle|`: `stretchy`.
    var size: Double? = nil
    var stretchy = false
}

/// An accent over (or a line under) its base.
struct MathAccent: Hashable, Sendable {
    /// The character MathML draws: `^`, `¯`, `→`...
    var mark: String
    /// The combining character the Unicode writer appends: U+0302 for a hat.
    var combining: Unicode.Scalar
    /// Below the base (`\underline`) rather than above.
    var under = false
    /// Grows with the base (`\widehat`, `\overline`).
    var stretchy = false
}

/// A matrix, `cases`, or aligned rows.
struct MathTable: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// `matrix` (no delimiters), `pmatrix` (`(`, `)`), `bmatrix`, `Bmatrix`, `vmatrix`, `Vmatrix`.
        case matrix(open: String?, close: String?)
        /// `{` on the left, cells aligned left.
        case cases
        /// `aligned`/`align*` and bare `&`/`\\` at the top: columns alternately right and left aligned.
        case aligned
        /// `gathered`: rows centered.
        case gathered
    }

    var kind: Kind
    var rows: [[MathNode]]
}

extension MathNode {
    /// The TeX class that decides spacing next to this node (a group or a fraction is ordinary).
    var spacingClass: MathSpacingClass {
        switch self {
        case .symbol(let symbol):
            switch symbol.kind {
            case .binary: .binary
            case .relation: .relation
            case .open: .open
            case .close: .close
            case .punctuation: .punctuation
            case .unary, .ordinary: .ordinary
            }
        case .function, .largeOperator: .largeOperator
        case .scripts(let base, _, _): base.spacingClass
        case .fenced: .inner
        case .space: .space
        default: .ordinary
        }
    }
}

/// The classes that matter for spacing between neighbours.
enum MathSpacingClass: Hashable, Sendable {
    case ordinary, largeOperator, binary, relation, open, close, punctuation, inner, space
}
