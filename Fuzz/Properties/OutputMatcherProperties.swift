import OutputChecking

/// Properties of `OutputMatcher.matches` and `OutputDiff.unified`.
///
/// The input is an expected and an actual output separated by the first NUL byte; without
/// one, both are the whole input. For any texts x (expected) and y (actual):
/// - x matches itself (whatever numbers, `...` and whitespace it holds);
/// - the diff is empty exactly when y matches x, and otherwise starts with the
///   `--- expected` / `+++ actual` headers and shows at least one change;
/// - matching ignores line endings ("\r\n" for "\n" in y), trailing whitespace and trailing
///   blank lines in y;
/// - putting a `...` line before or after x keeps every match (it may absorb nothing);
/// - `OutputPromoter.needsUpdate(expected: x, actual: x)` is false (a second `--update`
///   changes nothing).
enum OutputMatcherProperties {
    static func violations(_ data: [UInt8]) -> [String] {
        let expected: String, actual: String
        if let nul = data.firstIndex(of: 0) {
            expected = text(data[..<nul])
            actual = text(data[(nul + 1)...])
        } else {
            expected = text(data)
            actual = expected
        }
        var problems: [String] = []
        func matches(_ x: String, _ y: String) -> Bool { OutputMatcher.matches(expected: x, actual: y) }

        for x in [expected, actual] where !matches(x, x) {
            problems.append("a text does not match itself: \(x.debugDescription)")
        }
        if OutputPromoter.needsUpdate(expected: expected, actual: expected) {
            problems.append("needsUpdate(x, x) is true for \(expected.debugDescription)")
        }

        let match = matches(expected, actual)
        let diff = OutputDiff.unified(expected: expected, actual: actual, color: false)
        if match != diff.isEmpty {
            problems.append("matches is \(match) but the diff is \(diff.isEmpty ? "empty" : "not empty")")
        }
        if !diff.isEmpty {
            let diffLines = diff.split(separator: "\n", omittingEmptySubsequences: false)
            if !diff.hasPrefix("--- expected\n+++ actual\n@@ ") {
                problems.append("the diff does not start with its headers and a hunk")
            }
            // (Bytes, not Characters: "+" and a combining mark after it are one Character.)
            if !diffLines.dropFirst(2).contains(where: { $0.utf8.first == UInt8(ascii: "-") || $0.utf8.first == UInt8(ascii: "+") }) {
                problems.append("a diff with no removed or added line")
            }
        }
        _ = OutputDiff.unified(expected: expected, actual: actual, color: true)

        let variants = [
            ("\"\\n\" as \"\\r\\n\"", String(actual.map { $0 == "\n" ? "\r\n" : $0 })),
            ("trailing spaces", actual.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + " \t" }.joined(separator: "\n")),
            ("trailing blank lines", actual + "\n\n  \n"),
        ]
        for (name, variant) in variants where matches(expected, variant) != match {
            problems.append("adding \(name) to the actual output changed whether it matches")
        }
        if match {
            let lines = normalisedLines(expected)
            let before = (["..."] + lines).joined(separator: "\n") + "\n"
            let after = (lines + ["..."]).joined(separator: "\n") + "\n"
            if !matches(before, actual) { problems.append("a `...` line before the expected output broke a match") }
            if !matches(after, actual) { problems.append("a `...` line after the expected output broke a match") }
        }
        if !problems.isEmpty {
            problems.append("expected: \(expected.debugDescription)\nactual: \(actual.debugDescription)")
        }
        return problems
    }
}
