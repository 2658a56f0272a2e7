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

        /// Ends an exercise program: `✓ all checks passed`, or exit status 1 if an expectation failed.
        public static func finish() {
            if failures == 0 {
                print("✓ all checks passed")
                _CourseCell.end()
            } else {
                fflush(nil)
                exit(1)
            }
        }
    }
    """#
}
