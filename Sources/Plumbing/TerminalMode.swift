#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal on standard input in raw mode (keys one at a time, no echo, no flow-control
/// keys), restored on `leave()`, at exit, and when SIGINT, SIGTERM or SIGHUP arrives (then the
/// signal is raised again with its default action, so the process ends as it would have).
/// The one place that changes terminal settings: the reader and the exercise loop use it.
public enum TerminalMode {
    nonisolated(unsafe) private static var saved = termios()
    nonisolated(unsafe) private static var active = false

    /// Whether standard input and output are both a terminal.
    public static var isInteractive: Bool { isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 }

    /// Enters raw mode; does nothing when standard input is not a terminal or it is on already.
    public static func enterRaw() {
        guard !active, tcgetattr(STDIN_FILENO, &saved) == 0 else { return }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        active = true
        for number in [SIGINT, SIGTERM, SIGHUP] {
            _ = signal(number) { received in
                TerminalMode.onExit?()
                TerminalMode.leave()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// What to write before the settings are restored on a signal (leaving the alternate
    /// screen, showing the cursor). Set before `enterRaw()`.
    nonisolated(unsafe) public static var onExit: (@convention(c) () -> Void)?

    /// The settings as they were before `enterRaw()`.
    public static func leave() {
        guard active else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
        active = false
    }

    /// The bytes of one key press (an arrow is several), or nil when none came within
    /// `milliseconds`. The end of input reads as Ctrl-D (4).
    public static func readKey(timeout milliseconds: Int32) -> [UInt8]? {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = read(STDIN_FILENO, &buffer, buffer.count)
        guard count > 0 else { return count == 0 ? [4] : nil }
        return Array(buffer[0..<count])
    }
}
