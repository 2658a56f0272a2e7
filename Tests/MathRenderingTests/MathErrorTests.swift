import Testing
import MathRendering

/// Bad TeX in, the message and its UTF-8 offset out.
@Suite struct MathErrorTests {
    @Test(arguments: [
        (#"\foo"#, "unknown command \\foo", 0),
        (#"x + \foo{y}"#, "unknown command \\foo", 4),
        ("{x", "missing } for {", 0),
        ("a {b {c}", "missing } for {", 2),
        ("x}", "unmatched }", 1),
        ("x^", "missing argument for ^", 1),
        ("x_}", "missing argument for _", 1),
        (#"\frac{a}"#, "missing argument for \\frac", 0),
        ("x_1_2", "double subscript (group them: x_{ij})", 3),
        ("x^1^2", "double superscript (group them: x^{ab})", 3),
        (#"\left( x"#, "missing \\right for \\left", 0),
        (#"x \right)"#, "\\right without \\left", 2),
        (#"\left x \right)"#, "missing delimiter after \\left (one of ( ) [ ] | \\| \\{ \\} \\langle \\rangle .)", 6),
        (#"\begin{pmatrix} a"#, "missing \\end{pmatrix} for \\begin{pmatrix}", 0),
        (#"\begin{pmatrix} a \end{bmatrix}"#, "\\end{bmatrix} does not match \\begin{pmatrix} at offset 0", 18),
        (#"\begin{foo} a \end{foo}"#, "unknown environment foo", 0),
        (#"a \end{cases}"#, "\\end{cases} without \\begin{cases}", 2),
        ("{a & b}", "misplaced & (only in a matrix, cases, aligned, or at the top of the formula)", 3),
        (#"\sqrt[3 x"#, "missing ] for \\sqrt[", 5),
        (#"\text{a \foo b}"#, "unsupported command \\foo in \\text", 8),
        ("a $ b", "unexpected $ (write \\$ for the character)", 2),
        ("x\\", "lone \\ at the end of the formula", 1),
        ("α + \\β", "unknown command \\β", 5),
        ("a\u{7}b", "unexpected control character U+0007", 1),
    ])
    func error(tex: String, message: String, offset: Int) {
        #expect(throws: MathError(message: message, offset: offset)) {
            try MathRenderer.mathML(tex, display: false)
        }
    }

    @Test func descriptionSaysWhere() {
        #expect(MathError(message: "missing } for {", offset: 3).description == "missing } for { at offset 3")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for tex in [
            String(repeating: "{", count: 100_000) + "x" + String(repeating: "}", count: 100_000),
            String(repeating: #"\frac{1}"#, count: 10_000) + "{2}",
            String(repeating: #"\sqrt"#, count: 10_000) + "x",
            String(repeating: "x^", count: 10_000) + "x",
            String(repeating: #"\left("#, count: 10_000),
            String(repeating: #"\begin{matrix}"#, count: 10_000),
            String(repeating: #"\hat"#, count: 10_000) + "x",
        ] {
            #expect(throws: MathError.self) { try MathRenderer.mathML(tex, display: true) }
            #expect(MathRenderer.unicode(tex) == tex)
        }
    }
}
