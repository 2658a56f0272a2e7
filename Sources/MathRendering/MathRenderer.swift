/// Renders the TeX that lessons write between dollars (`$...$` inline, `$$...$$` display).
///
/// Two outputs from one parse: MathML Core for the static site (rendered natively by
/// Chromium and Firefox, no JavaScript) and plain Unicode text for the terminal reader.
/// The accepted TeX subset is what a neural-network course needs; anything else is a
/// ``MathError`` with the UTF-8 offset of the problem, never a crash or a hang.
public enum MathRenderer {
    /// MathML for a TeX formula: `<math>` (inline) or `<math display="block">`, with an
    /// `<annotation encoding="application/x-tex">` holding the source for copy/paste and screen readers.
    ///
    /// - Parameters:
    ///   - tex: the TeX between the dollars, without the dollars.
    ///   - display: `true` for `$$...$$` (block; big operators take limits above and below),
    ///     `false` for `$...$` (inline; limits become sub/superscripts).
    /// - Returns: one `<math>` element, well-formed XML with every text escaped.
    /// - Throws: ``MathError`` for an unknown command or environment, an unbalanced brace,
    ///   `\left`/`\right` or environment, a misplaced `&`, `^` or `_`, or a formula nested too deeply.
    public static func mathML(_ tex: String, display: Bool) throws(MathError) -> String {
        let node = try MathParser.parse(tex)
        return MathMLWriter.document(node, source: tex, display: display)
    }

    /// The formula as plain Unicode text for a terminal: x², x₁, ∑, √, fractions as a/b, Greek letters, ŷ...
    ///
    /// Scripts use Unicode super/subscript characters when every character has one
    /// (`x^2` → `x²`, `w_{ij}` → `wᵢⱼ`) and `^(...)` / `_(...)` otherwise; `\frac{a+b}{2c}` is
    /// `(a + b)/(2c)`; matrices are `[[a, b], [c, d]]`; aligned rows become aligned lines.
    ///
    /// - Parameters:
    ///   - tex: the TeX between the dollars, without the dollars.
    /// - Returns: readable text; when the TeX does not parse, the TeX itself, unchanged
    ///   (``mathML(_:display:)`` reports the error at build time; the terminal still shows something).
    public static func unicode(_ tex: String) -> String {
        do {
            return UnicodeMathWriter.text(try MathParser.parse(tex))
        } catch {
            return tex
        }
    }
}

/// A formula that cannot be rendered: what is wrong, and where.
public struct MathError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, e.g. `unknown command \foo` or `missing } for {`.
    public var message: String
    /// UTF-8 offset in the TeX of the problem (for a missing `}`, of the `{` it would close).
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message and where, e.g. `missing } for { at offset 3`.
    public var description: String { "\(message) at offset \(offset)" }
}
