import CourseModel
import Testing
@testable import LessonExecution

@Suite struct CellOutputCollectorTests {
    func collect(_ chunks: [String], limit: Int = 100) -> CellOutputCollector {
        var collector = CellOutputCollector(limit: limit)
        for chunk in chunks { Array(chunk.utf8).withUnsafeBytes { collector.consume($0) } }
        collector.finish()
        return collector
    }

    @Test func splitsAtMarkersEvenWhenAMarkerIsCutInTwo() {
        let c = collect(["\u{1E}course:cell:0\u{1E}\nhello\n\u{1E}cour", "se:cell:3\u{1E}\nworld", "\n\u{1E}course:end\u{1E}\n"])
        #expect(c.started == [0, 3])
        #expect(c.text(of: 0) == "hello\n")
        #expect(c.text(of: 3) == "world\n")
        #expect(c.reachedEnd)
    }

    @Test func textWithoutANewlineBeforeAMarkerStaysWithItsCell() {
        let c = collect(["\u{1E}course:cell:0\u{1E}\nno newline\u{1E}course:cell:1\u{1E}\n"])
        #expect(c.text(of: 0) == "no newline")
        #expect(c.text(of: 1) == "")
    }

    @Test func aStrayRecordSeparatorIsOrdinaryOutput() {
        let c = collect(["\u{1E}course:cell:0\u{1E}\na\u{1E}b\n\u{1E}not a marker\u{1E}\n"])
        #expect(c.text(of: 0) == "a\u{1E}b\n\u{1E}not a marker\u{1E}\n")
    }

    @Test func trapEndsAreRecorded() {
        let c = collect(["\u{1E}course:cell:2\u{1E}\nboom\n\u{1E}course:trap:2:4:1234\u{1E}\n"])
        #expect(c.trapEnds[2] == .init(status: 4, pid: 1234))
        #expect(c.text(of: 2) == "boom\n")
    }

    @Test func keepsAtMostTheLimitAndCountsTheRest() {
        let c = collect(["\u{1E}course:cell:0\u{1E}\n" + String(repeating: "x", count: 250), "\u{1E}course:cell:1\u{1E}\nok"], limit: 100)
        #expect(c.text(of: 0).count == 100)
        #expect(c.dropped[0] == 150)
        #expect(c.text(of: 1) == "ok")
    }
}

@Suite struct RichOutputCollectionTests {
    @Test func richPayloadsAreKeptApartFromTextWithTheirLine() {
        var collector = CellOutputCollector(limit: 100)
        let stream = "\u{1E}course:cell:0\u{1E}\nbefore\n\u{1E}course:payload:chart\u{1E}\n{\"title\":\"loss\"}\n\u{1E}course:payload-end\u{1E}\nafter\n"
        for chunk in [stream.prefix(30), stream.dropFirst(30)] {
            Array(chunk.utf8).withUnsafeBytes { collector.consume($0) }
        }
        collector.finish()
        #expect(collector.text(of: 0) == "before\nafter\n")
        #expect(collector.richOutputs(of: 0) == [.init(kind: "chart", payload: "{\"title\":\"loss\"}", line: 1)])
    }
}

import CourseSupport

@Suite struct RuntimeEventTests {
    static let everyKind: [CourseRuntimeEvent] = [
        .cellStarted(3), .trapCellEnded(cell: 2, waitStatus: 134, pid: 4711),
        .attemptStarted(exercise: 1, kind: .solution), .attemptEnded(exercise: 1, kind: .starter, waitStatus: 256, pid: 9),
        .payloadStarted(kind: "chart"), .payloadEnded, .checksFinished(failures: 2), .programEnded,
    ]

    /// What the support module writes is what the runner's reader decodes, for every event.
    @Test func everyEventDecodesToItself() {
        for event in Self.everyKind {
            let line = event.line
            #expect(line.hasPrefix("\u{1E}course:") && line.hasSuffix("\u{1E}\n"))
            let text = String(line.dropFirst().dropLast(2))
            #expect(CourseRuntimeEvent(decoding: text) == event, "\(line.debugDescription)")
        }
        for bad in ["course:cell:x", "course:attempt:1:teacher", "course:payload:", "course:end:1", "cell:1", "course:trap:1:2"] {
            #expect(CourseRuntimeEvent(decoding: bad) == nil, "\(bad)")
        }
    }

    /// A failed expectation reaches the reader as a payload: it is listed, and stands in the
    /// attempt's output where it happened, as the learner reads it.
    @Test func failedExpectationsAreListedAndShownInPlace() {
        var collector = CellOutputCollector(limit: 1000)
        let failed = { (message: String) in
            CourseRuntimeEvent.payloadStarted(kind: CourseRuntimeEvent.failedExpectationKind).line + message + "\n"
                + CourseRuntimeEvent.payloadEnded.line
        }
        let stream = CourseRuntimeEvent.cellStarted(0).line + "before\n"
            + CourseRuntimeEvent.attemptStarted(exercise: 1, kind: .starter).line + "mine\n" + failed("x should be 1\nnot 2")
            + failed("second") + CourseRuntimeEvent.checksFinished(failures: 2).line
            + CourseRuntimeEvent.attemptEnded(exercise: 1, kind: .starter, waitStatus: 256, pid: 7).line + "after\n"
        for piece in stream.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            (Array(piece) + [0x0A]).withUnsafeBytes { collector.consume($0) }
        }
        collector.finish()
        let attempt = CellOutputCollector.Attempt(exercise: 1, kind: .starter)
        #expect(collector.text(of: 0) == "before\nafter\n\n")
        #expect(collector.text(of: attempt) == "mine\n✗ x should be 1\nnot 2\n✗ second\n")
        #expect(collector.failedExpectations[.attempt(attempt)] == ["x should be 1\nnot 2", "second"])
        #expect(collector.checksFinished == [.attempt(attempt)])
        #expect(collector.attemptEnds[attempt] == .init(status: 256, pid: 7))
    }
}
