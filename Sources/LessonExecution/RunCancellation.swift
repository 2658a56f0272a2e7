import Foundation

/// A switch that stops a run from another thread: the child process running (or compiling)
/// a lesson checks it while it waits, and when it is set, its whole session is killed. The
/// notebook sets it when a newer run of the same lesson starts.
public final class RunCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public func cancel() { lock.withLock { cancelled = true } }

    public var isCancelled: Bool { lock.withLock { cancelled } }
}
