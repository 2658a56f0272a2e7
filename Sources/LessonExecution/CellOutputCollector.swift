import CourseModel

/// Splits a lesson program's output stream into per-cell output at the runtime's markers,
/// keeping at most `limit` bytes per cell (the rest is counted, not kept, so memory stays
/// bounded however much a cell prints).
struct CellOutputCollector {
    struct TrapEnd: Hashable {
        var status: Int32
        var pid: Int32
    }

    let limit: Int
    private(set) var outputs: [Int: [UInt8]] = [:]
    private(set) var dropped: [Int: Int] = [:]
    /// Cells whose marker was seen, in order.
    private(set) var started: [Int] = []
    private(set) var trapEnds: [Int: TrapEnd] = [:]
    private(set) var reachedEnd = false
    private(set) var richOutputs: [Int: [RichOutput]] = [:]

    /// One exercise attempt run by the lesson's program (`attempt:` … `attempt-end:` markers).
    struct Attempt: Hashable {
        var exercise: Int
        var kind: String
    }
    /// Attempts whose marker was seen, in order, with their output (at most `limit` bytes) and,
    /// once ended, how they ended.
    private(set) var attemptsStarted: [Attempt] = []
    private(set) var attemptOutputs: [Attempt: [UInt8]] = [:]
    private(set) var attemptEnds: [Attempt: TrapEnd] = [:]
    /// The attempt whose copy is running: its output is not the current cell's.
    private var attempt: Attempt? = nil
    /// The kind and bytes of a rich payload being read, if any.
    private var rich: (kind: String, bytes: [UInt8], dropped: Int)? = nil
    static let richLimit = 8 << 20
    /// Output before the first cell marker (should be none).
    private var current: Int = -1
    private var carry: [UInt8] = []

    init(limit: Int) { self.limit = limit }

    var currentCell: Int? { current >= 0 ? current : nil }

    mutating func consume(_ chunk: UnsafeRawBufferPointer) {
        var bytes = carry
        bytes.append(contentsOf: chunk)
        carry.removeAll()
        var start = 0
        var i = 0
        while i < bytes.count {
            guard bytes[i] == RuntimeSupport.markerByte else { i += 1; continue }
            // A marker is \u{1E}course:<event>\u{1E}\n and short.
            var close = i + 1
            while close < bytes.count, close - i < 80, bytes[close] != RuntimeSupport.markerByte { close += 1 }
            if close >= bytes.count || close + 1 >= bytes.count {
                if bytes.count - i < 82 {  // may be a marker cut in two: keep it for the next chunk
                    append(bytes[start..<i])
                    carry = Array(bytes[i...])
                    return
                }
                i += 1
                continue
            }
            let event = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
            guard bytes[close] == RuntimeSupport.markerByte, bytes[close + 1] == 0x0A,
                  event.hasPrefix("course:"), handle(String(event.dropFirst("course:".count)), before: bytes[start..<i])
            else { i += 1; continue }
            i = close + 2
            start = i
        }
        append(bytes[start..<bytes.count])
    }

    /// Call when the stream has ended: a partial marker left over is ordinary output.
    mutating func finish() {
        append(carry[...])
        carry.removeAll()
        if rich != nil { finishRich() }  // a program that died mid-payload
    }

    private mutating func handle(_ event: String, before: ArraySlice<UInt8>) -> Bool {
        let parts = event.split(separator: ":").map(String.init)
        switch parts.first {
        case "cell" where parts.count == 2:
            guard let index = Int(parts[1]) else { return false }
            append(before)
            current = index
            started.append(index)
            outputs[index] = outputs[index] ?? []
        case "trap" where parts.count == 4:
            guard let index = Int(parts[1]), let status = Int32(parts[2]), let pid = Int32(parts[3]) else { return false }
            append(before)
            trapEnds[index] = TrapEnd(status: status, pid: pid)
        case "attempt" where parts.count == 3 && attempt == nil:
            guard let number = Int(parts[1]) else { return false }
            append(before)
            let started = Attempt(exercise: number, kind: parts[2])
            attempt = started
            attemptsStarted.append(started)
        case "attempt-end" where parts.count == 5 && attempt != nil:
            guard let number = Int(parts[1]), let status = Int32(parts[3]), let pid = Int32(parts[4]),
                  attempt == Attempt(exercise: number, kind: parts[2]) else { return false }
            append(before)
            attemptEnds[attempt!] = TrapEnd(status: status, pid: pid)
            attempt = nil
        case "end" where parts.count == 1:
            append(before)
            reachedEnd = true
        case "rich" where parts.count == 2 && rich == nil && attempt == nil:
            append(before)
            rich = (parts[1], [], 0)
        case "rich-end" where parts.count == 1 && rich != nil:
            append(before)
            finishRich()
        default:
            return false
        }
        return true
    }

    private mutating func finishRich() {
        guard let (kind, bytes, dropped) = rich else { return }
        rich = nil
        guard dropped == 0 else {
            append(Array("[a \(kind) too large to show: over \(Self.richLimit) bytes]\n".utf8)[...])
            return
        }
        var payload = String(decoding: bytes, as: UTF8.self)
        while payload.last?.isNewline == true { payload.removeLast() }
        let lines = (outputs[current] ?? []).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        richOutputs[current, default: []].append(RichOutput(kind: kind, payload: payload, line: lines))
    }

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        if rich != nil {
            let room = max(0, Self.richLimit - rich!.bytes.count)
            rich!.bytes.append(contentsOf: bytes.prefix(room))
            rich!.dropped += max(0, bytes.count - room)
            return
        }
        if let attempt {
            var uncounted = 0  // an attempt's verdict does not say how much it printed
            Self.keep(bytes, in: &attemptOutputs[attempt, default: []], dropped: &uncounted, limit: limit)
        } else {
            Self.keep(bytes, in: &outputs[current, default: []], dropped: &dropped[current, default: 0], limit: limit)
        }
    }

    /// Appends what fits under `limit` to `kept`, and counts the rest in `dropped`.
    private static func keep(_ bytes: ArraySlice<UInt8>, in kept: inout [UInt8], dropped: inout Int, limit: Int) {
        let room = max(0, limit - kept.count)
        kept.append(contentsOf: bytes.prefix(room))
        dropped += max(0, bytes.count - room)
    }

    func text(of cell: Int) -> String { String(decoding: outputs[cell] ?? [], as: UTF8.self) }

    func text(of attempt: Attempt) -> String { String(decoding: attemptOutputs[attempt] ?? [], as: UTF8.self) }
}
