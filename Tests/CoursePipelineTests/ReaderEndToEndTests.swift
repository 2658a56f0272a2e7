import Foundation
import Testing

/// `course read` and `course list` as a learner uses them: the built executable, driven in a
/// detached tmux session of fixed size (`send-keys`, `capture-pane`).
@Suite(.serialized) struct ReaderEndToEndTests {
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A fresh copy of the reader fixture (lessons with charts), its `Sources` linked to the fixture's.
    func fixtureCopy() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-reader-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/reader/Lessons", toPath: folder + "/Lessons")
        try FileManager.default.createSymbolicLink(atPath: folder + "/Sources", withDestinationPath: fixtures + "/reader/Sources")
        return folder
    }

    /// Runs a program and waits for it, with its output in a file. Not `Process`: a tmux server
    /// started by the command inherits the descriptors `Process` watches to see its child end,
    /// and keeps them open, so `Process` would wait forever.
    @discardableResult
    func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("course-reader-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self))
    }

    /// A tmux server of our own (its own socket), so no one else's sessions are touched.
    struct Tmux {
        let path: String
        let socket = "course-tests-\(UUID().uuidString.prefix(8))"
        let test: ReaderEndToEndTests

        func callAsFunction(_ arguments: String...) throws -> String {
            try test.run(path, ["-L", socket] + arguments).output
        }

        func screen() throws -> String { try self("capture-pane", "-p", "-t", "reader") }

        /// Waits until the screen satisfies `condition` (the first run builds the fixture library).
        func waitFor(_ what: String, timeout: Double = 240, _ condition: (String) -> Bool) throws -> String {
            let start = Date()
            var last = ""
            while Date().timeIntervalSince(start) < timeout {
                last = try screen()
                if condition(last) { return last }
                Thread.sleep(forTimeInterval: 0.2)
            }
            Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
            return last
        }
    }

    @Test(.enabled(if: tmux != nil, "tmux is not installed: the reader's end-to-end test needs it"))
    func readALessonWithChartsInTmux() throws {
        let root = try fixtureCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let tmux = Tmux(path: Self.tmux!, test: self)
        defer { _ = try? tmux("kill-server") }
        _ = try tmux("new-session", "-d", "-s", "reader", "-x", "80", "-y", "40",
                     "env -u NO_COLOR \(CommandLineTests.executable) read 1 --root \(root)")

        // First page: the title section, shown at once; the lesson runs in the background.
        var screen = try tmux.waitFor("the first page") { $0.contains("Reading with charts · page 1/4") }
        #expect(screen.contains("Reading with charts\n━━━━━━━━━━━━━━━━━━━"))
        #expect(screen.contains("• a first point"))
        #expect(screen.contains("←/h back   →/space next   r run again   e edit   ? help   q quit"))
        screen = try tmux.waitFor("the run to end") { !$0.contains("running…") }
        #expect(screen.contains("ran: every cell passed"))

        // Next: the first cell with its output and its chart.
        _ = try tmux("send-keys", "-t", "reader", "l")
        screen = try tmux.waitFor("the first cell") { $0.contains("cell 1/3 · page 2/4") }
        #expect(screen.contains("── cell 1/3 "))
        #expect(screen.contains("✓ passed ─"))
        #expect(screen.contains(" 16 │ import Charts"))
        #expect(screen.contains("↳ output\n  epochs: 6\n\n  Loss\n  loss\n"))
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
        #expect(screen.contains(" 53 │ print(secret + 1)\n↳ output\n  42"))
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

        // q quits and leaves the terminal as it was: the session ends with the program.
        _ = try tmux("send-keys", "-t", "reader", "q")
        let start = Date()
        while try run(Self.tmux!, ["-L", tmux.socket, "has-session", "-t", "reader"]).status == 0, Date().timeIntervalSince(start) < 10 {
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(try run(Self.tmux!, ["-L", tmux.socket, "has-session", "-t", "reader"]).status != 0)
    }

    @Test func readPrintsPlainlyWhenNotATerminal() throws {
        let root = try fixtureCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try run(CommandLineTests.executable, ["read", "charts", "--root", root, "--no-run", "--width", "60"])
        #expect(result.status == 0)
        #expect(!result.output.contains("\u{1B}"))
        #expect(result.output.hasPrefix("""
            Reading with charts
            ━━━━━━━━━━━━━━━━━━━

            A lesson for the terminal reader's tests, with emphasis,
            strong words, `inline code` and a little math, w x + b, in a
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
        let before = try run(CommandLineTests.executable, ["list", "--root", root])
        #expect(before.output == """
            #  Lesson           Cells  Status
            1  Every attribute     11  not yet run

            """)
        _ = try run(CommandLineTests.executable, ["check", "--root", root])
        let after = try run(CommandLineTests.executable, ["list", "--root", root])
        #expect(after.output == """
            #  Lesson           Cells  Status
            1  Every attribute     11  ✓ passed

            """)
    }
}
