import CourseModel
import Foundation

/// How much `course check` says while it works.
public enum Verbosity: String, Sendable, CaseIterable {
    /// Only failures and the closing line.
    case quiet
    /// Steps, one line per lesson, failures, the closing line.
    case normal
    /// Also each lesson's time and whether it came from the cache.
    case verbose
}

/// Progress while lessons run. On a terminal, a live line per lesson (compiling, running cell
/// k/n, passed, failed) and the overall count, redrawn in place and erased before the report;
/// elsewhere (CI, pipes) nothing but the step lines, so logs stay readable.
final class ProgressDisplay: @unchecked Sendable {
    enum State: Equatable {
        case waiting, compiling, running(Int, Int), exercise(Int, Int), done(passed: Bool, cached: Bool)
    }

    /// Writes raw text to the terminal (no newline added); nil when not on a terminal.
    private let write: (@Sendable (String) -> Void)?
    private let style: ConsoleStyle
    private let lock = NSLock()
    private var names: [String] = []
    private var states: [State] = []
    private var drawnLines = 0
    private var lastDraw = 0.0

    init(write: (@Sendable (String) -> Void)?, style: ConsoleStyle) {
        self.write = write
        self.style = style
    }

    func start(_ lessons: [String]) {
        lock.withLock {
            names = lessons
            states = Array(repeating: .waiting, count: lessons.count)
            draw(force: true)
        }
    }

    func update(_ lesson: Int, _ state: State) {
        lock.withLock {
            guard states.indices.contains(lesson) else { return }
            states[lesson] = state
            draw(force: !(state.isRunning))
        }
    }

    /// Erases the live lines, so the report that follows stands alone.
    func finish() {
        lock.withLock {
            guard let write, drawnLines > 0 else { return }
            write("\u{1B}[\(drawnLines)A\u{1B}[J")
            drawnLines = 0
        }
    }

    private func draw(force: Bool) {
        guard let write else { return }
        let now = Date().timeIntervalSince1970
        guard force || now - lastDraw > 0.05 else { return }
        lastDraw = now
        var text = drawnLines > 0 ? "\u{1B}[\(drawnLines)A" : ""
        let width = names.map(\.count).max() ?? 0
        for (name, state) in zip(names, states) {
            text += "\u{1B}[2K  " + symbol(state) + " " + name.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  " + describe(state) + "\n"
        }
        let finished = states.filter { if case .done = $0 { true } else { false } }.count
        text += "\u{1B}[2K  \(finished)/\(states.count) lessons done\n"
        drawnLines = names.count + 1
        write(text)
    }

    private func symbol(_ state: State) -> String {
        switch state {
        case .waiting: return " "
        case .compiling, .running, .exercise: return style.bold("…")
        case .done(let passed, _): return passed ? style.passed(VerdictText.passMark) : style.failed(VerdictText.failureMark)
        }
    }

    private func describe(_ state: State) -> String {
        switch state {
        case .waiting: return "waiting"
        case .compiling: return "compiling"
        case .running(let cell, let total): return "running cell \(cell)/\(total)"
        case .exercise(let number, let total): return "checking exercise \(number)/\(total)"
        case .done(let passed, let cached): return VerdictText.word(passed ? .passed : .failed([])) + (cached ? " (cached)" : "")
        }
    }

}

extension ProgressDisplay.State {
    var isRunning: Bool { if case .running = self { true } else { false } }
}
