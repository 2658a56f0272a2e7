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
        let stream = "\u{1E}course:cell:0\u{1E}\nbefore\n\u{1E}course:rich:chart\u{1E}\n{\"title\":\"loss\"}\n\u{1E}course:rich-end\u{1E}\nafter\n"
        for chunk in [stream.prefix(30), stream.dropFirst(30)] {
            Array(chunk.utf8).withUnsafeBytes { collector.consume($0) }
        }
        collector.finish()
        #expect(collector.text(of: 0) == "before\nafter\n")
        #expect(collector.richOutputs[0] == [.init(kind: "chart", payload: "{\"title\":\"loss\"}", line: 1)])
    }
}
