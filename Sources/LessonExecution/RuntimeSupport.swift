/// The source of `CourseSupport`, a tiny module compiled with the lesson library that every
/// generated lesson program imports. It marks where each cell begins in the output stream,
/// and runs `trap` cells in a forked copy of the program so that later cells still run.
///
/// The stream protocol: a line `\u{1E}course:<event>\u{1E}` on stdout, where event is
/// `cell:<index>` (cell begins), `trap:<index>:<wait status>:<pid>` (a trap cell's copy
/// ended) or `end` (the program reached its end).
///
/// Exercise programs end with `_CourseExercise.finish()`: `✓ all checks passed` and the `end`
/// event when every `expect` held, else exit status 1 (each failure printed `✗ message`).
///
/// A lesson's program also runs its exercises' attempts (solution and starting code), each in a
/// forked copy at the exercise's place: `attempt:<number>:<kind>` before the copy starts, the
/// copy's output, then `attempt-end:<number>:<kind>:<wait status>:<pid>`. With the environment
/// variable `COURSE_SECONDS`, the program keeps its own time limit (a timer that ends it with
/// SIGALRM), paused while an attempt runs; each attempt gets the same limit of its own.
///
/// Rich outputs (charts) use the same stream: `rich:<kind>` opens a payload and `rich-end`
/// closes it; the bytes between are the payload, not text output. The `Charts` library
/// writes these itself (it is built without this module): keep the two in step.
enum RuntimeSupport {
    static let moduleName = "CourseSupport"
    static let markerByte: UInt8 = 0x1E

    static let source = #"""
    #if canImport(Glibc)
    import Glibc
    #elseif canImport(Darwin)
    import Darwin
    #endif

    /// Hooks for generated lesson programs. Not for lesson code.
    public enum _CourseCell {
        public static func start() {
            setvbuf(stdout, nil, _IOLBF, 0)
            setvbuf(stderr, nil, _IONBF, 0)
            if let seconds { armTimer(seconds) }
        }

        /// The time limit the runner gave, if it asked the program to keep one.
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

        public static func begin(_ index: Int) { emit("cell:\(index)") }

        public static func end() { emit("end") }

        /// Runs the cell in a forked copy of the program, waits for it, and reports how it ended.
        /// Returns true in the copy (which runs the cell), false in the original.
        public static func beginTrapping(_ index: Int) -> Bool {
            emit("cell:\(index)")
            fflush(nil)
            let pid = forkProcess()
            if pid == 0 { return true }
            var status: Int32 = 0
            if pid > 0 {
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            }
            emit("trap:\(index):\(pid > 0 ? status : -1):\(pid)")
            return false
        }

        /// The copy ran its trap cell to the end without trapping.
        public static func endTrapping() -> Never {
            fflush(nil)
            _exit(0)
        }

        static func emit(_ event: String) {
            fflush(stdout)
            fputs("\u{1E}course:\(event)\u{1E}\n", stdout)
            fflush(stdout)
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

    /// Checks one expectation of an exercise's `check` cell: when `condition` is false, prints
    /// `✗ message` and marks the run failed. The program carries on, so every failed
    /// expectation is shown; the run fails at its end (exit status 1).
    public func expect(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() {
            _CourseExercise.failures += 1
            print("✗ \(message())")
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
        public static func beginAttempt(_ number: Int, _ kind: String) -> Bool {
            _CourseCell.emit("attempt:\(number):\(kind)")
            fflush(nil)
            let left = _CourseCell.pauseTimer()
            let pid = _CourseCell.forkProcess()
            if pid == 0 {
                inAttempt = true
                failures = 0
                if let seconds = _CourseCell.seconds { _CourseCell.armTimer(seconds) }
                return true
            }
            var status: Int32 = 0
            if pid > 0 {
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            }
            if let left { _CourseCell.armTimer(left) }
            _CourseCell.emit("attempt-end:\(number):\(kind):\(pid > 0 ? status : -1):\(pid)")
            return false
        }

        /// Ends an exercise program, or an attempt's copy: `✓ all checks passed`, or exit
        /// status 1 if an expectation failed.
        public static func finish() {
            if failures == 0 {
                print("✓ all checks passed")
                if inAttempt {
                    fflush(nil)
                    _exit(0)
                }
                _CourseCell.end()
            } else {
                fflush(nil)
                if inAttempt { _exit(1) }
                exit(1)
            }
        }
    }
    """#
}
