import CourseModel
import Testing
@testable import OutputChecking

private func rewrite(_ source: String, _ outputs: [Int: String]) -> String {
    OutputPromoter.rewrite(source: source, lesson: TestLessons.lesson(source), newOutputs: outputs)
}

@Suite("Output promotion (--update)")
struct OutputPromoterTests {
    @Test func replacesABlockBuiltByHand() {
        let source = "# T\n\n```swift\nprint(1)\n```\n\n```output\n2\n```\n\nText.\n"
        let cell = Cell(
            index: 0, attributes: [], code: "print(1)\n",
            span: FenceSpan(openingLine: 3, closingLine: 5, fence: "```", linePrefix: ""),
            codeColumnOffset: 0,
            output: OutputBlock(
                text: "2\n", span: FenceSpan(openingLine: 7, closingLine: 9, fence: "```", linePrefix: "")),
            path: "t.md")
        let lesson = Lesson(
            path: "t.md", source: source, frontMatter: FrontMatter(), document: .document([]), cells: [cell])
        #expect(OutputPromoter.rewrite(source: source, lesson: lesson, newOutputs: [0: "1\n"])
            == "# T\n\n```swift\nprint(1)\n```\n\n```output\n1\n```\n\nText.\n")
    }

    @Test func testHelperFindsCellsAndBlocks() {
        let lesson = TestLessons.lesson("> ```swift nocheck\n> print(1)\n> ```\n>\n> ```output\n> 1\n>\n> 2\n> ```\n")
        #expect(lesson.cells.count == 1)
        #expect(lesson.cells[0].attributes == [.nocheck])
        #expect(lesson.cells[0].span == FenceSpan(openingLine: 1, closingLine: 3, fence: "```", linePrefix: "> "))
        #expect(lesson.cells[0].output
            == OutputBlock(text: "1\n\n2\n", span: FenceSpan(openingLine: 5, closingLine: 9, fence: "```", linePrefix: "> ")))
    }

    @Test func replacesLongerAndShorterOutput() {
        let source = "```swift\nx\n```\n\n```output\nold 1\nold 2\n```\nafter\n"
        #expect(rewrite(source, [0: "new\n"]) == "```swift\nx\n```\n\n```output\nnew\n```\nafter\n")
        #expect(rewrite(source, [0: "a\nb\nc\n"]) == "```swift\nx\n```\n\n```output\na\nb\nc\n```\nafter\n")
        #expect(rewrite(source, [0: ""]) == "```swift\nx\n```\n\n```output\n```\nafter\n")
    }

    @Test func insertsAMissingBlock() {
        #expect(rewrite("```swift\nprint(\"a\")\n```\n\nNext.\n", [0: "a\n"])
            == "```swift\nprint(\"a\")\n```\n\n```output\na\n```\n\nNext.\n")
        // The cell's own fence characters are used.
        #expect(rewrite("~~~~swift\nx\n~~~~\n", [0: "a\n"]) == "~~~~swift\nx\n~~~~\n\n~~~~output\na\n~~~~\n")
    }

    @Test func insertsNothingForAnEmptyOutput() {
        let source = "```swift\nx\n```\n\nNext.\n"
        #expect(rewrite(source, [0: ""]) == source)
        #expect(rewrite(source, [0: "\n  \n"]) == source)
    }

    @Test func trimsTrailingWhitespaceAndBlankLines() {
        #expect(rewrite("```swift\nx\n```\n", [0: "a  \n\n b\t\n\n\n"])
            == "```swift\nx\n```\n\n```output\na\n\n b\n```\n")
        #expect(rewrite("```swift\nx\n```\n", [0: "a\r\nb\r\n"]) == "```swift\nx\n```\n\n```output\na\nb\n```\n")
    }

    @Test func blockQuote() {
        let source = "> Note:\n>\n> ```swift\n> print(1)\n> ```\n>\n> ```output\n> 0\n> ```\n\nAfter.\n"
        #expect(rewrite(source, [0: "1\n\n2\n"])
            == "> Note:\n>\n> ```swift\n> print(1)\n> ```\n>\n> ```output\n> 1\n>\n> 2\n> ```\n\nAfter.\n")
        #expect(rewrite("> ```swift\n> print(1)\n> ```\n", [0: "1\n\n2\n"])
            == "> ```swift\n> print(1)\n> ```\n>\n> ```output\n> 1\n>\n> 2\n> ```\n")
    }

    @Test func listItem() {
        let source = "1. Step one:\n\n   ```swift\n   print(1)\n   ```\n\n2. Next\n"
        #expect(rewrite(source, [0: "1\n\n  2\n"])
            == "1. Step one:\n\n   ```swift\n   print(1)\n   ```\n\n   ```output\n   1\n\n     2\n   ```\n\n2. Next\n")
        // A fence on the item's marker line: the marker becomes spaces in the prefix.
        let onMarker = "- ```swift\n  print(1)\n  ```\n\n  ```output\n  0\n  ```\n- next\n"
        #expect(rewrite(onMarker, [0: "1\n"]) == "- ```swift\n  print(1)\n  ```\n\n  ```output\n  1\n  ```\n- next\n")
        #expect(rewrite("- ```swift\n  print(1)\n  ```\n- next\n", [0: "1\n"])
            == "- ```swift\n  print(1)\n  ```\n\n  ```output\n  1\n  ```\n- next\n")
    }

    @Test func crlfFile() {
        let source = "# T\r\n\r\n```swift\r\nx\r\n```\r\n\r\n```output\r\nold\r\n```\r\n\r\n```swift\r\ny\r\n```\r\n"
        #expect(rewrite(source, [0: "new\nlines\n", 1: "y\n"])
            == "# T\r\n\r\n```swift\r\nx\r\n```\r\n\r\n```output\r\nnew\r\nlines\r\n```\r\n\r\n"
            + "```swift\r\ny\r\n```\r\n\r\n```output\r\ny\r\n```\r\n")
    }

    @Test func noFinalNewline() {
        #expect(rewrite("```swift\nx\n```", [0: "1\n"]) == "```swift\nx\n```\n\n```output\n1\n```")
        #expect(rewrite("```swift\nx\n```\n\n```output\n0\n```", [0: "1\n2\n"])
            == "```swift\nx\n```\n\n```output\n1\n2\n```")
        #expect(rewrite("```swift\nx\n```\n\n```output\n0\n```", [0: "a\n```\n"])
            == "```swift\nx\n```\n\n````output\na\n```\n````")
        #expect(rewrite("```swift\r\nx\r\n```", [0: "1\n"]) == "```swift\r\nx\r\n```\r\n\r\n```output\r\n1\r\n```")
    }

    @Test func lengthensTheFenceWhenOutputWouldCloseIt() {
        let source = "```swift\nx\n```\n\n```output\nold\n```\n"
        #expect(rewrite(source, [0: "```swift\ncode\n```\n"])
            == "```swift\nx\n```\n\n````output\n```swift\ncode\n```\n````\n")
        #expect(rewrite(source, [0: "a\n  `````  \n"]) == "```swift\nx\n```\n\n``````output\na\n  `````\n``````\n")
        // Runs too short, or followed by text, cannot close the fence.
        #expect(rewrite(source, [0: "``\n```x\n"]) == "```swift\nx\n```\n\n```output\n``\n```x\n```\n")
        // Other fence character: not a problem.
        #expect(rewrite(source, [0: "~~~\n"]) == "```swift\nx\n```\n\n```output\n~~~\n```\n")
        #expect(rewrite("> ~~~swift\n> x\n> ~~~\n", [0: "~~~~\n"])
            == "> ~~~swift\n> x\n> ~~~\n>\n> ~~~~~output\n> ~~~~\n> ~~~~~\n")
    }

    @Test func severalCellsAtOnce() {
        let source = """
            # Lesson

            ```swift
            print(1)
            ```

            ```output
            one
            ```

            ```swift
            print(2)
            ```

            Between.

            ```swift
            print(3)
            ```

            ```output
            three
            ```

            ```swift
            print(4)
            ```
            """ + "\n"
        let expected = """
            # Lesson

            ```swift
            print(1)
            ```

            ```output
            1
            ```

            ```swift
            print(2)
            ```

            ```output
            2
            2b
            ```

            Between.

            ```swift
            print(3)
            ```

            ```output
            three
            ```

            ```swift
            print(4)
            ```

            ```output
            4
            ```
            """ + "\n"
        #expect(rewrite(source, [0: "1\n", 1: "2\n2b\n", 3: "4\n", 9: "no such cell\n"]) == expected)
    }

    @Test func rewritingEveryCellWithItsOwnOutputChangesNothing() {
        let sources = [
            "# T\n\n```swift\nprint(1)\n```\n\n```output\n1\n\n  indented\n```\n\n```swift\nx\n```\n",
            "> ```swift\n> print(1)\n> ```\n>\n> ```output\n> 1\n>\n> 2\n> ```\n",
            "1. Item\n\n   ```swift\n   print(1)\n   ```\n\n   ```output\n   1\n   ```\n2. Next\n",
            "- ```swift\n  print(1)\n  ```\n  ```output\n  1\n  ```\n",
            "```swift\r\nx\r\n```\r\n\r\n```output\r\n0.731\r\n...\r\n```\r\n",
            "```swift\nx\n```\n\n````output\n```\n````",
            "```swift\nx\n```\n\n```output\n```\n\n~~~swift\ny\n~~~\n\n~~~output\nz\n~~~\n",
            // Mixed line endings survive because unchanged blocks are not rewritten.
            "```swift\r\nx\n```\n\n```output\r\na\r\n```\n",
        ]
        for source in sources {
            let lesson = TestLessons.lesson(source)
            #expect(!lesson.cells.isEmpty)
            var outputs: [Int: String] = [:]
            for cell in lesson.cells { outputs[cell.index] = cell.output?.text ?? "" }
            #expect(OutputPromoter.rewrite(source: source, lesson: lesson, newOutputs: outputs) == source)
        }
    }

    @Test func cellsNotNamedAreUntouched() {
        let source = "```swift\nx\n```\n\n```output\nold\n```\n\n```swift\ny\n```\n"
        #expect(rewrite(source, [:]) == source)
        #expect(rewrite(source, [1: "y\n"]) == source.replacingLastFence())
    }

    @Test func needsUpdate() {
        #expect(!OutputPromoter.needsUpdate(expected: "0.731\n", actual: "0.7310586\n"))
        #expect(!OutputPromoter.needsUpdate(expected: "...\nend\n", actual: "a\nb\nend\n"))
        #expect(OutputPromoter.needsUpdate(expected: "0.731\n", actual: "0.74\n"))
        #expect(OutputPromoter.needsUpdate(expected: "", actual: "x\n"))
        #expect(OutputPromoter.needsUpdate(expected: "x\n", actual: ""))
        #expect(!OutputPromoter.needsUpdate(expected: "", actual: ""))
        #expect(OutputPromoter.needsUpdate(expected: nil, actual: "x\n"))
        #expect(!OutputPromoter.needsUpdate(expected: nil, actual: ""))
        #expect(!OutputPromoter.needsUpdate(expected: nil, actual: "\n \n"))
    }
}

extension String {
    fileprivate func replacingLastFence() -> String { self + "\n```output\ny\n```\n" }
}
