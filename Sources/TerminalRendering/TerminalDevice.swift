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

/// The terminal itself: raw keyboard input, the alternate screen, its size. The only file of
/// the reader that touches platform APIs. The terminal's settings are restored on exit, and on
/// SIGINT, SIGTERM and SIGHUP.
enum TerminalDevice {
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var active = false

    /// Whether standard input and output are both a terminal.
    static var isInteractive: Bool { isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 }

    /// Columns and rows of the terminal on standard output, if it is one.
    static func size() -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Keys one at a time without echo, the alternate screen, no cursor.
    static func enter() {
        guard !active else { return }
        tcgetattr(STDIN_FILENO, &saved)
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        active = true
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J")
        for number in [SIGINT, SIGTERM, SIGHUP] {
            _ = signal(number) { number in
                TerminalDevice.leave()
                _exit(128 + number)
            }
        }
    }

    /// Back to the terminal as it was.
    static func leave() {
        guard active else { return }
        write("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l")
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        active = false
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
    static func readKey(timeout milliseconds: Int32) -> [UInt8]? {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = read(STDIN_FILENO, &buffer, buffer.count)
        guard count > 0 else { return count == 0 ? [4] : nil }  // end of input reads as Ctrl-D
        return Array(buffer[0..<count])
    }

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
