import CourseModel
import Testing
@testable import LessonParsing

/// `prints` cells: the Swift book's `// Prints "x"` comments, read with swift-syntax.
@Suite struct PrintsCommentTests {
    /// The expectations of a `prints` cell as text: the statement's lines, then each comment.
    func expectations(_ code: String) -> String {
        let (expectations, problems) = PrintsComments.read(code)
        var text = ""
        for expectation in expectations {
            text += "statement lines \(expectation.statementLines.lowerBound)-\(expectation.statementLines.upperBound)\n"
            for comment in expectation.comments {
                text += "  line \(comment.line) column \(comment.column)\(comment.quoted ? " quoted" : "")\(comment.trailing ? " trailing" : "") \(comment.text.debugDescription)\n"
            }
        }
        for problem in problems { text += "problem at line \(problem.line): \(problem.message)\n" }
        return text
    }

    @Test func commentsStateWhatTheStatementBeforeThemPrints() {
        let code = """
            let cast = ["Vivien", "Marlon", "Kim", "Karl"]
            print(cast.count)  // Prints "4"
            for name in cast.prefix(2) {
                print(name)
            }
            // Prints "Vivien"
            // Prints "Marlon"
            let shortNames = cast.filter { $0.count < 5 }
            print(shortNames)
            // Prints "["Kim", "Karl"]"
            // A comment that states nothing.
            print(1, 2)
            // Prints 1 2

            """
        #expect(expectations(code) == """
            statement lines 1-1
              line 1 column 19 quoted trailing "4"
            statement lines 2-4
              line 5 column 0 quoted "Vivien"
              line 6 column 0 quoted "Marlon"
            statement lines 8-8
              line 9 column 0 quoted "[\\"Kim\\", \\"Karl\\"]"
            statement lines 11-11
              line 12 column 0 "1 2"

            """)
    }

    @Test func aCommentInsideAStatementOrBeforeAnyIsAProblem() {
        let code = """
            // Prints "nothing yet"
            func greet() {
                print("hi")  // Prints "hi"
            }
            greet()
            // Prints "hi"

            """
        #expect(expectations(code) == """
            statement lines 4-4
              line 5 column 0 quoted "hi"
            problem at line 0: this `// Prints` comment follows no statement: put it after the statement that prints
            problem at line 2: this `// Prints` comment is inside a statement, where it cannot be checked: put it after the top-level statement that prints

            """)
    }

    @Test func onlyCommentsThatSayPrintsCount() {
        #expect(PrintsComments.statedLine("// Prints \"x\"")! == ("x", true))
        #expect(PrintsComments.statedLine("//Prints x ")! == ("x", false))
        #expect(PrintsComments.statedLine("// Prints")! == ("", false))
        #expect(PrintsComments.statedLine("// Printsx") == nil)
        #expect(PrintsComments.statedLine("// prints x") == nil)
        #expect(PrintsComments.statedLine("/// Prints x") == nil)
    }

    @Test func writtenCommentsReadBackAsTheLineTheyState() {
        for (line, quoted) in [("x", true), ("x", false), ("", false), ("  indented", false), ("\"quoted\"", false), ("a \"b\" c", true)] {
            let written = PrintsComment.written(stating: line, quoted: quoted)
            #expect(PrintsComments.statedLine(written)?.text == line, "\(written)")
        }
    }

    @Test func aPrintsCellIsParsedWithItsExpectations() {
        let source = """
            ```swift prints
            print("a")
            // Prints "a"
            ```

            ```swift prints
            let x = 1
            ```

            ```swift prints
            print(1)
            ```

            ```output
            1
            ```

            ```swift nocheck prints
            print(2) // Prints "2"
            ```

            """
        #expect(parsed(source) == """
            lesson.md:6: error: this `prints` cell has no `// Prints "…"` comment after a statement: nothing in it would be checked
            lesson.md:10: error: this `prints` cell has no `// Prints "…"` comment after a statement: nothing in it would be checked
            lesson.md:14: error: the `prints` cell at line 10 is checked by its `// Prints` comments: it takes no output block
            lesson.md:18: error: cell attributes 'nocheck' and 'prints' cannot be combined: a nocheck cell's output is never compared, a prints cell's always is

            """)
    }
}
