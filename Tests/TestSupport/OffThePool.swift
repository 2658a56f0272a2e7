import Foundation
import Testing

/// Swift's cooperative pool has one thread per core (two here), and a test that blocks its
/// thread (compiling, waiting on a child process, long arithmetic) holds one of them until it
/// ends. With two such tests running, every task in the process waits: the in-process servers
/// of the server and notebook tests stopped answering for minutes, and their requests timed
/// out (measured: eight tasks that each block 5 s delay a ninth by 19.8 s).
///
/// `.offThePool` on a suite runs its tests on ``BlockingThreads`` instead: two threads of
/// their own, so blocking tests run two at a time as before, and the pool stays free for the
/// work that needs it.
public struct OffThePool: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(BlockingThreads.shared) { try await function() }
    }
}

extension Trait where Self == OffThePool {
    /// Runs the suite's tests off Swift's cooperative pool (see ``OffThePool``).
    public static var offThePool: Self { OffThePool() }
}

/// Two threads that run the jobs of tests that block (see ``OffThePool``).
public final class BlockingThreads: TaskExecutor, @unchecked Sendable {
    public static let shared = BlockingThreads(count: 2)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init(count: Int) {
        for index in 0..<count {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "blocking-tests-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        let executor = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: executor)
        }
    }
}

/// Runs blocking work (raw socket requests, a server's start) on a thread of its own, off
/// Swift's cooperative pool, which an in-process server under test needs free.
public func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
