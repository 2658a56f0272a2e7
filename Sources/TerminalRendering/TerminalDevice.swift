import Plumbing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Musl)
private let systemWrite = Musl.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// The terminal itself: the alternate screen, its size, and raw keys through `TerminalMode`
/// (which restores the settings on exit and on SIGINT, SIGTERM and SIGHUP). The only file of
/// the reader that touches platform APIs.
enum TerminalDevice {
    /// Whether standard input and output are both a terminal.
    static var isInteractive: Bool { TerminalMode.isInteractive }

    /// Columns and rows of the terminal on standard output, if it is one.
    static func size() -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    static let leaveScreen = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    /// Keys one at a time without echo, the alternate screen, no cursor.
    static func enter() {
        TerminalMode.onExit = { TerminalDevice.write(TerminalDevice.leaveScreen) }
        TerminalMode.enterRaw()
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J")
    }

    /// Back to the terminal as it was.
    static func leave() {
        write(leaveScreen)
        TerminalMode.leave()
    }

    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { systemWrite(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 { if errno == EINTR { continue } else { return } }
            offset += written
        }
    }

    /// The bytes of one key press, or nil when none came within `milliseconds`.
    static func readKey(timeout milliseconds: Int32) -> [UInt8]? { TerminalMode.readKey(timeout: milliseconds) }

    /// Runs a shell command with the terminal as it normally is, and waits for it.
    static func runInteractively(_ command: String) -> Int32 {
        leave()
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", command]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var status: Int32 = -1
        if posix_spawn(&pid, "/bin/sh", nil, nil, &argv, environ) == 0 {
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
        enter()
        return status
    }
}
