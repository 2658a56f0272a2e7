import Testing
import MathRendering

/// Garbled TeX from a seeded generator: every input ends quickly and either renders
/// well-formed MathML and some text, or throws (and the Unicode writer shows the source).
@Suite struct MathFuzzTests {
    /// TeX-ish pieces, valid and not, including the characters XML cares about.
    static let pieces: [String] = [
        "x", "y", "2", "10", "0.5", ".", "+", "-", "=", "<", ">", "&", "\"", "'", "(", ")", "[", "]", "|",
        "{", "}", "^", "_", " ", "\n", "%", "~", "\\", "$", "#", "α", "≤", "e\u{301}", "\u{301}", "\u{0}",
        "\u{FFFF}", "😀", "\\\\", "\\\\[2pt]", "\\frac", "\\dfrac", "\\sqrt", "\\sqrt[3]", "\\hat", "\\bar",
        "\\sum", "\\int", "\\lim", "\\log", "\\limits", "\\nolimits", "\\mathbf", "\\mathbb", "\\mathrm",
        "\\boldsymbol", "\\text", "\\text{a b}", "\\text{", "\\operatorname{f}", "\\operatorname*{arg max}",
        "\\left(", "\\right)", "\\left.", "\\right|", "\\middle|", "\\big(", "\\Bigr]", "\\left", "\\right",
        "\\begin{pmatrix}", "\\end{pmatrix}", "\\begin{cases}", "\\end{cases}", "\\begin{aligned}",
        "\\end{aligned}", "\\begin{", "\\end{x}", "\\foo", "\\alpha", "\\Gamma", "\\cdot", "\\le", "\\{", "\\}",
        "\\%", "\\&", "\\_", "\\,", "\\!", "\\quad", "\\displaystyle", "\\binom", "\\overset", "\\ldots",
    ]

    @Test func garbledInputsTerminateAndRenderOrThrow() {
        var random = SplitMix64(seed: 0x5EED_CAFE)
        var rendered = 0
        for _ in 0..<4000 {
            let count = Int(random.next() % 24)
            var tex = ""
            for _ in 0..<count {
                tex += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))]
            }
            let display = random.next() % 2 == 0
            let text = MathRenderer.unicode(tex)
            do {
                let mathML = try MathRenderer.mathML(tex, display: display)
                rendered += 1
                #expect(XMLCheck.isWellFormed(mathML), "\(tex.debugDescription) → \(mathML)")
                #expect(mathML.hasPrefix(display ? "<math display=\"block\"><semantics>" : "<math><semantics>"))
            } catch {
                #expect(text == tex)
                #expect(!error.message.isEmpty && error.offset >= 0 && error.offset <= tex.utf8.count, "\(tex.debugDescription): \(error)")
            }
        }
        // The generator is not so garbled that nothing renders.
        #expect(rendered > 400)
    }

    @Test func wellFormedRenderingsOfLongInputs() throws {
        let long = String(repeating: #"x_{i}^{2} + \frac{a}{b} - \sqrt{y} \cdot "#, count: 2_000) + "z"
        let mathML = try MathRenderer.mathML(long, display: true)
        #expect(XMLCheck.isWellFormed(mathML))
        #expect(MathRenderer.unicode(long).hasSuffix("· z"))
    }
}

/// A small, strict checker for the XML the writer produces: nested tags that match, quoted
/// attributes, only the five entities and numeric references, no stray `<` or `&`.
enum XMLCheck {
    static func isWellFormed(_ xml: String) -> Bool {
        let scalars = Array(xml.unicodeScalars)
        var stack: [String] = []
        var index = 0
        var sawRoot = false
        func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
        }
        func readName() -> String {
            var name = ""
            while index < scalars.count, isNameCharacter(scalars[index]) {
                name.unicodeScalars.append(scalars[index])
                index += 1
            }
            return name
        }
        func readReference() -> Bool {
            // At `&`.
            var reference = ""
            index += 1
            while index < scalars.count, scalars[index] != ";" {
                reference.unicodeScalars.append(scalars[index])
                index += 1
                if reference.unicodeScalars.count > 10 { return false }
            }
            guard index < scalars.count else { return false }
            index += 1
            if ["amp", "lt", "gt", "quot", "apos"].contains(reference) { return true }
            if reference.hasPrefix("#x") { return UInt32(reference.dropFirst(2), radix: 16) != nil }
            if reference.hasPrefix("#") { return UInt32(reference.dropFirst(1)) != nil }
            return false
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.value < 0x20, scalar != "\n", scalar != "\t", scalar != "\r" { return false }
            if scalar.properties.isNoncharacterCodePoint { return false }
            if scalar == "&" {
                guard readReference() else { return false }
                continue
            }
            if scalar == ">" { return false }  // the writer escapes every >
            guard scalar == "<" else {
                if stack.isEmpty { return false }  // text outside the root
                index += 1
                continue
            }
            index += 1
            if index < scalars.count, scalars[index] == "/" {
                index += 1
                let name = readName()
                guard index < scalars.count, scalars[index] == ">", stack.popLast() == name else { return false }
                index += 1
                continue
            }
            if stack.isEmpty, sawRoot { return false }
            let name = readName()
            guard !name.isEmpty else { return false }
            sawRoot = true
            // Attributes: ` name="value"`.
            while index < scalars.count, scalars[index] == " " {
                index += 1
                guard !readName().isEmpty, index + 1 < scalars.count, scalars[index] == "=", scalars[index + 1] == "\"" else {
                    return false
                }
                index += 2
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "<" { return false }
                    if scalars[index] == "&" {
                        guard readReference() else { return false }
                        continue
                    }
                    index += 1
                }
                guard index < scalars.count else { return false }
                index += 1
            }
            guard index < scalars.count, scalars[index] == ">" else { return false }
            index += 1
            stack.append(name)
        }
        return stack.isEmpty && sawRoot
    }
}

/// A tiny seeded generator, the same sequence on every platform.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct XMLCheckTests {
    @Test func acceptsAndRejects() {
        #expect(XMLCheck.isWellFormed(#"<math><mi mathvariant="normal">&lt;&#x2061;</mi></math>"#))
        #expect(!XMLCheck.isWellFormed("<math><mi>a</mo></math>"))
        #expect(!XMLCheck.isWellFormed("<math><mi>a & b</mi></math>"))
        #expect(!XMLCheck.isWellFormed("<math><mi>a < b</mi></math>"))
        #expect(!XMLCheck.isWellFormed("<math><mi>a</mi>"))
        #expect(!XMLCheck.isWellFormed("<math></math><math></math>"))
    }
}
