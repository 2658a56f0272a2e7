import CourseModel
import Foundation
import Testing
@testable import CoursePipeline
import TestSupport

@Suite(.offThePool) struct CacheTests {
    /// A course in a temporary folder with its own copy of the fixture library.
    func makeCourse(lesson: String, data: String) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("course-cache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/Lessons/data", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/Sources", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/library/Sources/Neural", toPath: root + "/Sources/Neural")
        try lesson.write(toFile: root + "/Lessons/01-data.md", atomically: true, encoding: .utf8)
        try data.write(toFile: root + "/Lessons/data/numbers.txt", atomically: true, encoding: .utf8)
        return root
    }

    let lesson = """
        # Reading data

        ```swift
        import Foundation
        import Neural
        let text = try String(contentsOfFile: "Lessons/data/numbers.txt", encoding: .utf8)
        print(text.split(separator: "\\n").compactMap { Double($0) }.map(double))
        ```

        ```output
        [2.0, 4.0]
        ```

        """

    @Test func unchangedLessonsComeFromTheCacheAndChangesNeverServeStaleResults() throws {
        let root = try makeCourse(lesson: lesson, data: "1\n2\n")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = root + "/.build/course"
        func run(noCache: Bool = false) -> JudgedLesson {
            var options = CourseCheck.Options()
            options.root = root
            options.workingDirectory = root
            options.cacheFolder = cache
            options.useCache = !noCache
            return CourseCheck(options: options, log: { _ in }).run().lessons[0]
        }

        let first = run()
        #expect(first.run?.fromCache == false)
        #expect(first.failed == 0)
        #expect(run().run?.fromCache == true)
        #expect(run(noCache: true).run?.fromCache == false)

        // A changed data file: the lesson runs again and sees the new data.
        try "1\n2\n3\n".write(toFile: root + "/Lessons/data/numbers.txt", atomically: true, encoding: .utf8)
        let afterData = run()
        #expect(afterData.run?.fromCache == false)
        #expect(afterData.run?.results[0].output == "[2.0, 4.0, 6.0]\n")
        #expect(run().run?.fromCache == true)

        // A changed library source: the library is rebuilt and the lesson runs against it.
        let source = root + "/Sources/Neural/Tiny.swift"
        let library = try String(contentsOfFile: source, encoding: .utf8)
        try library.replacingOccurrences(of: "{ 2 * x }", with: "{ 3 * x }").write(toFile: source, atomically: true, encoding: .utf8)
        let afterLibrary = run()
        #expect(afterLibrary.run?.fromCache == false)
        #expect(afterLibrary.run?.results[0].output == "[3.0, 6.0, 9.0]\n")

        // An edited cell: only a change to the lesson's code or attributes reruns it.
        try (lesson.replacingOccurrences(of: "[2.0, 4.0]", with: "[3.0, 6.0, 9.0]") + "Prose added after the cells.\n")
            .write(toFile: root + "/Lessons/01-data.md", atomically: true, encoding: .utf8)
        let afterProse = run()
        #expect(afterProse.run?.fromCache == true)
        #expect(afterProse.failed == 0)
    }

    @Test func junitNamesEachCellByLessonAndLine() {
        var options = CourseCheck.Options()
        options.root = fixtures + "/failing"
        options.workingDirectory = fixtures + "/failing"
        options.cacheFolder = sharedCache
        options.lessons = ["1", "6"]
        let report = CourseCheck(options: options, log: { _ in }).run()
        let xml = ReportFormat.junit.render(report).replacingOccurrences(
            of: #" time="[0-9.]+""#, with: "", options: .regularExpression)
        #expect(xml == """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="course check" tests="5" failures="3" skipped="0">
              <testsuite name="Lessons/01-wrong-output.md" tests="2" failures="1" skipped="0">
                <testcase name="Lessons/01-wrong-output.md:3" classname="Lessons/01-wrong-output.md">
                  <failure message="output does not match (cell at line 3)" type="check">Lessons/01-wrong-output.md:9: error: output does not match (cell at line 3)
                --- expected
                +++ actual
                @@ -1,2 +1,2 @@
                -41.5
                -different line
                +41.0
                +same line</failure>
                </testcase>
                <testcase name="Lessons/01-wrong-output.md:14" classname="Lessons/01-wrong-output.md"/>
              </testsuite>
              <testsuite name="Lessons/06-broken-promises.md" tests="3" failures="2" skipped="0">
                <testcase name="Lessons/06-broken-promises.md:3" classname="Lessons/06-broken-promises.md">
                  <failure message="expected this `compile-fail` cell not to compile, but it compiled" type="check">Lessons/06-broken-promises.md:3: error: expected this `compile-fail` cell not to compile, but it compiled</failure>
                </testcase>
                <testcase name="Lessons/06-broken-promises.md:7" classname="Lessons/06-broken-promises.md">
                  <failure message="expected this `trap` cell to trap, but it ran to its end" type="check">Lessons/06-broken-promises.md:7: error: expected this `trap` cell to trap, but it ran to its end</failure>
                </testcase>
                <testcase name="Lessons/06-broken-promises.md:11" classname="Lessons/06-broken-promises.md"/>
              </testsuite>
            </testsuites>

            """)
    }

    @Test func shardsDealLessonsOutDeterministically() {
        let shard = CourseCheck.Shard("2/3")!
        #expect(shard.select(Array(1...8)) == [2, 5, 8])
        #expect(CourseCheck.Shard("1/1")!.select(Array(1...3)) == [1, 2, 3])
        #expect(CourseCheck.Shard("0/3") == nil)
        #expect(CourseCheck.Shard("4/3") == nil)
        #expect(CourseCheck.Shard("x") == nil)
        let all = (1...3).flatMap { CourseCheck.Shard("\($0)/3")!.select(Array(1...10)) }.sorted()
        #expect(all == Array(1...10))
    }
}
