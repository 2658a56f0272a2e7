import CourseModel
import CourseSupport

/// The one reader of the stream a lesson program writes (`CourseRuntimeEvent`, in the support
/// module): splits it into each cell's and each exercise attempt's text output, charts and
/// failed expectations, keeping at most `limit` bytes per cell (the rest is counted, not kept,
/// so memory stays bounded however much a cell prints).
struct CellOutputCollector {
    typealias AttemptKind = CourseRuntimeEvent.AttemptKind

    /// How a forked copy (a `trap` cell's, an attempt's) ended.
    struct ForkEnd: Hashable {
        var status: Int32
        var pid: Int32
    }

    /// One exercise attempt run by the lesson's program in a forked copy.
    struct Attempt: Hashable {
        var exercise: Int
        var kind: AttemptKind
    }

    /// What output belongs to: a cell, or an attempt's copy.
    enum Owner: Hashable {
        case cell(Int)
        case attempt(Attempt)
    }

    let limit: Int
    private(set) var outputs: [Owner: [UInt8]] = [:]
    private(set) var dropped: [Int: Int] = [:]
    /// Cells whose start was seen, in order.
    private(set) var started: [Int] = []
    private(set) var trapEnds: [Int: ForkEnd] = [:]
    private(set) var reachedEnd = false
    private(set) var rich: [Owner: [RichOutput]] = [:]
    /// Attempts whose start was seen, in order, and how the ended ones ended.
    private(set) var attemptsStarted: [Attempt] = []
    private(set) var attemptEnds: [Attempt: ForkEnd] = [:]
    /// Each owner's failed expectations (`expect`), in order.
    private(set) var failedExpectations: [Owner: [String]] = [:]
    /// Owners whose checks ran to their end (`_CourseExercise.finish()`).
    private(set) var checksFinished: Set<Owner> = []
    /// What each `prints` cell's statements printed: by cell, by expectation index.
    private(set) var statementOutputs: [Int: [Int: String]] = [:]
    /// The statement being printed: its cell, expectation index, and where its output starts.
    private var statement: (cell: Int, index: Int, start: Int)? = nil

    /// The attempt whose copy is running: its output is not the current cell's.
    private var attempt: Attempt? = nil
    /// The kind and bytes of a payload being read, if any.
    private var payload: (kind: String, bytes: [UInt8], dropped: Int)? = nil
    static let payloadLimit = 8 << 20
    /// Output before the first cell's start (should be none) goes to cell -1.
    private var current: Int = -1
    private var carry: [UInt8] = []
    /// An event line is short; a marker byte followed by more than this is ordinary output.
    static let longestEvent = 120

    init(limit: Int) { self.limit = limit }

    var currentCell: Int? { current >= 0 ? current : nil }
    private var owner: Owner { attempt.map(Owner.attempt) ?? .cell(current) }

    mutating func consume(_ chunk: UnsafeRawBufferPointer) {
        var bytes = carry
        bytes.append(contentsOf: chunk)
        carry.removeAll()
        var start = 0
        var i = 0
        let marker = CourseRuntimeEvent.marker
        while i < bytes.count {
            guard bytes[i] == marker else { i += 1; continue }
            var close = i + 1
            while close < bytes.count, close - i < Self.longestEvent, bytes[close] != marker { close += 1 }
            if close + 1 >= bytes.count {
                if bytes.count - i < Self.longestEvent + 2 {  // may be an event cut in two: keep it for the next chunk
                    append(bytes[start..<i])
                    carry = Array(bytes[i...])
                    return
                }
                i += 1
                continue
            }
            guard bytes[close] == marker, bytes[close + 1] == 0x0A,
                  let event = CourseRuntimeEvent(decoding: String(decoding: bytes[(i + 1)..<close], as: UTF8.self)),
                  handle(event, before: bytes[start..<i])
            else { i += 1; continue }
            i = close + 2
            start = i
        }
        append(bytes[start..<bytes.count])
    }

    /// Call when the stream has ended: a partial event left over is ordinary output.
    mutating func finish() {
        append(carry[...])
        carry.removeAll()
        if payload != nil { finishPayload() }  // a program that died mid-payload
    }

    /// Takes an event in; false when it makes no sense here (its bytes are then output).
    private mutating func handle(_ event: CourseRuntimeEvent, before: ArraySlice<UInt8>) -> Bool {
        switch event {
        case .payloadEnded:
            guard payload != nil else { return false }
            append(before)
            finishPayload()
            return true
        case _ where payload != nil:
            return false  // inside a payload, only its end counts
        case .cellStarted(let index):
            guard attempt == nil else { return false }
            append(before)
            current = index
            started.append(index)
            outputs[.cell(index), default: []] += []
        case .trapCellEnded(let cell, let status, let pid):
            append(before)
            trapEnds[cell] = ForkEnd(status: status, pid: pid)
        case .attemptStarted(let exercise, let kind):
            guard attempt == nil else { return false }
            append(before)
            attempt = Attempt(exercise: exercise, kind: kind)
            attemptsStarted.append(attempt!)
        case .attemptEnded(let exercise, let kind, let status, let pid):
            guard attempt == Attempt(exercise: exercise, kind: kind) else { return false }
            append(before)
            attemptEnds[attempt!] = ForkEnd(status: status, pid: pid)
            attempt = nil
        case .payloadStarted(let kind):
            append(before)
            payload = (kind, [], 0)
        case .checksFinished:
            append(before)
            checksFinished.insert(owner)
        case .programEnded:
            append(before)
            reachedEnd = true
        case .statementStarted(let index):
            guard attempt == nil, current >= 0 else { return false }
            append(before)
            statement = (current, index, outputs[.cell(current)]?.count ?? 0)
        case .statementEnded:
            guard let open = statement, open.cell == current, attempt == nil else { return false }
            append(before)
            let bytes = outputs[.cell(current)] ?? []
            statementOutputs[current, default: [:]][open.index] = String(decoding: bytes[min(open.start, bytes.count)...], as: UTF8.self)
            statement = nil
        }
        return true
    }

    /// A payload ended: a failed expectation's message goes into the owner's output (as the
    /// learner reads it) and its list; a chart is kept apart, at the line it came after.
    private mutating func finishPayload() {
        guard let (kind, bytes, dropped) = payload else { return }
        payload = nil
        guard dropped == 0 else {
            append(Array("[a \(kind) too large to show: over \(Self.payloadLimit) bytes]\n".utf8)[...])
            return
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        if kind == CourseRuntimeEvent.failedExpectationKind {
            failedExpectations[owner, default: []].append(text)
            append(Array((VerdictText.failedExpectation(text) + "\n").utf8)[...])
            return
        }
        while text.last?.isNewline == true { text.removeLast() }
        let lines = (outputs[owner] ?? []).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        rich[owner, default: []].append(RichOutput(kind: kind, payload: text, line: lines))
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        if payload != nil {
            let room = max(0, Self.payloadLimit - payload!.bytes.count)
            payload!.bytes.append(contentsOf: bytes.prefix(room))
            payload!.dropped += max(0, bytes.count - room)
            return
        }
        let room = max(0, limit - (outputs[owner]?.count ?? 0))
        outputs[owner, default: []].append(contentsOf: bytes.prefix(room))
        if attempt == nil { dropped[current, default: 0] += max(0, bytes.count - room) }  // an attempt's verdict does not say how much it printed
    }

    func text(of cell: Int) -> String { String(decoding: outputs[.cell(cell)] ?? [], as: UTF8.self) }

    func text(of attempt: Attempt) -> String { String(decoding: outputs[.attempt(attempt)] ?? [], as: UTF8.self) }

    func richOutputs(of cell: Int) -> [RichOutput] { rich[.cell(cell)] ?? [] }
}
