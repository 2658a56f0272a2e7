import Testing

@Suite struct DiagnosticTests {
    @Test func unknownAttribute() {
        #expect(parsed("text\n\n```swift no-run foo\n```\n") == """
            lesson.md:3: error: unknown cell attribute 'foo' (known: no-run, ignore, compile-fail, trap, hidden, nocheck, exercise, solution, check, prints, isolated)

            """)
    }

    @Test func conflictingAttributes() {
        #expect(parsed("```swift ignore trap\n```\n```swift no-run,trap\n```\n```swift compile-fail trap\n```\n") == """
            lesson.md:1: error: cell attributes 'ignore' and 'trap' cannot be combined: an ignored cell is neither compiled nor run
            lesson.md:3: error: cell attributes 'no-run' and 'trap' cannot be combined: a no-run cell is never run, so it cannot trap
            lesson.md:5: error: cell attributes 'compile-fail' and 'trap' cannot be combined: a cell that fails to compile never runs, so it cannot trap

            """)
    }

    @Test func orphanOutputBlocks() {
        let source = """
            # Title

            ```output
            1
            ```

            - ```swift
              x
              ```
            ```output
            2
            ```

            ```python
            ```
            ```output
            ```

            """
        #expect(parsed(source) == """
            lesson.md:3: error: output block with no Swift cell before it
            lesson.md:10: error: output block with no Swift cell before it
            lesson.md:16: error: output block with no Swift cell before it

            """)
    }

    @Test func twoOutputBlocks() {
        #expect(parsed("```swift\n```\n\n```output\n```\n\n```output\n```\n") == """
            lesson.md:7: error: second output block after the Swift cell at line 1 (a cell has at most one)

            """)
    }

    @Test func unterminatedFences() {
        #expect(parsed("# T\n\n```swift\nlet x = 1\n\n``\n") == """
            lesson.md:3: error: unterminated code fence (opened with ``` here)

            """)
        #expect(parsed("> ````swift\n> let x = 1\n> ```\n\nafter\n") == """
            lesson.md:1: error: unterminated code fence (opened with ```` here)

            """)
        #expect(parsed("```swift\nx\n```swift\n") == """
            lesson.md:1: error: unterminated code fence (opened with ``` here)

            """)
        // A tab is four columns: a fence after one is code, not the end of the block (found by fuzzing).
        #expect(parsed("```swift\nx\n\t```\n") == """
            lesson.md:1: error: unterminated code fence (opened with ``` here)

            """)
        #expect(parsed("```swift\nx\n   ```\n").hasPrefix("cell 0 lines 1-3 "))  // three spaces are allowed
    }

    @Test func everyProblemIsReported() {
        let source = """
            ---
            title: Hello
            colour: red
            timeout: soon
            optimize: 3
            ---
            # Heading

            ```swift foo
            ```

            ```output
            x
            ```

            ```swift ignore trap
            ```
            ```output
            ```
            ```output
            ```

            ````swift
            x
            ```

            """
        #expect(parsed(source) == """
            lesson.md:3: error: unknown front matter key 'colour' (known: title, summary, timeout, optimize, data)
            lesson.md:4: error: front matter key 'timeout' must be a number of seconds greater than 0, not 'soon'
            lesson.md:5: error: front matter key 'optimize' must be true or false, not '3'
            lesson.md:9: error: unknown cell attribute 'foo' (known: no-run, ignore, compile-fail, trap, hidden, nocheck, exercise, solution, check, prints, isolated)
            lesson.md:16: error: cell attributes 'ignore' and 'trap' cannot be combined: an ignored cell is neither compiled nor run
            lesson.md:20: error: second output block after the Swift cell at line 16 (a cell has at most one)
            lesson.md:23: error: unterminated code fence (opened with ```` here)

            """)
    }

    @Test func diagnosticsCarryTheParseStage() throws {
        #expect(throws: Diagnostics.self) { try LessonParser.parse(source: "```output\n```\n", path: "x.md") }
        do {
            _ = try LessonParser.parse(source: "```output\n```\n", path: "x.md")
        } catch {
            #expect(error.all.map(\.stage) == [.parse])
            #expect(error.all.map(\.location) == [SourceLocation(path: "x.md", line: 1)])
        }
    }
}

import CourseModel
import LessonParsing
