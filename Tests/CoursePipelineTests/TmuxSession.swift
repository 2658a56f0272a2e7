import Foundation
import Testing

/// Runs a program and waits for it, with its output in a file. Not `Process`: a tmux server
/// started by the command inherits the descriptors `Process` watches to see its child end,
/// and keeps them open, so `Process` would wait forever.
@discardableResult
func runWaiting(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("course-test-output-\(UUID().uuidString)").path
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

/// A tmux server of the test's own (its own socket, so no one else's sessions are touched),
/// driving one session: `send-keys` in, `capture-pane` out.
struct Tmux {
    static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    let path: String
    /// The session the test drives.
    let session: String
    /// Whether `screen()` includes the scrollback (for programs that print line after line),
    /// with wrapped lines joined, rather than the visible screen alone.
    var history = false
    let socket = "course-tests-\(UUID().uuidString.prefix(8))"

    @discardableResult
    func callAsFunction(_ arguments: String...) throws -> String {
        try runWaiting(path, ["-L", socket] + arguments).output
    }

    func screen() throws -> String {
        history ? try self("capture-pane", "-p", "-J", "-S", "-200", "-t", session) : try self("capture-pane", "-p", "-t", session)
    }

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
