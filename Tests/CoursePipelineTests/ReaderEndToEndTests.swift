import Foundation
import Testing
import TestSupport

/// `course read` and `course list` as a learner uses them: the built executable, driven in a
/// detached tmux session of fixed size (`send-keys`, `capture-pane`).
@Suite(.serialized, .offThePool) struct ReaderEndToEndTests {
    static let tmux = Tmux.executable

    /// A fresh copy of the reader fixture (lessons with charts), its `Sources` linked to the fixture's.
    func fixtureCopy() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-reader-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/reader/Lessons", toPath: folder + "/Lessons")
        try FileManager.default.createSymbolicLink(atPath: folder + "/Sources", withDestinationPath: fixtures + "/reader/Sources")
        return folder
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: the reader's end-to-end test needs it"))
    func readALessonWithChartsInTmux() throws {
        let root = try fixtureCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let tmux = Tmux(path: Self.tmux!, session: "reader")
        defer { _ = try? tmux("kill-server") }
        // The "editor" the reader opens for e: it changes the cell's scratch copy.
        let editor = root + "/editor.sh"
        try "#!/bin/sh\nsed -i 's/secret + 2/secret + 5/' \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        _ = try tmux("new-session", "-d", "-s", "reader", "-x", "80", "-y", "40",
                     "env -u NO_COLOR EDITOR=\(editor) \(CommandLineTests.executable) read 1 --root \(root)")

        // First page: the title section, shown at once; the lesson runs in the background.
        var screen = try tmux.waitFor("the first page") { $0.contains("Reading with charts · page 1/4") }
        #expect(screen.contains("Reading with charts\n━━━━━━━━━━━━━━━━━━━"))
        #expect(screen.contains("• a first point"))
        #expect(screen.contains("←/h back  →/space next  r run again  e edit cell  u undo edit  ? help  q quit"))
        screen = try tmux.waitFor("the run to end") { !$0.contains("running…") }
        #expect(screen.contains("ran: every cell passed"))

        // Next: the first cell with its output and its chart.
        _ = try tmux("send-keys", "-t", "reader", "l")
        screen = try tmux.waitFor("the first cell") { $0.contains("cell 1/3 · page 2/4") }
        #expect(screen.contains("── cell 1/3 "))
        #expect(screen.contains("✓ passed ─"))
        #expect(screen.contains(" 16 │ import Charts"))
        #expect(screen.contains("↳ output, as written, checked\n  epochs: 6\n\n  Loss\n  loss\n"))
        #expect(screen.contains("  1.0 ┤"))
        #expect(screen.contains("epoch"))

        // Space goes on to the decision boundary; h comes back.
        _ = try tmux("send-keys", "-t", "reader", "Space")
        screen = try tmux.waitFor("the second cell") { $0.contains("cell 2/3 · page 3/4") }
        #expect(screen.contains("  AND\n  x₂\n"))
        #expect(screen.contains("● class 0   ● class 1"))
        #expect(screen.contains("  done"))
        _ = try tmux("send-keys", "-t", "reader", "h")
        _ = try tmux.waitFor("the first cell again") { $0.contains("cell 1/3 · page 2/4") }

        // The last page hides the hidden cell and the hidden line.
        _ = try tmux("send-keys", "-t", "reader", "G")
        screen = try tmux.waitFor("the last page") { $0.contains("cell 3/3 · page 4/4") }
        #expect(screen.contains(" 53 │ print(secret + 1)\n↳ output, as written, checked\n  42"))
        #expect(!screen.contains("secret = 41"))
        #expect(!screen.contains("a hidden cell"))

        // Help, then back, then r runs the lesson again.
        _ = try tmux("send-keys", "-t", "reader", "?")
        screen = try tmux.waitFor("the help") { $0.contains("Keys") }
        #expect(screen.contains("run the lesson again"))
        _ = try tmux("send-keys", "-t", "reader", "x")
        _ = try tmux.waitFor("the last page again") { $0.contains("cell 3/3 · page 4/4") }
        _ = try tmux("send-keys", "-t", "reader", "r")
        _ = try tmux.waitFor("the run to end again") { $0.contains("ran: every cell passed") && !$0.contains("running…") }

        // Editing the file re-runs it: the output changes on screen.
        let lesson = root + "/Lessons/01-charts.md"
        let source = try String(contentsOfFile: lesson, encoding: .utf8)
        try source.replacingOccurrences(of: "print(secret + 1)", with: "print(secret + 2)").write(toFile: lesson, atomically: true, encoding: .utf8)
        screen = try tmux.waitFor("the edited lesson's run") { $0.contains("  43") && !$0.contains("running…") }
        #expect(screen.contains(" 53 │ print(secret + 2)"))
        #expect(screen.contains("✗ failed ─"))

        // e edits a scratch copy of the cell: the lesson runs with it; the file stays as it was.
        _ = try tmux("send-keys", "-t", "reader", "e")
        screen = try tmux.waitFor("the run with the learner's edit") { $0.contains("  46") && !$0.contains("running…") }
        #expect(screen.contains(" 53 │ print(secret + 5)"))
        #expect(try String(contentsOfFile: lesson, encoding: .utf8).contains("print(secret + 2)"))
        let saved = try String(contentsOfFile: root + "/workspace/notebook/01-charts.json", encoding: .utf8)
        #expect(saved.contains("print(secret + 5)"))
        // u restores the lesson's code.
        _ = try tmux("send-keys", "-t", "reader", "u")
        screen = try tmux.waitFor("the lesson's code again") { $0.contains("  43") && !$0.contains("running…") }
        #expect(screen.contains(" 53 │ print(secret + 2)"))

        // q quits and leaves the terminal as it was: the session ends with the program.
        _ = try tmux("send-keys", "-t", "reader", "q")
        let start = Date()
        while try runWaiting(Self.tmux!, ["-L", tmux.socket, "has-session", "-t", "reader"]).status == 0, Date().timeIntervalSince(start) < 10 {
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(try runWaiting(Self.tmux!, ["-L", tmux.socket, "has-session", "-t", "reader"]).status != 0)
    }

    @Test func readPrintsPlainlyWhenNotATerminal() throws {
        let root = try fixtureCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try runWaiting(CommandLineTests.executable, ["read", "charts", "--root", root, "--no-run", "--width", "60"])
        #expect(result.status == 0)
        #expect(!result.output.contains("\u{1B}"))
        #expect(result.output.hasPrefix("""
            Reading with charts
            ━━━━━━━━━━━━━━━━━━━

            A lesson for the terminal reader's tests, with emphasis,
            strong words, `inline code` and a little math, wx + b, in a
            paragraph long enough to wrap.

            • a first point
            • a second point

            A line chart
            ────────────

            ── cell 1/3 ────────────────────────────────── not run yet ─
             16 │ import Charts
            """))
    }

    @Test func listShowsStatusFromTheLastCheck() throws {
        let root = try copyOfFixture("passing")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let before = try runWaiting(CommandLineTests.executable, ["list", "--root", root])
        #expect(before.output == """
            #  Lesson           Cells  Status
            1  Every attribute     11  not yet run

            """)
        _ = try runWaiting(CommandLineTests.executable, ["check", "--root", root])
        let after = try runWaiting(CommandLineTests.executable, ["list", "--root", root])
        #expect(after.output == """
            #  Lesson           Cells  Status
            1  Every attribute     11  ✓ passed

            """)
        // An edit right after the check (within the same second) is still an edit.
        let lesson = root + "/Lessons/01-every-attribute.md"
        try (String(contentsOfFile: lesson, encoding: .utf8) + "\nOne more line.\n").write(toFile: lesson, atomically: false, encoding: .utf8)
        let edited = try runWaiting(CommandLineTests.executable, ["list", "--root", root])
        #expect(edited.output.contains("✓ passed (edited since)"), "\(edited.output)")
    }
}
