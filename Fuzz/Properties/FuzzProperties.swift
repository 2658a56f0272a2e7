import CourseModel
import LessonParsing
import MathRendering
import OutputChecking

/// The properties the fuzz targets check, in one place: the libFuzzer entry points
/// (`Fuzz/Fuzz*/main.swift`) trap on the first violation, the regression tests
/// (`Tests/FuzzRegressionTests`) expect none for every saved input.
///
/// Each check takes the fuzzer's raw bytes and returns the violated properties, one sentence
/// each; an empty array means every property holds. (A crash or hang inside the code under
/// test is found by libFuzzer itself.)
public enum FuzzTarget: String, CaseIterable, Sendable {
    case lessonParser = "FuzzLessonParser"
    case outputMatcher = "FuzzOutputMatcher"
    case mathRenderer = "FuzzMathRenderer"

    public func violations(_ data: [UInt8]) -> [String] {
        switch self {
        case .lessonParser: LessonParserProperties.violations(data)
        case .outputMatcher: OutputMatcherProperties.violations(data)
        case .mathRenderer: MathRendererProperties.violations(data)
        }
    }

    /// Runs the checks and stops the process with a message when one fails, so that libFuzzer
    /// records the input as a crash.
    public func checkOrTrap(_ data: [UInt8]) {
        let problems = violations(data)
        if !problems.isEmpty {
            fatalError("\(rawValue): property violated:\n" + problems.joined(separator: "\n"))
        }
    }
}

/// Input bytes as text: invalid UTF-8 is repaired (U+FFFD), as `String(contentsOf:)` would not
/// even load it; the code under test only ever sees Swift strings.
func text(_ data: some Collection<UInt8>) -> String { String(decoding: data, as: UTF8.self) }

/// Output text normalised the way the matching rules read it ("\r\n" as "\n", trailing
/// whitespace and trailing blank lines dropped); nil-free, and "" for no lines.
func normalisedLines(_ text: String) -> [String] {
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        .map { line -> String in
            var scalars = Substring(line).unicodeScalars
            while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
            return String(scalars)
        }
    while let last = lines.last, last.isEmpty { lines.removeLast() }
    return lines
}
