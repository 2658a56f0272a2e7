import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended.
public enum Termination: Hashable, Sendable {
    case exited(Int32)
    case signaled(Int32)
    /// Killed by us after the time limit.
    case timedOut

    /// How a process ended, from the status `waitpid` gave: the one place wait statuses are decoded.
    public init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    /// The signal that ended the process; 0 when it exited.
    public var signal: Int32 {
        if case .signaled(let signal) = self { return signal }
        return 0
    }
}

/// Runs a program in its own session and process group with stdout and stderr on one pipe
/// that is read while the child runs (a child that fills a pipe nobody reads would hang).
/// On a timeout, and when the child has exited, everything left in its session is killed:
/// grandchildren too, even those that moved to a process group of their own (as Foundation's
/// `Process` does).
///
/// This is the one place that talks to the operating system about processes.
public enum ChildProcess {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `executable` with `arguments` and waits for it.
    ///
    /// - Parameters:
    ///   - environment: variables added to (or replacing those of) this process's environment.
    ///   - directory: the child's working directory.
    ///   - timeout: seconds after which the whole process group is killed.
    ///   - cancellation: when set while the child runs, the whole process group is killed
    ///     (the run then ends as `.timedOut`; the caller knows it cancelled).
    ///   - onOutput: called with each chunk the child writes, in order, on the calling thread.
    /// - Returns: how the child ended.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        directory: String? = nil,
        timeout: Double? = nil,
        cancellation: RunCancellation? = nil,
        onOutput: (UnsafeRawBufferPointer) -> Void
    ) throws -> Termination {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe() failed: \(errnoText())") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        defer { close(readEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        if let directory { addChdir(&actions, directory) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with no signal blocked and every signal at its default action: a
        // runner thread (a Dispatch worker) blocks signals, and a child would inherit that.
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        let signalFlags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if os(Linux)
        posix_spawnattr_setflags(&attributes, Int16(0x80) | signalFlags)  // POSIX_SPAWN_SETSID (glibc 2.26+)
        #else
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP) | signalFlags)
        posix_spawnattr_setpgroup(&attributes, 0)
        #endif

        var env = currentEnvironment()
        for (key, value) in environment { env[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
        close(writeEnd)
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        return readUntilExit(pid: pid, readEnd: readEnd, timeout: timeout, cancellation: cancellation, onOutput: onOutput)
    }

    private static func readUntilExit(
        pid: pid_t, readEnd: Int32, timeout: Double?, cancellation: RunCancellation?,
        onOutput: (UnsafeRawBufferPointer) -> Void
    ) -> Termination {
        let start = monotonicSeconds()
        var exitStatus: Int32? = nil
        var exitedAt: Double? = nil
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var open = true
        while open {
            let now = monotonicSeconds()
            if !timedOut, (timeout.map { now - start > $0 } ?? false) || cancellation?.isCancelled == true {
                killAll(pid)
                timedOut = true
            }
            // Once the child has exited, a grandchild may still hold the pipe: give it a
            // moment, then kill the group and stop reading.
            if let exitedAt, now - exitedAt > 0.5 {
                killAll(pid)
                break
            }
            var pollFD = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pollFD, 1, 50)
            if ready > 0 {
                let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if count > 0 {
                    buffer.withUnsafeBytes { onOutput(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open = false
                }
            }
            if exitStatus == nil {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid {
                    exitStatus = status
                    exitedAt = monotonicSeconds()
                }
            }
        }
        if exitStatus == nil {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            exitStatus = status
        }
        killAll(pid)  // nothing the child started outlives its run
        if timedOut { return .timedOut }
        return Termination(waitStatus: exitStatus!)
    }

    /// Kills the child's process group and, on Linux, every process of its session.
    static func killAll(_ pid: pid_t) {
        kill(-pid, SIGKILL)
        #if os(Linux)
        for process in sessionMembers(pid) { kill(process, SIGKILL) }
        #endif
    }

    #if os(Linux)
    /// Processes whose session is `session` (field 6 of `/proc/<pid>/stat`).
    static func sessionMembers(_ session: pid_t) -> [pid_t] {
        guard let folder = opendir("/proc") else { return [] }
        defer { closedir(folder) }
        var members: [pid_t] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let process = pid_t(name), process != session else { continue }
            guard let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 3, pid_t(fields[3]) == session { members.append(process) }
        }
        return members
    }
    #endif

    /// Runs a program to completion and returns everything it wrote.
    public static func capture(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        directory: String? = nil, timeout: Double? = nil, cancellation: RunCancellation? = nil
    ) throws -> (termination: Termination, output: String) {
        var bytes: [UInt8] = []
        let termination = try run(
            executable, arguments, environment: environment, directory: directory, timeout: timeout,
            cancellation: cancellation
        ) { bytes.append(contentsOf: $0) }
        return (termination, String(decoding: bytes, as: UTF8.self))
    }

    /// `posix_spawn_file_actions_addchdir_np` exists in glibc 2.29+ and macOS 10.15+, but
    /// Swift's Glibc module does not declare it: look it up at run time.
    private static func addChdir(_ actions: inout posix_spawn_file_actions_t, _ directory: String) {
        typealias AddChdir = @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32
        #if canImport(Darwin)
        let defaultHandle = UnsafeMutableRawPointer(bitPattern: -2)
        #else
        let defaultHandle: UnsafeMutableRawPointer? = nil
        #endif
        guard let symbol = dlsym(defaultHandle, "posix_spawn_file_actions_addchdir_np") else {
            fatalError("posix_spawn_file_actions_addchdir_np is missing from the C library")
        }
        let function = unsafeBitCast(symbol, to: AddChdir.self)
        _ = function(&actions, directory)
    }

    static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
