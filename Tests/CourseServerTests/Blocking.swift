import Foundation

/// Runs blocking work (raw socket requests) on a thread of its own, off Swift's cooperative
/// pool, which the server under test needs free (two threads on this 2-core machine).
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
