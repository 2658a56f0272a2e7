import Testing

@Suite struct MathTests {
    @Test func inlineMathKeepsUnderscoresAsterisksAndBackslashes() {
        #expect(parsed("Math $x_1 + y_*$ and $a*b*c$ and $\\alpha_{i}\\$$, *real* emphasis.\n") == """
            document
              paragraph
                text "Math "
                inlineMath "x_1 + y_*"
                text " and "
                inlineMath "a*b*c"
                text " and "
                inlineMath "\\\\alpha_{i}\\\\$"
                text ", "
                emphasis
                  text "real"
                text " emphasis."

            """)
    }

    @Test func dollarsThatAreNotMath() {
        let source = """
            Prices $5 and $10. Costs $5, or $6. Spaced $ x$ and $y $. $x$5 and \\$x\\$.
            Code `$x_1$` and ``a $b$ ` c``, and $10 or `$y$`.

            """
        #expect(parsed(source) == """
            document
              paragraph
                text "Prices $5 and $10. Costs $5, or $6. Spaced $ x$ and $y $. $x$5 and $x$."
                softBreak
                text "Code "
                code "$x_1$"
                text " and "
                code "a $b$ ` c"
                text ", and $10 or "
                code "$y$"
                text "."

            """)
    }

    @Test func displayMath() {
        let source = """
            $$
            \\sum_{i=1}^n x_i * w_i
            $$

            > $$
            > \\frac{1}{2}
            >   \\sigma(x)
            > $$

            - a $$b_1
              c_2$$ d

            # Title with $E=mc^2$

            """
        #expect(parsed(source) == """
            document
              displayMath "\\\\sum_{i=1}^n x_i * w_i"
              blockQuote
                displayMath "\\\\frac{1}{2}\\n  \\\\sigma(x)"
              list bullet tight
                item
                  paragraph
                    text "a "
                    displayMath "b_1\\nc_2"
                    text " d"
              heading 1 line 13
                text "Title with "
                inlineMath "E=mc^2"

            """)
    }

    @Test func displayMathLinesThatLookLikeBlocks() {
        let source = """
            $$
            y = a
            + b
            - c
            $$

            > Quote $$a_1
            > + b_2$$ end.

            $$
            x
            - y $$ and $z_1$
            # Heading

            $$ never closed
            - item

            """
        #expect(parsed(source) == """
            document
              displayMath "y = a\\n+ b\\n- c"
              blockQuote
                paragraph
                  text "Quote "
                  displayMath "a_1\\n+ b_2"
                  text " end."
              paragraph
                displayMath "x\\n- y"
                text " and "
                inlineMath "z_1"
              heading 1 line 13
                text "Heading"
              paragraph
                text "$$ never closed"
              list bullet tight
                item
                  paragraph
                    text "item"

            """)
    }

    @Test func mathPlaceholdersKeepLineNumbers() {
        let source = """
            $$
            a_1
            $$
            ```swift
            ```

            """
        #expect(parsed(source) == """
            cell 0 lines 4-5 fence ``` prefix "" column 0
              code ""
            document
              displayMath "a_1"
              cell 0

            """)
    }

    @Test func mathInLinksAndHTMLStaysAsWritten() {
        #expect(parsed("[see $x_1$]($y$) and <span title=\"$z$\">z</span>\n") == """
            document
              paragraph
                link "$y$" title ""
                  text "see "
                  inlineMath "x_1"
                text " and "
                htmlInline "<span title=\\"$z$\\">"
                text "z"
                htmlInline "</span>"

            """)
    }

    @Test func codeBlocksAreLeftAlone() {
        #expect(parsed("```python\nx = $a_1$\n```\n\n    $b_2$\n") == """
            document
              codeBlock "python" "x = $a_1$\\n"
              codeBlock "" "$b_2$\\n"

            """)
    }
}
