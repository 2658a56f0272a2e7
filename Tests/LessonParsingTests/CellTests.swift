import Testing

@Suite struct CellTests {
    @Test func cellWithOutputAfterBlankLines() {
        let source = """
            # The perceptron

            Some *text*.

            ```swift
            let x = 1
            print(x)
            ```


            ```output
            1
            ```
            ```swift
            ```
            ```output
            ```

            """
        #expect(parsed(source) == """
            cell 0 lines 5-8 fence ``` prefix "" column 0
              code "let x = 1\\nprint(x)\\n"
              output lines 11-13 fence ``` prefix "" "1\\n"
            cell 1 lines 14-15 fence ``` prefix "" column 0
              code ""
              output lines 16-17 fence ``` prefix "" ""
            document
              heading 1 line 1
                text "The perceptron"
              paragraph
                text "Some "
                emphasis
                  text "text"
                text "."
              cell 0
              cell 1

            """)
    }

    @Test func eachAttribute() {
        let source = """
            ```swift no-run
            ```
            ```swift ignore
            ```
            ```swift compile-fail
            ```
            ```swift trap
            ```
            ```swift hidden
            ```
            ```swift nocheck
            ```
            ```swift hidden,nocheck
            ```
            ```swift   trap, hidden
            ```

            """
        #expect(parsed(source) == """
            cell 0 lines 1-2 fence ``` prefix "" column 0 [no-run]
              code ""
            cell 1 lines 3-4 fence ``` prefix "" column 0 [ignore]
              code ""
            cell 2 lines 5-6 fence ``` prefix "" column 0 [compile-fail]
              code ""
            cell 3 lines 7-8 fence ``` prefix "" column 0 [trap]
              code ""
            cell 4 lines 9-10 fence ``` prefix "" column 0 [hidden]
              code ""
            cell 5 lines 11-12 fence ``` prefix "" column 0 [nocheck]
              code ""
            cell 6 lines 13-14 fence ``` prefix "" column 0 [hidden,nocheck]
              code ""
            cell 7 lines 15-16 fence ``` prefix "" column 0 [hidden,trap]
              code ""
            document
              cell 0
              cell 1
              cell 2
              cell 3
              cell 4
              cell 5
              cell 6
              cell 7

            """)
    }

    @Test func cellsInBlockQuotesAndLists() {
        let source = """
            > ```swift
            > let a = 1
            > ```
            >
            > ```output
            > 1
            > ```

            - item

              ```swift trap
              let b = [1][2]
              ```

            1. ```swift
               print(3)
               ```
               ```output
               3
               ```
            - > ~~~~ swift
              > x
              > ~~~~~

            """
        #expect(parsed(source) == """
            cell 0 lines 1-3 fence ``` prefix "> " column 2
              code "let a = 1\\n"
              output lines 5-7 fence ``` prefix "> " "1\\n"
            cell 1 lines 11-13 fence ``` prefix "  " column 2 [trap]
              code "let b = [1][2]\\n"
            cell 2 lines 15-17 fence ``` prefix "   " column 3
              code "print(3)\\n"
              output lines 18-20 fence ``` prefix "   " "3\\n"
            cell 3 lines 21-23 fence ~~~~ prefix "  > " column 4
              code "x\\n"
            document
              blockQuote
                cell 0
              list bullet loose
                item
                  paragraph
                    text "item"
                  cell 1
              list ordered start 1 tight
                item
                  cell 2
              list bullet tight
                item
                  blockQuote
                    cell 3

            """)
    }

    @Test func indentedFenceKeepsItsIndentation() {
        let source = """
              ```swift
              let x = 1
               let y = 2
              ```

            """
        #expect(parsed(source) == """
            cell 0 lines 1-4 fence ``` prefix "  " column 2
              code "let x = 1\\n let y = 2\\n"
            document
              cell 0

            """)
    }

    @Test func tabAfterListMarker() {
        // cmark reads the tab as list-item indentation (to column 4); the prefix, for
        // `--update`, has the spaces it stands for.
        #expect(parsed("-\t```swift\n\tlet x = 1\n\t```\n") == """
            cell 0 lines 1-3 fence ``` prefix "    " column 2
              code "let x = 1\\n"
            document
              list bullet tight
                item
                  cell 0

            """)
    }

    @Test func tildesAndLongerFences() {
        let source = """
            ~~~swift
            let fence = "```"
            ~~~~
            `````swift
            ```
            not the end
            ```
            `````   
            ```output
            done
            ````

            """
        #expect(parsed(source) == """
            cell 0 lines 1-3 fence ~~~ prefix "" column 0
              code "let fence = \\"```\\"\\n"
            cell 1 lines 4-8 fence ````` prefix "" column 0
              code "```\\nnot the end\\n```\\n"
              output lines 9-11 fence ``` prefix "" "done\\n"
            document
              cell 0
              cell 1

            """)
    }

    @Test func otherCodeBlocksAreNeverCells() {
        let source = """
                ```swift
                indented
                ```

            ```
            plain
            ```

            ```python
            print(1)
            ```

            ```Swift
            capitalized
            ```

            """
        #expect(parsed(source) == """
            document
              codeBlock "" "```swift\\nindented\\n```\\n"
              codeBlock "" "plain\\n"
              codeBlock "python" "print(1)\\n"
              codeBlock "Swift" "capitalized\\n"

            """)
    }

    @Test func crlfLines() throws {
        let source = "# CRLF\r\n\r\n```swift\r\nlet x = 1\r\n```\r\n\r\n```output\r\n1\r\n```\r\n"
        #expect(parsed(source) == """
            cell 0 lines 3-5 fence ``` prefix "" column 0
              code "let x = 1\\n"
              output lines 7-9 fence ``` prefix "" "1\\n"
            document
              heading 1 line 1
                text "CRLF"
              cell 0

            """)
        #expect(try LessonParser.parse(source: source, path: "a.md").source == source)
    }

    @Test func emptyLesson() {
        #expect(parsed("") == "document\n")
        #expect(parsed("\n\n") == "document\n")
    }
}

import LessonParsing
