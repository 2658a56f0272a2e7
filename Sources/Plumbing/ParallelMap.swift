import Dispatch

/// `body(0)`, `body(1)`, … `body(count - 1)`, at most `jobs` at a time on as many threads, in
/// order of index: how the stages spread lessons over the cores (running them, rendering
/// their pages). `body` must not share mutable state between calls.
public func parallelMap<T: Sendable>(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let results = IndexedResults<T>(count: count)
    let gate = DispatchSemaphore(value: max(1, jobs))
    DispatchQueue.concurrentPerform(iterations: count) { index in
        gate.wait()
        defer { gate.signal() }
        results[index] = body(index)
    }
    return results.values.map { $0! }
}

/// Results that several threads write, each at its own index.
private final class IndexedResults<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let queue = DispatchQueue(label: "parallelMap.results")

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { queue.sync { storage[index] } }
        set { queue.sync { storage[index] = newValue } }
    }

    var values: [Value?] { queue.sync { storage } }
}
