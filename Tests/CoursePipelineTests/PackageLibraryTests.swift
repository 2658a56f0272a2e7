import CourseModel
import Foundation
import Testing
@testable import CoursePipeline
import TestSupport

/// Courses whose `course.yml` names `libraries:`: library products of their own Package.swift,
/// built by SwiftPM with their dependencies (`PackageLibrary`).
@Suite(.serialized, .offThePool) struct PackageLibraryTests {
    /// `Tests/Fixtures/algorithms`: a library built on swift-algorithms (and so swift-numerics,
    /// with its C module), guides in the Swift book's style.
    @Test func aCourseOverSwiftAlgorithmsChecksAsWritten() throws {
        let (report, text) = check(fixtures + "/algorithms")
        #expect(text == """
            ✓ Lessons/01-chunks.md  4 cells
            ✓ Lessons/02-handshakes.md  2 cells
            6 passed, 0 failed

            """)
        #expect(report.title == "Swift Algorithms, by example")
        // A trap inside the library is reported at the lesson's line.
        let handshakes = try #require(report.lessons.last?.run)
        #expect(handshakes.results[1].outcome == .trapped(
            message: "Fatal error: a group has at least one person",
            location: SourceLocation(path: "Lessons/02-handshakes.md", line: 21, column: 14)))
    }

    @Test func anUnchangedCourseDoesNotRunSwiftPMAgain() throws {
        _ = check(fixtures + "/algorithms")
        let layout = try CourseLayout.open(from: fixtures + "/algorithms")
        let packages = try FileManager.default.contentsOfDirectory(atPath: sharedCache + "/packages")
            .map { sharedCache + "/packages/" + $0 }
            .filter { (try? String(contentsOfFile: $0 + "/Package.swift", encoding: .utf8))?.contains(layout.root) == true }
        let description = try #require(packages.first) + "/.build/release/description.json"
        func modified() -> Date? { (try? FileManager.default.attributesOfItem(atPath: description))?[.modificationDate] as? Date }
        let built = modified()
        let start = Date()
        let (report, _) = check(fixtures + "/algorithms")
        #expect(report.succeeded)
        #expect(built != nil && modified() == built)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func aChangedDependencyVersionRebuildsTheLibrary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-versions-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A dependency with two versions: 1.0.0 says "one", 1.1.0 says "two".
        let dependency = folder + "/greeting"
        try write(dependency + "/Package.swift", """
            // swift-tools-version: 5.9
            import PackageDescription
            let package = Package(name: "greeting", products: [.library(name: "Greeting", targets: ["Greeting"])],
                                  targets: [.target(name: "Greeting")])
            """)
        var revisions: [String] = []
        for (version, word) in [("1.0.0", "one"), ("1.1.0", "two")] {
            try write(dependency + "/Sources/Greeting/Greeting.swift", "public let greeting = \"\(word)\"\n")
            try git(["add", "-A"], in: dependency, initializing: revisions.isEmpty)
            try git(["commit", "-q", "-m", version], in: dependency)
            try git(["tag", version], in: dependency)
            revisions.append(try git(["rev-parse", "HEAD"], in: dependency).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let course = folder + "/course"
        try write(course + "/Package.swift", """
            // swift-tools-version: 5.9
            import PackageDescription
            let package = Package(
                name: "course", products: [.library(name: "Words", targets: ["Words"])],
                dependencies: [.package(url: "file://\(dependency)", from: "1.0.0")],
                targets: [.target(name: "Words", dependencies: [.product(name: "Greeting", package: "greeting")])])
            """)
        try write(course + "/Sources/Words/Words.swift", "import Greeting\npublic func word() -> String { greeting }\n")
        try write(course + "/course.yml", "libraries: [Words]\n")
        try write(course + "/Lessons/01-word.md", "# Word\n\n```swift prints\nimport Words\nprint(word())  // Prints \"one\"\n```\n")
        func pin(_ index: Int) throws {
            try write(course + "/Package.resolved", """
                {"pins": [{"identity": "greeting", "kind": "remoteSourceControl", "location": "file://\(dependency)",
                "state": {"revision": "\(revisions[index])", "version": "\(["1.0.0", "1.1.0"][index])"}}], "version": 2}
                """)
        }

        try pin(0)
        let (first, _) = check(course)
        #expect(first.succeeded)
        try pin(1)
        let (second, text) = check(course)
        #expect(text.contains("""
            Lessons/01-word.md:5: error: `// Prints` does not match what the statement at line 5 printed
            """))
        #expect(second.summary == "0 passed, 1 failed")
    }

    @Test func aProductThePackageDoesNotHaveIsReportedAtCourseYml() throws {
        let course = FileManager.default.temporaryDirectory.appendingPathComponent("course-noproduct-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: course) }
        try write(course + "/Package.swift", """
            // swift-tools-version: 5.9
            import PackageDescription
            let package = Package(name: "course", products: [.library(name: "Real", targets: ["Real"])], targets: [.target(name: "Real")])
            """)
        try write(course + "/Sources/Real/Real.swift", "public let x = 1\n")
        try write(course + "/course.yml", "title: Missing\nlibraries: [Imaginary]\n")
        try write(course + "/Lessons/01-a.md", "# A\n")
        let (report, text) = check(course)
        #expect(!report.succeeded)
        #expect(text.contains("course.yml:2: error: the course's libraries (Imaginary) do not build with SwiftPM"))
        #expect(text.contains("Imaginary"))
    }

    /// `libraries: []`: lessons that use the standard library and Foundation only need no
    /// `Sources/` and no `Package.swift`; without it such a course is told what to write.
    @Test func aCourseWithoutALibrarySaysLibrariesNone() throws {
        let course = FileManager.default.temporaryDirectory.appendingPathComponent("course-nolibrary-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: course) }
        try write(course + "/Lessons/01-a.md", """
            # Sorting

            ```swift
            import Foundation
            print([3, 1, 2].sorted(), String(format: "%.2f", 2.0 / 3))
            ```

            ```output
            [1, 2, 3] 0.67
            ```
            """)
        let (refused, refusal) = check(course)
        #expect(!refused.succeeded)
        #expect(refusal.hasSuffix("""
            does not exist (the course's lessons are compiled against it)
            A course whose lessons import no library of their own says so in course.yml: libraries: []
            - Lessons/01-a.md  not run (1 cell)
            0 passed, 1 failed

            """), "a lesson whose cells never ran has no pass mark: \(refusal)")
        #expect(refused.problems.first?.detail == "A course whose lessons import no library of their own says so in course.yml: libraries: []")

        try write(course + "/course.yml", "libraries: []\n")
        let (report, text) = check(course)
        #expect(text == "✓ Lessons/01-a.md  1 cell\n1 passed, 0 failed\n")
        #expect(report.succeeded)
    }

    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @discardableResult
    func git(_ arguments: [String], in directory: String, initializing: Bool = false) throws -> String {
        if initializing { try git(["init", "-q"], in: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Course Tests", "-c", "user.email=tests@example.com"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return String(decoding: data, as: UTF8.self)
    }
}
