import Foundation
import Testing
import TestSupport

/// A learner in a real terminal: `course exercise 1` in a detached tmux session, a wrong
/// answer, the hint, the right answer, progress saved.
@Suite(.serialized, .offThePool) struct ExerciseTmuxTests {
    @Test(.enabled(if: Tmux.executable != nil, "tmux is not installed: the exercise loop's end-to-end test needs it"))
    func aLearnerSolvesTheFirstExerciseWronglyThenRight() throws {
        let root = try copyOfFixture("exercises")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let tmux = Tmux(path: Tmux.executable!, session: "exercise", history: true)
        let command = "'\(CommandLineTests.executable)' exercise 1 --root '\(root)' --color never"
        try tmux("new-session", "-d", "-s", tmux.session, "-x", "120", "-y", "50", "-c", root, command + "; sleep 60")
        defer { _ = try? tmux("kill-server") }
        func waitForPane(_ session: String, toShow text: String, seconds: Double = 120) throws -> String {
            try tmux.waitFor("\"\(text)\"", timeout: seconds) { $0.contains(text) }
        }
        let session = tmux.session

        var pane = try waitForPane(session, toShow: "Keys: h hint")
        #expect(pane.contains("1. triple a number  workspace/01-numbers/1-triple-a-number.swift  · to do"))
        let file = root + "/workspace/01-numbers/1-triple-a-number.swift"
        #expect(FileManager.default.fileExists(atPath: file))

        try "func triple(_ x: Double) -> Double {\n    x * 2\n}\n".write(toFile: file, atomically: false, encoding: .utf8)
        pane = try waitForPane(session, toShow: "got -2.0")
        #expect(pane.contains("✗ 1. triple a number: 2 checks failed"))
        #expect(pane.contains("✗ triple(2) should be 6, got 4.0"))
        #expect(pane.contains("✗ triple(-1) should be -3, got -2.0"))

        try tmux("send-keys", "-t", session, "h")
        pane = try waitForPane(session, toShow: "three times x is double(x) plus x.", seconds: 10)
        #expect(pane.contains("Hint for 1. triple a number:"))

        Thread.sleep(forTimeInterval: 0.05)
        try "func triple(_ x: Double) -> Double {\n    x * 3\n}\n".write(toFile: file, atomically: false, encoding: .utf8)
        pane = try waitForPane(session, toShow: "Solved, progress saved.")
        #expect(pane.contains("✓ 1. triple a number: all checks passed"))

        try tmux("send-keys", "-t", session, "q")
        pane = try waitForPane(session, toShow: "Bye.", seconds: 10)
        #expect(pane.contains("Bye. Your progress is in workspace/progress.json."))

        let progress = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/workspace/progress.json")))
        let entry = ((progress as? [String: Any])?["lessons"] as? [String: Any])?["01-numbers"] as? [String: Any]
        #expect((entry?["1"] as? [String: Any])?["solved"] as? Bool == true)
    }
}
