import Foundation
import Testing
import TestSupport

/// Runs the built `course` executable, as CI and authors do.
@Suite(.offThePool) struct CommandLineTests {
    static var executable: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("course").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/course").path
    }

    func run(_ arguments: [String], in directory: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func exitStatusAndClosingLine() throws {
        let passing = try run(["check"], in: fixtures + "/passing")
        #expect(passing.status == 0)
        #expect(passing.output.hasSuffix("\n11 passed, 0 failed\n"))

        let failing = try run(["check", "1", "6"], in: fixtures + "/failing/Lessons")
        #expect(failing.status == 1)
        #expect(failing.output.hasSuffix("\n2 passed, 3 failed\n"))
        #expect(!failing.output.contains("\u{1B}["))  // not a terminal: no color
    }

    @Test func noCourseHereIsAClearError() throws {
        let result = try run(["check"], in: "/")
        #expect(result.status == 1)
        #expect(result.output.contains("error: no course here: neither / nor a parent folder holds course.yml or Lessons/ (use --root DIR)"))
    }
}
