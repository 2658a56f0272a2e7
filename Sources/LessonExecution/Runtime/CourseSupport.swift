// The runner's support module, `CourseSupport`: compiled with the lesson library (before it)
// into every lesson's build, and imported by every generated lesson program. It is also a
// SwiftPM target (`Sources/CourseSupport` links to this file), so `Charts` can show charts
// through it and `LessonExecution` decodes the stream with the same `CourseRuntimeEvent`.
//
// The program talks to the runner through its own standard output: each event is one line,
// `\u{1E}course:<event>\u{1E}\n` (`CourseRuntimeEvent.line`); everything else is the cells'
// text output. An event with a payload (a chart, a failed expectation's message) is followed
// by the payload's bytes and a `payload-end` event.
//
// Compiled in the Swift 5 language mode: it touches C's `stdout`, which Swift 6 mode rejects.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One event of the stream a lesson program writes for the runner. The runner's reader
/// (`CellOutputCollector` in LessonExecution) decodes exactly what `line` encodes.
public enum CourseRuntimeEvent: Hashable, Sendable {
    /// Which attempt at an exercise a forked copy runs.
    public enum AttemptKind: String, Hashable, Sendable {
        /// The `solution` cell (must pass its checks).
        case solution
        /// The unmodified `exercise` cell (must fail them).
        case starter
    }

    /// A cell (by its index in the lesson) begins: what follows is its output.
    case cellStarted(Int)
    /// A `trap` cell's forked copy ended, with its wait status and process id.
    case trapCellEnded(cell: Int, waitStatus: Int32, pid: Int32)
    /// A forked copy starts an attempt at exercise `exercise` (numbered from 1).
    case attemptStarted(exercise: Int, kind: AttemptKind)
    /// That copy ended, with its wait status and process id.
    case attemptEnded(exercise: Int, kind: AttemptKind, waitStatus: Int32, pid: Int32)
    /// A payload follows (up to `payloadEnded`): a chart (`chart`, JSON) or another rich value.
    case payloadStarted(kind: String)
    case payloadEnded
    /// The exercise's checks ran to their end; `failures` expectations failed.
    case checksFinished(failures: Int)
    /// The program reached its end.
    case programEnded
    /// A statement of a `prints` cell (its `// Prints` expectation `index`, from 0) begins:
    /// what follows, up to `statementEnded`, is what it printed.
    case statementStarted(Int)
    case statementEnded

    /// The payload kind of a failed expectation: its message.
    public static let failedExpectationKind = "expectation-failed"

    /// The byte that opens and closes an event line.
    public static let marker: UInt8 = 0x1E
    /// What every event's text starts with, after the marker.
    public static let prefix = "course:"

    /// The event as the program writes it: `\u{1E}course:<event>\u{1E}\n`.
    public var line: String { "\u{1E}\(Self.prefix)\(text)\u{1E}\n" }

    var text: String {
        switch self {
        case .cellStarted(let index): return "cell:\(index)"
        case .trapCellEnded(let cell, let status, let pid): return "trap:\(cell):\(status):\(pid)"
        case .attemptStarted(let exercise, let kind): return "attempt:\(exercise):\(kind.rawValue)"
        case .attemptEnded(let exercise, let kind, let status, let pid): return "attempt-end:\(exercise):\(kind.rawValue):\(status):\(pid)"
        case .payloadStarted(let kind): return "payload:\(kind)"
        case .payloadEnded: return "payload-end"
        case .checksFinished(let failures): return "checks-finished:\(failures)"
        case .programEnded: return "end"
        case .statementStarted(let index): return "statement:\(index)"
        case .statementEnded: return "statement-end"
        }
    }

    /// Decodes the text between the markers (without them); nil for anything else, which is
    /// then ordinary output.
    public init?(decoding event: String) {
        guard event.hasPrefix(Self.prefix) else { return nil }
        let parts = event.dropFirst(Self.prefix.count).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func int(_ index: Int) -> Int? { Int(parts[index]) }
        func int32(_ index: Int) -> Int32? { Int32(parts[index]) }
        switch (parts[0], parts.count) {
        case ("cell", 2):
            guard let index = int(1) else { return nil }
            self = .cellStarted(index)
        case ("trap", 4):
            guard let cell = int(1), let status = int32(2), let pid = int32(3) else { return nil }
            self = .trapCellEnded(cell: cell, waitStatus: status, pid: pid)
        case ("attempt", 3):
            guard let exercise = int(1), let kind = AttemptKind(rawValue: parts[2]) else { return nil }
            self = .attemptStarted(exercise: exercise, kind: kind)
        case ("attempt-end", 5):
            guard let exercise = int(1), let kind = AttemptKind(rawValue: parts[2]), let status = int32(3),
                  let pid = int32(4) else { return nil }
            self = .attemptEnded(exercise: exercise, kind: kind, waitStatus: status, pid: pid)
        case ("payload", 2) where !parts[1].isEmpty:
            self = .payloadStarted(kind: parts[1])
        case ("payload-end", 1):
            self = .payloadEnded
        case ("checks-finished", 2):
            guard let failures = int(1) else { return nil }
            self = .checksFinished(failures: failures)
        case ("end", 1):
            self = .programEnded
        case ("statement", 2):
            guard let index = int(1) else { return nil }
            self = .statementStarted(index)
        case ("statement-end", 1):
            self = .statementEnded
        default:
            return nil
        }
    }

    /// Writes the event on standard output, after everything written before it.
    public func emit() {
        fflush(stdout)
        fputs(line, stdout)
        fflush(stdout)
    }

    /// Writes a payload (`payloadStarted`, its text, `payloadEnded`): how a chart reaches the
    /// runner. In a program run by hand, the markers and the payload are simply printed.
    public static func emitPayload(kind: String, _ payload: String) {
        fflush(nil)
        CourseRuntimeEvent.payloadStarted(kind: kind).emit()
        fputs(payload + "\n", stdout)  // the reader drops this one newline
        CourseRuntimeEvent.payloadEnded.emit()
    }
}

/// Hooks for generated lesson programs. Not for lesson code.
public enum _CourseCell {
    public static func start() {
        setvbuf(stdout, nil, _IOLBF, 0)
        setvbuf(stderr, nil, _IONBF, 0)
        if let seconds { armTimer(seconds) }
    }

    /// The time limit the runner gave (`COURSE_SECONDS`), if it asked the program to keep one.
    static let seconds: Double? = getenv("COURSE_SECONDS").flatMap { Double(String(cString: $0)) }

    #if canImport(Glibc)
    static let realTimer = __itimer_which_t(ITIMER_REAL.rawValue)
    #else
    static let realTimer = ITIMER_REAL
    #endif

    /// Ends the program with SIGALRM after `seconds` of wall time. The signal is unblocked
    /// and has its default action first: a process inherits its parent's mask, and a runner
    /// thread (a Dispatch worker) blocks it.
    static func armTimer(_ seconds: Double) {
        signal(SIGALRM, SIG_DFL)
        var alarmOnly = sigset_t()
        sigemptyset(&alarmOnly)
        sigaddset(&alarmOnly, SIGALRM)
        sigprocmask(SIG_UNBLOCK, &alarmOnly, nil)
        let whole = seconds.rounded(.down)
        var value = itimerval()
        value.it_value = timeval(tv_sec: time_t(whole), tv_usec: suseconds_t((seconds - whole) * 1e6))
        setitimer(realTimer, &value, nil)
    }

    /// Stops the timer; returns the time it had left (nil when none was running).
    static func pauseTimer() -> Double? {
        guard seconds != nil else { return nil }
        var stopped = itimerval(), old = itimerval()
        setitimer(realTimer, &stopped, &old)
        return max(0.001, Double(old.it_value.tv_sec) + Double(old.it_value.tv_usec) / 1e6)
    }

    public static func begin(_ index: Int) { CourseRuntimeEvent.cellStarted(index).emit() }

    public static func end() { CourseRuntimeEvent.programEnded.emit() }

    /// Around a `prints` cell's statement with `// Prints` comments: its output is checked alone.
    public static func statement(_ index: Int) { CourseRuntimeEvent.statementStarted(index).emit() }
    public static func statementEnd() { CourseRuntimeEvent.statementEnded.emit() }

    /// Runs the cell in a forked copy of the program, waits for it, and reports how it ended.
    /// Returns true in the copy (which runs the cell), false in the original.
    public static func beginTrapping(_ index: Int) -> Bool {
        CourseRuntimeEvent.cellStarted(index).emit()
        let (isCopy, status, pid) = forkAndWait()
        if isCopy { return true }
        CourseRuntimeEvent.trapCellEnded(cell: index, waitStatus: status, pid: pid).emit()
        return false
    }

    /// The copy ran its trap cell to the end without trapping.
    public static func endTrapping() -> Never {
        fflush(nil)
        _exit(0)
    }

    /// Forks; in the copy returns at once (`isCopy`), in the original waits for the copy and
    /// returns its wait status (-1 when the fork failed) and process id.
    static func forkAndWait() -> (isCopy: Bool, status: Int32, pid: Int32) {
        fflush(nil)
        let pid = forkProcess()
        if pid == 0 { return (true, 0, 0) }
        var status: Int32 = 0
        if pid > 0 {
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
        return (false, pid > 0 ? status : -1, pid)
    }

    static func forkProcess() -> pid_t {
        #if canImport(Darwin)
        typealias Fork = @convention(c) () -> pid_t
        let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: -2), "fork")!
        return unsafeBitCast(symbol, to: Fork.self)()
        #else
        return fork()
        #endif
    }
}

/// Checks one expectation of an exercise's `check` cell: when `condition` is false, reports
/// `message` as a failed expectation (the runner shows it in the attempt's output) and marks
/// the run failed. The program carries on, so every failed expectation is shown; the run fails
/// at its end.
public func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        _CourseExercise.failures += 1
        CourseRuntimeEvent.emitPayload(kind: CourseRuntimeEvent.failedExpectationKind, message())
    }
}

/// Hooks for generated exercise programs. Not for lesson code.
public enum _CourseExercise {
    static var failures = 0
    /// Whether this process is the forked copy running one attempt.
    static var inAttempt = false

    /// Runs an attempt at exercise `number` in a forked copy of the lesson's program, waits
    /// for it, and reports how it ended. Returns true in the copy (which runs the attempt and
    /// its checks, then `finish()`), false in the original, which goes on with the lesson.
    public static func beginAttempt(_ number: Int, _ kind: CourseRuntimeEvent.AttemptKind) -> Bool {
        CourseRuntimeEvent.attemptStarted(exercise: number, kind: kind).emit()
        let left = _CourseCell.pauseTimer()
        let (isCopy, status, pid) = _CourseCell.forkAndWait()
        if isCopy {
            inAttempt = true
            failures = 0
            if let seconds = _CourseCell.seconds { _CourseCell.armTimer(seconds) }
            return true
        }
        if let left { _CourseCell.armTimer(left) }
        CourseRuntimeEvent.attemptEnded(exercise: number, kind: kind, waitStatus: status, pid: pid).emit()
        return false
    }

    /// Ends an exercise program, or an attempt's copy: reports how many expectations failed,
    /// then exits with status 1 if any did (an attempt's copy always exits here).
    public static func finish() {
        CourseRuntimeEvent.checksFinished(failures: failures).emit()
        fflush(nil)
        if inAttempt { _exit(failures == 0 ? 0 : 1) }
        if failures == 0 { _CourseCell.end() } else { exit(1) }
    }
}
