import CourseModel
import Testing
@testable import OutputChecking

@Suite("Stale quotes after --update")
struct StaleQuotesTests {
    static let source = """
        # Training

        ```swift
        print("loss 0.3521  accuracy 0.9028")
        ```

        ```output
        loss 0.3521  accuracy 0.9028
        ```

        The loss ends at 0.3521, and the accuracy at 0.9028, after 300 epochs.

        ```swift
        print("early stop: accuracy 0.9028")
        ```

        ```output
        early stop: accuracy 0.9028
        ```

        Early stopping keeps 0.9028; the slope was −0.3521 at first.
        """

    @Test func quotesOfNumbersAnUpdatedBlockNoLongerPrintsAreFound() {
        let lesson = TestLessons.lesson(Self.source)
        let quotes = StaleQuotes.find(in: lesson, newOutputs: [0: "loss 0.3520  accuracy 0.8993\n"])
        #expect(quotes.map(\.message) == [
            "the text quotes 0.3521, which the output at line 7 printed before this update and does not now",
            "the text quotes 0.9028, which the output at line 7 printed before this update and does not now (the output at line 17 still prints it)",
            "the text quotes 0.9028, which the output at line 7 printed before this update and does not now (the output at line 17 still prints it)",
            "the text quotes 0.3521, which the output at line 7 printed before this update and does not now",
        ])
        #expect(quotes.map(\.line) == [11, 11, 21, 21])
    }

    @Test func aQuoteInATablesCellIsFound() {
        // Stale quotes are looked for in every line of prose, a table's rows included.
        let lesson = TestLessons.lesson(Self.source + """


            | after 300 epochs | value |
            |---|--:|
            | loss | 0.3521 |
            """)
        let quotes = StaleQuotes.find(in: lesson, newOutputs: [0: "loss 0.3520  accuracy 0.9028\n"])
        #expect(quotes.map(\.line) == [11, 21, 25])
        #expect(quotes.last?.message == "the text quotes 0.3521, which the output at line 7 printed before this update and does not now")
    }

    @Test func numbersTheUpdatedBlockStillPrintsAreNotStale() {
        let lesson = TestLessons.lesson(Self.source)
        #expect(StaleQuotes.find(in: lesson, newOutputs: [0: "loss 0.3521  accuracy 0.9028  time 1.25\n"]).isEmpty)
        #expect(StaleQuotes.find(in: lesson, newOutputs: [:]).isEmpty)
    }

    @Test func quotesOfWhatAPrintsCommentStatedAreFound() {
        // The Swift book's style: `--update` rewrites the `// Prints` comment at line 5.
        var lesson = TestLessons.lesson("""
            # Book

            ```swift prints
            print("mean 0.4213")
            // Prints "mean 0.4213"
            print("spread 0.0800")
            // Prints "spread 0.0800"
            ```

            The mean is 0.4213 and the spread 0.0800.
            """)
        lesson.cells[0].attributes.insert(.prints)
        lesson.cells[0].printsExpectations = [
            PrintsExpectation(statementLines: 0...0, comments: [PrintsComment(line: 1, column: 0, text: "mean 0.4213", quoted: true, trailing: false)]),
            PrintsExpectation(statementLines: 2...2, comments: [PrintsComment(line: 3, column: 0, text: "spread 0.0800", quoted: true, trailing: false)]),
        ]
        let quotes = StaleQuotes.find(in: lesson, newOutputs: [:], newPrints: [0: [0: "mean 0.4250\n"]])
        #expect(quotes.map(\.message) == ["the text quotes 0.4213, which the `// Prints` comment at line 5 stated before this update and does not now"])
        #expect(quotes.map(\.line) == [10])
        #expect(StaleQuotes.find(in: lesson, newOutputs: [:], newPrints: [0: [1: "spread 0.0800 units\n"]]).isEmpty)
        // A number one comment no longer states and another still does.
        let moved = StaleQuotes.find(in: lesson, newOutputs: [:], newPrints: [0: [0: "mean 0.4250\n", 1: "spread 0.4213\n"]])
        #expect(moved.first?.message == "the text quotes 0.4213, which the `// Prints` comment at line 5 stated before this update and does not now"
                + " (the `// Prints` comment at line 7 still states it)")
    }

    @Test func integersAndNumbersInsideWordsAreNotQuotes() {
        #expect(StaleQuotes.decimals(in: "epoch 73, v1.2.3, x0.5, -0.25 and 1e-05; 0.7.") == ["0.25", "1e-05", "0.7"])
    }
}
