import Testing
import MathRendering

/// TeX in, the full MathML out. `inline(body, tex)` is the `<math>` wrapper around a body; the
/// first two tests spell the wrapper out in full.
@Suite struct MathMLTests {
    @Test func fractionInlineInFull() throws {
        #expect(try MathRenderer.mathML(#"\frac{a}{b}"#, display: false) == """
            <math><semantics><mfrac><mi>a</mi><mi>b</mi></mfrac>\
            <annotation encoding="application/x-tex">\\frac{a}{b}</annotation></semantics></math>
            """)
    }

    @Test func sumWithLimitsInDisplayInFull() throws {
        #expect(try MathRenderer.mathML(#"\sum_{i=1}^{n} x_i"#, display: true) == """
            <math display="block"><semantics><mrow><munderover><mo>∑</mo>\
            <mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>\
            <msub><mi>x</mi><mi>i</mi></msub></mrow>\
            <annotation encoding="application/x-tex">\\sum_{i=1}^{n} x_i</annotation></semantics></math>
            """)
    }

    @Test func sumWithLimitsInlineUsesScripts() throws {
        #expect(try MathRenderer.mathML(#"\sum_{i=1}^{n} x_i"#, display: false) == inline("""
            <mrow><msubsup><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></msubsup>\
            <msub><mi>x</mi><mi>i</mi></msub></mrow>
            """, #"\sum_{i=1}^{n} x_i"#))
    }

    @Test func limitsForcesLimitsInline() throws {
        #expect(try MathRenderer.mathML(#"\sum\limits_i"#, display: false) == inline(
            "<munder><mo>∑</mo><mi>i</mi></munder>", #"\sum\limits_i"#))
    }

    @Test func integralKeepsScriptsInDisplay() throws {
        #expect(try MathRenderer.mathML(#"\int_0^1"#, display: true) == block(
            "<msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup>", #"\int_0^1"#))
    }

    @Test func limitBelowInDisplay() throws {
        #expect(try MathRenderer.mathML(#"\lim_{x \to 0} f"#, display: true) == block("""
            <mrow><munder><mi>lim</mi><mrow><mi>x</mi><mo>→</mo><mn>0</mn></mrow></munder>\
            <mo>&#x2061;</mo><mspace width="0.1667em"></mspace><mi>f</mi></mrow>
            """, #"\lim_{x \to 0} f"#))
    }

    @Test func subscriptsAndSuperscripts() throws {
        #expect(try MathRenderer.mathML("x_i^2", display: false) == inline(
            "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>", "x_i^2"))
        #expect(try MathRenderer.mathML("x_{ij}^{(l)}", display: false) == inline("""
            <msubsup><mi>x</mi><mrow><mi>i</mi><mi>j</mi></mrow>\
            <mrow><mo stretchy="false">(</mo><mi>l</mi><mo stretchy="false">)</mo></mrow></msubsup>
            """, "x_{ij}^{(l)}"))
        // Like TeX, a script without braces takes one digit.
        #expect(try MathRenderer.mathML("x^23", display: false) == inline(
            "<mrow><msup><mi>x</mi><mn>2</mn></msup><mn>3</mn></mrow>", "x^23"))
        #expect(try MathRenderer.mathML("f'(x)", display: false) == inline("""
            <mrow><msup><mi>f</mi><mo>′</mo></msup><mo stretchy="false">(</mo><mi>x</mi>\
            <mo stretchy="false">)</mo></mrow>
            """, "f&#39;(x)"))
    }

    @Test func squareRootAndRoot() throws {
        #expect(try MathRenderer.mathML(#"\sqrt{x+1}"#, display: false) == inline(
            "<msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt>", #"\sqrt{x+1}"#))
        #expect(try MathRenderer.mathML(#"\sqrt[n]{x}"#, display: false) == inline(
            "<mroot><mi>x</mi><mi>n</mi></mroot>", #"\sqrt[n]{x}"#))
    }

    @Test func accents() throws {
        #expect(try MathRenderer.mathML(#"\hat{y}"#, display: false) == inline(
            #"<mover accent="true"><mi>y</mi><mo stretchy="false">^</mo></mover>"#, #"\hat{y}"#))
        #expect(try MathRenderer.mathML(#"\bar{x}_i"#, display: false) == inline(
            #"<msub><mover accent="true"><mi>x</mi><mo stretchy="false">¯</mo></mover><mi>i</mi></msub>"#, #"\bar{x}_i"#))
    }

    @Test func fontsBecomeMathematicalAlphanumerics() throws {
        #expect(try MathRenderer.mathML(#"\mathbf{W} \in \mathbb{R}^{n}, \mathcal{L}, \boldsymbol{\theta}"#, display: false) == inline("""
            <mrow><mi>𝐖</mi><mo>∈</mo><msup><mi>ℝ</mi><mi>n</mi></msup><mo>,</mo><mi>ℒ</mi><mo>,</mo><mi>𝜽</mi></mrow>
            """, #"\mathbf{W} \in \mathbb{R}^{n}, \mathcal{L}, \boldsymbol{\theta}"#))
    }

    @Test func wordsAndFunctionNames() throws {
        #expect(try MathRenderer.mathML(#"\mathrm{ReLU}(x) = \max(0, x)"#, display: false) == inline("""
            <mrow><mi>ReLU</mi><mo stretchy="false">(</mo><mi>x</mi><mo stretchy="false">)</mo><mo>=</mo>\
            <mi>max</mi><mo>&#x2061;</mo><mo stretchy="false">(</mo><mn>0</mn><mo>,</mo><mi>x</mi>\
            <mo stretchy="false">)</mo></mrow>
            """, #"\mathrm{ReLU}(x) = \max(0, x)"#))
        #expect(try MathRenderer.mathML(#"n \log n"#, display: false) == inline("""
            <mrow><mi>n</mi><mspace width="0.1667em"></mspace><mi>log</mi><mo>&#x2061;</mo>\
            <mspace width="0.1667em"></mspace><mi>n</mi></mrow>
            """, #"n \log n"#))
        #expect(try MathRenderer.mathML(#"\operatorname{softmax}(z)"#, display: false) == inline("""
            <mrow><mi>softmax</mi><mo>&#x2061;</mo><mo stretchy="false">(</mo><mi>z</mi><mo stretchy="false">)</mo></mrow>
            """, #"\operatorname{softmax}(z)"#))
        #expect(try MathRenderer.mathML(#"\mathrm{d}x"#, display: false) == inline(
            #"<mrow><mi mathvariant="normal">d</mi><mi>x</mi></mrow>"#, #"\mathrm{d}x"#))
    }

    @Test func greekLetters() throws {
        #expect(try MathRenderer.mathML(#"\alpha\varepsilon\Gamma\phi\varphi"#, display: false) == inline("""
            <mrow><mi>α</mi><mi>ε</mi><mi mathvariant="normal">Γ</mi><mi>ϕ</mi><mi>φ</mi></mrow>
            """, #"\alpha\varepsilon\Gamma\phi\varphi"#))
    }

    @Test func textKeepsItsSpaces() throws {
        #expect(try MathRenderer.mathML(#"\text{if } x"#, display: false) == inline(
            "<mrow><mtext>if\u{A0}</mtext><mi>x</mi></mrow>", #"\text{if } x"#))
        #expect(try MathRenderer.mathML(#"\text{a < b & {c}}"#, display: false) == inline(
            "<mtext>a\u{A0}&lt;\u{A0}b\u{A0}&amp;\u{A0}{c}</mtext>", #"\text{a &lt; b &amp; {c}}"#))
    }

    @Test func escapesLessThanAndAmpersand() throws {
        #expect(try MathRenderer.mathML("a < b", display: false) == inline(
            "<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>", "a &lt; b"))
        #expect(try MathRenderer.mathML(#"\{x\} \& \%"#, display: false) == inline("""
            <mrow><mo stretchy="false">{</mo><mi>x</mi><mo stretchy="false">}</mo><mi>&amp;</mi><mi>%</mi></mrow>
            """, #"\{x\} \&amp; \%"#))
    }

    @Test func signsAreUnary() throws {
        #expect(try MathRenderer.mathML("x = -1", display: false) == inline("""
            <mrow><mi>x</mi><mo>=</mo><mo lspace="0em" rspace="0em">−</mo><mn>1</mn></mrow>
            """, "x = -1"))
        #expect(try MathRenderer.mathML("a - b", display: false) == inline(
            "<mrow><mi>a</mi><mo>−</mo><mi>b</mi></mrow>", "a - b"))
    }

    @Test func leftRightGrow() throws {
        #expect(try MathRenderer.mathML(#"\left( \frac{a}{b} \right."#, display: false) == inline("""
            <mrow><mo form="prefix" stretchy="true">(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac></mrow>
            """, #"\left( \frac{a}{b} \right."#))
        #expect(try MathRenderer.mathML(#"\left\{ x \middle| x > 0 \right\}"#, display: false) == inline("""
            <mrow><mo form="prefix" stretchy="true">{</mo><mi>x</mi><mo stretchy="true">|</mo><mi>x</mi>\
            <mo>&gt;</mo><mn>0</mn><mo form="postfix" stretchy="true">}</mo></mrow>
            """, #"\left\{ x \middle| x &gt; 0 \right\}"#))
    }

    @Test func fractionStyles() throws {
        #expect(try MathRenderer.mathML(#"\dfrac12\tfrac{1}{2}"#, display: false) == inline("""
            <mrow><mfrac displaystyle="true"><mn>1</mn><mn>2</mn></mfrac>\
            <mfrac displaystyle="false"><mn>1</mn><mn>2</mn></mfrac></mrow>
            """, #"\dfrac12\tfrac{1}{2}"#))
    }

    @Test func matrix() throws {
        #expect(try MathRenderer.mathML(#"\begin{pmatrix} a & b \\ c & d \end{pmatrix}"#, display: true) == block("""
            <mrow><mo form="prefix" stretchy="true">(</mo><mtable>\
            <mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr>\
            <mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr>\
            </mtable><mo form="postfix" stretchy="true">)</mo></mrow>
            """, #"\begin{pmatrix} a &amp; b \\ c &amp; d \end{pmatrix}"#))
        #expect(try MathRenderer.mathML(#"\begin{matrix} 1 \\ -2 \\ \end{matrix}"#, display: false) == inline("""
            <mtable><mtr><mtd><mn>1</mn></mtd></mtr>\
            <mtr><mtd><mo lspace="0em" rspace="0em">−</mo><mn>2</mn></mtd></mtr></mtable>
            """, #"\begin{matrix} 1 \\ -2 \\ \end{matrix}"#))
    }

    @Test func cases() throws {
        let tex = #"|x| = \begin{cases} x & \text{if } x \ge 0 \\ -x & \text{otherwise} \end{cases}"#
        #expect(try MathRenderer.mathML(tex, display: true) == block("""
            <mrow><mo stretchy="false">|</mo><mi>x</mi><mo stretchy="false">|</mo><mo>=</mo>\
            <mrow><mo form="prefix" stretchy="true">{</mo><mtable>\
            <mtr><mtd columnalign="left"><mi>x</mi></mtd>\
            <mtd columnalign="left"><mtext>if\u{A0}</mtext><mi>x</mi><mo>≥</mo><mn>0</mn></mtd></mtr>\
            <mtr><mtd columnalign="left"><mo lspace="0em" rspace="0em">−</mo><mi>x</mi></mtd>\
            <mtd columnalign="left"><mtext>otherwise</mtext></mtd></mtr>\
            </mtable></mrow></mrow>
            """, #"|x| = \begin{cases} x &amp; \text{if } x \ge 0 \\ -x &amp; \text{otherwise} \end{cases}"#))
    }

    @Test func alignedRowsAtTheTop() throws {
        #expect(try MathRenderer.mathML(#"a &= b \\ &= c"#, display: true) == block("""
            <mtable displaystyle="true" columnspacing="0">\
            <mtr><mtd columnalign="right"><mi>a</mi></mtd><mtd columnalign="left"><mi></mi><mo>=</mo><mi>b</mi></mtd></mtr>\
            <mtr><mtd columnalign="right"></mtd><mtd columnalign="left"><mi></mi><mo>=</mo><mi>c</mi></mtd></mtr>\
            </mtable>
            """, #"a &amp;= b \\ &amp;= c"#))
        #expect(try MathRenderer.mathML(#"\begin{aligned} x &= 1 \end{aligned}"#, display: true) == block("""
            <mtable displaystyle="true" columnspacing="0">\
            <mtr><mtd columnalign="right"><mi>x</mi></mtd><mtd columnalign="left"><mi></mi><mo>=</mo><mn>1</mn></mtd></mtr>\
            </mtable>
            """, #"\begin{aligned} x &amp;= 1 \end{aligned}"#))
    }

    @Test func spacingCommands() throws {
        #expect(try MathRenderer.mathML(#"a\,b\quad c\!d"#, display: false) == inline("""
            <mrow><mi>a</mi><mspace width="0.1667em"></mspace><mi>b</mi><mspace width="1em"></mspace>\
            <mi>c</mi><mspace width="-0.1667em"></mspace><mi>d</mi></mrow>
            """, #"a\,b\quad c\!d"#))
    }

    @Test func ignoredCommandsAndComments() throws {
        #expect(try MathRenderer.mathML("\\displaystyle x % a comment\n+ 1", display: false) == inline(
            "<mrow><mi>x</mi><mo>+</mo><mn>1</mn></mrow>", "\\displaystyle x % a comment\n+ 1"))
    }

    @Test func emptyFormula() throws {
        #expect(try MathRenderer.mathML("", display: false) == inline("<mrow></mrow>", ""))
    }

    @Test func lessonFormulas() throws {
        // The two display formulas of lesson 1 render (their exact shape is covered above).
        for tex in [
            #"\hat{y} = \begin{cases} 1 & \text{if } w_1 x_1 + w_2 x_2 + b > 0 \\ 0 & \text{otherwise} \end{cases}"#,
            #"w_i \leftarrow w_i + \eta\,(y - \hat{y})\,x_i \qquad b \leftarrow b + \eta\,(y - \hat{y})"#,
        ] {
            let mathML = try MathRenderer.mathML(tex, display: true)
            #expect(mathML.hasPrefix("<math display=\"block\"><semantics>"))
            #expect(XMLCheck.isWellFormed(mathML))
        }
    }

    private func inline(_ body: String, _ escapedSource: String) -> String {
        "<math><semantics>\(body)<annotation encoding=\"application/x-tex\">\(escapedSource)</annotation></semantics></math>"
    }

    private func block(_ body: String, _ escapedSource: String) -> String {
        "<math display=\"block\"><semantics>\(body)<annotation encoding=\"application/x-tex\">\(escapedSource)</annotation></semantics></math>"
    }
}

@Suite struct BraceTests {
    @Test func underbraceAndOverbraceStretchUnderAndOverTheirBase() throws {
        #expect(try MathRenderer.mathML(#"\underbrace{a+b}"#, display: false) == #"<math><semantics><munder accentunder="true"><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy="true">⏟</mo></munder><annotation encoding="application/x-tex">\underbrace{a+b}</annotation></semantics></math>"#)
        #expect(try MathRenderer.mathML(#"\overbrace{x}"#, display: false).contains(#"<mover accent="true"><mi>x</mi><mo stretchy="true">⏞</mo></mover>"#))
    }
}
