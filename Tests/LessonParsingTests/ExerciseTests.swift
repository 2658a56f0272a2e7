import CourseModel
import LessonParsing
import Testing

@Suite struct ExerciseTests {
    static let sigmoid = """
        # Activations

        ```swift
        func sigmoid(_ x: Float) -> Float { 1 / (1 + (-x).exp()) }
        ```

        ## Exercises

        ### Exercise: the sigmoid's slope

        Write `sigmoidSlope(_:)`, the derivative of the sigmoid.

        ```swift exercise
        func sigmoidSlope(_ x: Float) -> Float {
            // TODO: return the slope of the sigmoid at x
            return 0
        }
        ```

        ```swift solution
        func sigmoidSlope(_ x: Float) -> Float {
            let s = sigmoid(x)
            return s * (1 - s)
        }
        ```

        ```swift check
        expect(abs(sigmoidSlope(0) - 0.25) < 1e-6, "at 0 the slope should be 1/4, got \\(sigmoidSlope(0))")
        ```

        ```swift check
        expect(sigmoidSlope(10) < 1e-4, "far from 0 the sigmoid is flat")
        ```

        > **Hint:** the sigmoid's slope can be written with the sigmoid itself.
        >
        > Second paragraph.

        ```swift exercise
        // TODO
        ```

        ```swift check
        expect(false, "never")
        ```

        > Just a quote.

        ```swift solution
        print(1)
        ```

        """

    @Test func exercisesAreGroupedWithTitlesAndHints() throws {
        let lesson = try LessonParser.parse(source: Self.sigmoid, path: "lesson.md")
        #expect(lesson.exercises.count == 2)
        let first = lesson.exercises[0]
        #expect(first.number == 1)
        #expect(first.title == "the sigmoid's slope")
        #expect(first.exerciseCell == 1 && first.solutionCell == 2 && first.checkCells == [3, 4])
        #expect(first.line == 13)
        #expect(first.hintText == "the sigmoid's slope can be written with the sigmoid itself.\n\nSecond paragraph.")
        let second = lesson.exercises[1]
        #expect(second.number == 2)
        #expect(second.title == "Exercise 2")  // no heading since the first exercise
        #expect(second.exerciseCell == 5 && second.solutionCell == 7 && second.checkCells == [6])
        #expect(second.hint == nil)

        // The cells stay cells, in the document too; only the first is part of the program.
        #expect(lesson.cells.map(\.runs) == [true, false, false, false, false, false, false, false])
        #expect(lesson.cells.map(\.isShown) == [true, true, true, false, false, true, false, true])
        #expect(lesson.exercise(containingCell: 4)?.number == 1)
        guard case .document(let blocks) = lesson.document else { return }
        #expect(blocks.filter(\.isHint).count == 1)
        #expect(blocks.filter { if case .cell = $0 { true } else { false } }.count == 8)
    }

    @Test func titlesFromHeadings() throws {
        let cases: [(String?, String)] = [
            (nil, "Exercise 1"), ("Exercise: softmax", "softmax"), ("Exercise 3: one Adam step", "one Adam step"),
            ("Exercises", "Exercise 1"), ("Exercise 3", "Exercise 1"), ("exercise 2 — dropout", "dropout"),
            ("A perceptron update", "A perceptron update"), ("Exercising", "Exercising"),
        ]
        for (heading, title) in cases {
            let source = (heading.map { "## \($0)\n\n" } ?? "") + "```swift exercise\n```\n```swift solution\n```\n```swift check\n```\n"
            let lesson = try LessonParser.parse(source: source, path: "lesson.md")
            #expect(lesson.exercises.map(\.title) == [title], "heading \(heading ?? "none")")
        }
    }

    @Test func missingAndExtraParts() {
        let source = """
            ```swift solution
            ```

            ```swift check
            ```

            > **Hint:** too early.

            ```swift exercise
            ```

            ```swift exercise
            ```

            ```swift solution
            ```

            ```swift
            let inside = 1
            ```

            ```swift solution
            ```

            ```swift check
            ```

            > **Hint:** one.

            > **Hint:** two.

            ```swift
            let after = 1
            ```

            ```swift exercise
            ```

            ```swift solution
            ```

            """
        #expect(parsed(source) == """
            lesson.md:1: error: a `solution` cell must follow an `exercise` cell, and there is none before it
            lesson.md:4: error: a `check` cell must follow an `exercise` cell, and there is none before it
            lesson.md:7: error: a hint (a block quote starting with **Hint:**) belongs after an `exercise` cell, and there is none before it
            lesson.md:9: error: this exercise has no `solution` cell (it needs one, after it and before the next exercise)
            lesson.md:9: error: this exercise has no `check` cell (it needs at least one, after it and before the next exercise)
            lesson.md:18: error: a Swift cell cannot sit inside the exercise at line 12 (between its `exercise` cell and its last `solution` or `check` cell): move it before the exercise or after its checks
            lesson.md:22: error: second `solution` cell for the exercise at line 12 (the first is at line 15; an exercise has exactly one)
            lesson.md:30: error: second hint for the exercise at line 12 (an exercise has at most one)
            lesson.md:36: error: this exercise has no `check` cell (it needs at least one, after it and before the next exercise)

            """)
    }

    @Test func noOutputBlocksAndNoOtherAttributes() {
        let source = """
            ```swift exercise
            ```

            ```output
            1
            ```

            ```swift solution hidden
            ```

            ```swift check
            ```
            ```output
            ```

            ```swift solution check
            ```

            """
        #expect(parsed(source) == """
            lesson.md:4: error: an output block cannot follow an `exercise` cell: an exercise's checks say whether it passes
            lesson.md:8: error: cell attributes 'solution' and 'hidden' cannot be combined: a `solution` cell is part of an exercise and takes no other attribute
            lesson.md:13: error: an output block cannot follow a `check` cell: an exercise's checks say whether it passes
            lesson.md:16: error: cell attributes 'solution' and 'check' cannot be combined: a `solution` cell is part of an exercise and takes no other attribute
            lesson.md:16: error: second `solution` cell for the exercise at line 1 (the first is at line 8; an exercise has exactly one)

            """)
    }
}
