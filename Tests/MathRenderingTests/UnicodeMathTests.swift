import Testing
import MathRendering

/// TeX in, the terminal's Unicode text out.
@Suite struct UnicodeMathTests {
    @Test(arguments: [
        ("x^2", "x²"),
        ("x_1", "x₁"),
        ("w_{ij}", "wᵢⱼ"),
        ("x_{ij}^{(l)}", "xᵢⱼ⁽ˡ⁾"),
        ("x^{-1}", "x⁻¹"),
        ("W^T", "Wᵀ"),
        (#"x_{i,j}"#, "x_(i,j)"),
        ("x^*", "x*"),
        (#"x^{\star}"#, "x^⋆"),
        (#"e^{z_i}"#, "e^(zᵢ)"),
        ("f'(x)", "f′(x)"),
        (#"\sum_{i=1}^{n} x_i"#, "∑ᵢ₌₁ⁿ xᵢ"),
        (#"\frac{1}{n}\sum_{i} (y_i - \hat{y}_i)^2"#, "1/n ∑ᵢ (yᵢ − ŷᵢ)²"),
        (#"\frac{a}{b}"#, "a/b"),
        (#"\frac{a + b}{2c}"#, "(a + b)/(2c)"),
        (#"\frac{-1}{2}"#, "(−1)/2"),
        (#"\sigma(x) = \frac{1}{1 + e^{-x}}"#, "σ(x) = 1/(1 + e⁻ˣ)"),
        (#"\sqrt{x}"#, "√x"),
        (#"\sqrt{x + 1}"#, "√(x + 1)"),
        (#"\sqrt[3]{x}"#, "∛x"),
        (#"\sqrt[n]{x}"#, "ⁿ√x"),
        (#"\hat{y}"#, "y\u{302}"),
        (#"\bar{x}"#, "x\u{304}"),
        (#"\vec{w}"#, "w\u{20D7}"),
        (#"\tilde{x}"#, "x\u{303}"),
        (#"\mathbb{R}^n"#, "ℝⁿ"),
        (#"\mathbf{W}x + b"#, "𝐖x + b"),
        (#"\mathcal{L}(\theta)"#, "ℒ(θ)"),
        (#"\alpha, \beta, \Gamma, \varepsilon"#, "α, β, Γ, ε"),
        (#"0.6 \cdot 1 + 0.4 \cdot 0 - 0.5 = 0.1"#, "0.6 · 1 + 0.4 · 0 − 0.5 = 0.1"),
        (#"x_2 = -(w_1 x_1 + b) / w_2"#, "x₂ = −(w₁x₁ + b)/w₂"),
        (#"a \le b \ne c \approx d \times e \div f \pm g \to h \Rightarrow i"#, "a ≤ b ≠ c ≈ d × e ÷ f ± g → h ⇒ i"),
        (#"\partial L / \partial w"#, "∂L/∂w"),
        (#"\nabla_\theta \mathcal{L}"#, "∇_θℒ"),
        (#"n \log n"#, "n log n"),
        (#"\log(x) + \exp x"#, "log(x) + exp x"),
        (#"\mathrm{ReLU}(x) = \max(0, x)"#, "ReLU(x) = max(0, x)"),
        (#"\operatorname{softmax}(z)_i"#, "softmax(z)ᵢ"),
        (#"\lim_{x \to 0} f(x)"#, "lim_(x→0) f(x)"),
        (#"\text{loss} = \text{mean of } (y - \hat{y})^2"#, "loss = mean of (y − ŷ)²"),
        (#"w \leftarrow w - \eta\,\nabla L"#, "w ← w − η ∇L"),
        (#"a \qquad b"#, "a    b"),
        (#"\left( \frac{a}{b} \right)"#, "(a/b)"),
        (#"\left\{ x \middle| x > 0 \right\}"#, "{x | x > 0}"),
        (#"\{ 1, 2 \}"#, "{1, 2}"),
        (#"\|w\|_2^2"#, "‖w‖₂²"),
        (#"50\%"#, "50%"),
        (#"x_1, \ldots, x_n"#, "x₁, …, xₙ"),
        (#"\begin{pmatrix} a & b \\ c & d \end{pmatrix}"#, "[[a, b], [c, d]]"),
        (#"\begin{bmatrix} x_1 \\ x_2 \end{bmatrix}"#, "[[x₁], [x₂]]"),
        (#"\begin{vmatrix} a & b \\ c & d \end{vmatrix}"#, "|[[a, b], [c, d]]|"),
        (
            #"\hat{y} = \begin{cases} 1 & \text{if } w_1 x_1 + w_2 x_2 + b > 0 \\ 0 & \text{otherwise} \end{cases}"#,
            "y\u{302} = { 1 if w₁x₁ + w₂x₂ + b > 0; 0 otherwise }"
        ),
        (#"\begin{cases} x & x \ge 0 \\ 0 & x < 0 \end{cases}"#, "{ x, x ≥ 0; 0, x < 0 }"),
        (#"\binom{n}{k}"#, "C(n, k)"),
        ("", ""),
    ])
    func unicode(tex: String, expected: String) {
        #expect(MathRenderer.unicode(tex) == expected)
    }

    @Test func lessonUpdateRule() {
        #expect(MathRenderer.unicode(
            #"w_i \leftarrow w_i + \eta\,(y - \hat{y})\,x_i \qquad b \leftarrow b + \eta\,(y - \hat{y})"#
        ) == "wᵢ ← wᵢ + η (y − y\u{302}) xᵢ    b ← b + η (y − y\u{302})")
    }

    @Test func alignedRowsBecomeAlignedLines() {
        #expect(MathRenderer.unicode(#"f(x) &= (x + 1)^2 \\ &= x^2 + 2x + 1"#) == """
            f(x) = (x + 1)²
                 = x² + 2x + 1
            """)
        #expect(MathRenderer.unicode(#"\begin{aligned} a &= 1 \\ bcd &= 2 \end{aligned}"#) == """
              a = 1
            bcd = 2
            """)
    }

    @Test func invalidTeXIsShownAsWritten() {
        #expect(MathRenderer.unicode(#"\foo{x}"#) == #"\foo{x}"#)
        #expect(MathRenderer.unicode("{x") == "{x")
    }
}
