import Testing
@testable import OutputChecking

@Suite("Unified diffs")
struct OutputDiffTests {
    private func diff(_ expected: String, _ actual: String, color: Bool = false) -> String {
        OutputDiff.unified(expected: expected, actual: actual, color: color)
    }

    @Test func matchingOutputHasNoDiff() {
        #expect(diff("a\n0.731\n...\n", "a\n0.7310586\nb\nc\n") == "")
    }

    @Test func changedLine() {
        #expect(diff("a\nb\nc\n", "a\nx\nc\n") == """
            --- expected
            +++ actual
            @@ -1,3 +1,3 @@
             a
            -b
            +x
             c
            """)
    }

    @Test func numbersWithinToleranceAreContext() {
        #expect(diff("loss 0.50\nacc 0.9\nepoch 3\n", "loss 0.5012\nacc 0.7\nepoch 3\n") == """
            --- expected
            +++ actual
            @@ -1,3 +1,3 @@
             loss 0.50
            -acc 0.9
            +acc 0.7
             epoch 3
            """)
    }

    @Test func lineOfDotsAbsorbsActualLines() {
        #expect(diff("start\n...\nend 1.0\n", "start\nx\ny\nend 2.0\n") == """
            --- expected
            +++ actual
            @@ -1,3 +1,4 @@
             start
             ...
            -end 1.0
            +end 2.0
            """)
    }

    @Test func lineOfDotsDoesNotSwallowTheLineThatDiffers() {
        #expect(diff("...\nAccuracy: 0.95\n", "epoch 1\nepoch 2\nAccuracy: 0.80\n") == """
            --- expected
            +++ actual
            @@ -1,2 +1,3 @@
             ...
            -Accuracy: 0.95
            +Accuracy: 0.80
            """)
    }

    @Test func changedLineBetweenLinesOfDots() {
        #expect(diff("a\n...\nb\n...\nc\n", "a\nx\nc\n") == """
            --- expected
            +++ actual
            @@ -1,5 +1,3 @@
             a
             ...
            -b
            +x
             ...
             c
            """)
    }

    @Test func dotsInsideALineAreContext() {
        #expect(diff("Fatal error: ...\nafter\n", "Fatal error: Index out of range\nlater\n") == """
            --- expected
            +++ actual
            @@ -1,2 +1,2 @@
             Fatal error: ...
            -after
            +later
            """)
    }

    @Test func distantChangesMakeSeparateHunks() {
        let expected = (1...12).map { "l\($0)" }.joined(separator: "\n")
        let actual = expected.replacingOccurrences("l2\n", with: "L2\n")
            .replacingOccurrences("l11\n", with: "L11\n")
        #expect(diff(expected, actual) == """
            --- expected
            +++ actual
            @@ -1,5 +1,5 @@
             l1
            -l2
            +L2
             l3
             l4
             l5
            @@ -8,5 +8,5 @@
             l8
             l9
             l10
            -l11
            +L11
             l12
            """)
    }

    @Test func longOutputsWithOneChange() {
        let expected = (1...5000).map { "line \($0) 0.50" }
        var actual = (1...5000).map { "line \($0) 0.5012" }
        actual[2499] = "line 2500 0.6"
        #expect(diff(expected.joined(separator: "\n"), actual.joined(separator: "\n")) == """
            --- expected
            +++ actual
            @@ -2497,7 +2497,7 @@
             line 2497 0.50
             line 2498 0.50
             line 2499 0.50
            -line 2500 0.50
            +line 2500 0.6
             line 2501 0.50
             line 2502 0.50
             line 2503 0.50
            """)
    }

    @Test func veryLongOutputsAreShownWhole() {
        // Beyond the alignment limit, the unmatched middle is shown removed, then added.
        let expected = "...\n" + (1...2100).map { "e\($0)" }.joined(separator: "\n")
        let actual = (1...2100).map { "a\($0)" }.joined(separator: "\n")
        let lines = diff(expected, actual).split(separator: "\n")
        #expect(lines[2] == "@@ -1,2101 +1,2100 @@")
        #expect(lines[3] == "-...")
        #expect(lines.count == 3 + 2101 + 2100)
    }

    @Test func addedLinesAtTheEnd() {
        #expect(diff("a\n", "a\nb\n") == """
            --- expected
            +++ actual
            @@ -1 +1,2 @@
             a
            +b
            """)
    }

    @Test func emptyExpectedBlock() {
        #expect(diff("", "x\n") == """
            --- expected
            +++ actual
            @@ -0,0 +1 @@
            +x
            """)
    }

    @Test func noOutput() {
        #expect(diff("hello\n", "") == """
            --- expected
            +++ actual
            @@ -1 +0,0 @@
            -hello
            \\ (no output)
            """)
        #expect(diff("hello\n", "\n  \n") == """
            --- expected
            +++ actual
            @@ -1 +0,0 @@
            -hello
            \\ (only blank lines)
            """)
    }

    @Test func whitespaceOnlyDifferencesAreMadeVisible() {
        #expect(diff("a\tb\n", "a    b\n") == """
            --- expected
            +++ actual
            @@ -1 +1 @@
            -a→b
            +a····b
            """)
    }

    @Test func trailingWhitespaceIsNotADifference() {
        #expect(diff("a\nb\n", "a   \nb\t\n\n") == "")
    }

    @Test func color() {
        let esc = "\u{1B}"
        #expect(diff("a\nb\n", "a\nc\n", color: true) == """
            --- expected
            +++ actual
            \(esc)[36m@@ -1,2 +1,2 @@\(esc)[0m
             a
            \(esc)[31m-b\(esc)[0m
            \(esc)[32m+c\(esc)[0m
            """)
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
