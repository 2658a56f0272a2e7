import Foundation
import Testing

/// GitHub-flavoured pipe tables. The first tests are the examples of the GFM spec's "Tables
/// (extension)" section (github/cmark-gfm `test/spec.txt`, CC BY-SA 4.0), each with the
/// structure its HTML there describes; the others are cmark-gfm's rules the examples do not
/// show, and this project's own (math in cells).
@Suite struct TableTests {
    /// The spec's examples, in order, with the tree each one is.
    static let specExamples: [(markdown: String, tree: String)] = [
        // The header row, the delimiter row, a body row.
        ("""
            | foo | bar |
            | --- | --- |
            | baz | bim |

            """, """
            document
              table line 1 none none
                header
                  cell
                    text "foo"
                  cell
                    text "bar"
                row
                  cell
                    text "baz"
                  cell
                    text "bim"

            """),
        // Cells need not line up; leading and trailing pipes are optional; alignment.
        ("""
            | abc | defghi |
            :-: | -----------:
            bar | baz

            """, """
            document
              table line 1 center right
                header
                  cell
                    text "abc"
                  cell
                    text "defghi"
                row
                  cell
                    text "bar"
                  cell
                    text "baz"

            """),
        // An escaped pipe is part of the cell, in code spans and emphasis too.
        ("""
            | f\\|oo  |
            | ------ |
            | b `\\|` az |
            | b **\\|** im |

            """, """
            document
              table line 1 none
                header
                  cell
                    text "f|oo"
                row
                  cell
                    text "b "
                    code "|"
                    text " az"
                row
                  cell
                    text "b "
                    strong
                      text "|"
                    text " im"

            """),
        // Another block ends the table.
        ("""
            | abc | def |
            | --- | --- |
            | bar | baz |
            > bar

            """, """
            document
              table line 1 none none
                header
                  cell
                    text "abc"
                  cell
                    text "def"
                row
                  cell
                    text "bar"
                  cell
                    text "baz"
              blockQuote
                paragraph
                  text "bar"

            """),
        // A line of text is a row (with an empty cell); the blank line ends the table.
        ("""
            | abc | def |
            | --- | --- |
            | bar | baz |
            bar

            bar

            """, """
            document
              table line 1 none none
                header
                  cell
                    text "abc"
                  cell
                    text "def"
                row
                  cell
                    text "bar"
                  cell
                    text "baz"
                row
                  cell
                    text "bar"
                  cell
              paragraph
                text "bar"

            """),
        // A setext heading's underline does not end a table: it is a row.
        ("""
            | abc | def |
            | --- | --- |
            | bar | baz |
            bar
            ===

            """, """
            document
              table line 1 none none
                header
                  cell
                    text "abc"
                  cell
                    text "def"
                row
                  cell
                    text "bar"
                  cell
                    text "baz"
                row
                  cell
                    text "bar"
                  cell
                row
                  cell
                    text "==="
                  cell

            """),
        // A header and a delimiter row with different numbers of cells: no table.
        ("""
            | abc | def |
            | --- |
            | bar |

            """, """
            document
              paragraph
                text "| abc | def |"
                softBreak
                text "| --- |"
                softBreak
                text "| bar |"

            """),
        // Short rows get empty cells; the excess of long ones is dropped.
        ("""
            | abc | def |
            | --- | --- |
            | bar |
            | bar | baz | boo |

            """, """
            document
              table line 1 none none
                header
                  cell
                    text "abc"
                  cell
                    text "def"
                row
                  cell
                    text "bar"
                  cell
                row
                  cell
                    text "bar"
                  cell
                    text "baz"

            """),
        // A table with no body rows.
        ("""
            | abc | def |
            | --- | --- |

            """, """
            document
              table line 1 none none
                header
                  cell
                    text "abc"
                  cell
                    text "def"

            """),
    ]

    @Test(arguments: specExamples.indices)
    func theSpecsExamples(index: Int) {
        let example = Self.specExamples[index]
        #expect(parsed(example.markdown) == example.tree, "example \(index + 1):\n\(example.markdown)")
    }

    /// Each example inside a block quote and list items reads as it does alone, inside them.
    @Test(arguments: CommonMarkConformanceTests.Container.allCases.filter { $0 != .document && $0 != .unindentedItem })
    func theSpecsExamplesInContainers(container: CommonMarkConformanceTests.Container) {
        /// The tree without its containers and without indentation: the blocks in order.
        func blocks(_ tree: String) -> [String] {
            tree.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !["document", "blockQuote", "item"].contains($0) && !$0.hasPrefix("list ") }
        }
        for (index, example) in Self.specExamples.enumerated() {
            let wrapped = container.wrap(example.markdown)
            #expect(blocks(parsed(wrapped)) == blocks(example.tree), "example \(index + 1) in \(container):\n\(wrapped)")
        }
    }

    @Test func aParagraphBeforeTheHeaderStaysOneAndCellsHoldMath() {
        // `\|` is `|` before a cell's inlines are read, inside math too: `$\|w\|$` is |w|.
        #expect(parsed("""
            Weights and their norms:
            | weight | norm |
            |:--|--:|
            | $w_1$ | $\\|w\\|_2 = 1$ |

            """) == """
            document
              paragraph
                text "Weights and their norms:"
              table line 2 left right
                header
                  cell
                    text "weight"
                  cell
                    text "norm"
                row
                  cell
                    inlineMath "w_1"
                  cell
                    inlineMath "|w|_2 = 1"

            """)
    }

    @Test func rowsEndWhereABlockStartsThatCouldNotInterruptAParagraph() {
        // A table is not a paragraph: an indented line, a list numbered from 2 and a `---` line
        // start blocks after it, which cmark would have read as the paragraph's lines.
        #expect(parsed("""
            | a |
            |---|
                indented code

            | b |
            |---|
            2. second

            | c |
            |---|
            | row |
            ---

            """) == """
            document
              table line 1 none
                header
                  cell
                    text "a"
              codeBlock "" "indented code\\n"
              table line 5 none
                header
                  cell
                    text "b"
              list ordered start 2 tight
                item
                  paragraph
                    text "second"
              table line 9 none
                header
                  cell
                    text "c"
                row
                  cell
                    text "row"
              thematicBreak

            """)
    }

    @Test func aTableTakesNoLazyLine() {
        // In a block quote, a row without `>` ends the table (a paragraph would take it), and a
        // delimiter row without `>` is only the quoted paragraph's lazy line: no table.
        #expect(parsed("""
            > | a |
            > |---|
            > | b |
            | c |

            > | d |
            |---|

            """) == """
            document
              blockQuote
                table line 1 none
                  header
                    cell
                      text "a"
                  row
                    cell
                      text "b"
              paragraph
                text "| c |"
              blockQuote
                paragraph
                  text "| d |"
                  softBreak
                  text "|---|"

            """)
    }

    @Test func theFirstDelimiterRowOfAParagraphDecides() {
        // The second line is a delimiter row of the wrong width: the paragraph holds no table,
        // though its last two lines would make one.
        #expect(parsed("""
            | a | b |
            | --- |
            | c | d |
            | --- | --- |

            """) == """
            document
              paragraph
                text "| a | b |"
                softBreak
                text "| --- |"
                softBreak
                text "| c | d |"
                softBreak
                text "| --- | --- |"

            """)
    }

    @Test func displayMathHoldsNoTable() {
        // `:-` is a delimiter row's shape, but inside display math it is TeX.
        #expect(parsed("""
            $$
            a
            :-
            b
            $$

            """) == """
            document
              displayMath "a\\n:-\\nb"

            """)
    }

    @Test func cellsAreInlinesOnly() {
        // What would start a block at the start of a line is text in a cell; a reference link
        // finds its definition elsewhere in the lesson; a pipe in a code span ends the cell
        // (GFM splits the row before it reads inlines: write `\|`); a lone pipe is no row.
        #expect(parsed("""
            | [link][r] | # not a heading | - not a list | > not a quote |
            |---|---|---|---|
            | *em* | <b> | `|` | 1. |
            |

            [r]: /url

            """) == """
            document
              table line 1 none none none none
                header
                  cell
                    link "/url" title ""
                      text "link"
                  cell
                    text "# not a heading"
                  cell
                    text "- not a list"
                  cell
                    text "> not a quote"
                row
                  cell
                    emphasis
                      text "em"
                  cell
                    htmlInline "<b>"
                  cell
                    text "`"
                  cell
                    text "`"
              paragraph
                text "|"

            """)
    }

    @Test func aTableInAListItemBetweenCellsKeepsTheLessonsLines() {
        // Cells, outputs and headings around a table keep their lines; a table after a heading
        // needs no blank line.
        #expect(parsed("""
            ---
            title: Tables
            ---
            # Activations
            | name | $f(x)$ |
            |------|:------:|
            | ReLU | $\\max(0, x)$ |

            - ```swift
              print(1)
              ```

              ```output
              1
              ```
            - | item | table |
              | ---- | ----- |
              | x    | y     |

            """) == """
            front matter: title "Tables", summary nil, timeout nil, optimize false
            cell 0 lines 9-11 fence ``` prefix "  " column 2
              code "print(1)\\n"
              output lines 13-15 fence ``` prefix "  " "1\\n"
            document
              heading 1 line 4
                text "Activations"
              table line 5 none center
                header
                  cell
                    text "name"
                  cell
                    inlineMath "f(x)"
                row
                  cell
                    text "ReLU"
                  cell
                    inlineMath "\\\\max(0, x)"
              list bullet loose
                item
                  cell 0
                item
                  table line 16 none none
                    header
                      cell
                        text "item"
                      cell
                        text "table"
                    row
                      cell
                        text "x"
                      cell
                        text "y"

            """)
    }
}
