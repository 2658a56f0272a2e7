import ArgumentParser
import CourseModel
import CoursePipeline
import Foundation
import Plumbing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct ExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "Solve a lesson's exercises: files in workspace/, checked every time you save one.",
        discussion: """
            Copies lesson N's exercises into workspace/NN-slug/ (one Swift file each; an existing \
            file is never overwritten), then watches them: on each save the file is compiled after \
            the lesson's earlier cells, the exercise's checks run, and the result is shown, with \
            compiler errors at the file's lines. Keys: h hint, s solution (after solving it, or \
            press s twice), n/p next/previous exercise, q quit. Progress is kept in \
            workspace/progress.json. When standard input is not a terminal (or with --once), \
            every exercise file is checked once; the exit status is 0 when all pass.
            """
    )

    @Argument(help: "The lesson, by number, slug or path.")
    var lesson: String

    @Flag(help: "Start the lesson's exercises over: move its files to workspace/.trash/ and copy fresh starting code.")
    var reset = false

    @Flag(help: "Check every exercise file once and exit (0 when all pass), without watching.")
    var once = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        let session: ExerciseSession
        do {
            session = try ExerciseSession(lesson: lesson, root: common.root, color: common.color.enabled(forDescriptor: 1))
        } catch {
            for problem in error.all { printLine(problem.description) }
            throw ExitCode.failure
        }
        let exercises = session.lesson.exercises
        guard !exercises.isEmpty else {
            printLine("\(session.file.displayPath) has no exercises.")
            return
        }
        do {
            let prepared = try session.prepare(reset: reset)
            if let trash = prepared.trash {
                printLine("Moved your earlier files to \(session.layout.display(trash))/ and started over.")
            }
            for path in prepared.created { printLine("Created \(session.layout.display(path))") }
        } catch {
            printLine("error: cannot prepare \(session.layout.display(session.workspaceFolder)): \(error.localizedDescription)")
            throw ExitCode.failure
        }

        if once || isatty(0) == 0 {
            var allPassed = true
            for exercise in exercises {
                let check = session.check(exercise)
                check.lines.forEach(printLine)
                allPassed = allPassed && check.passed
            }
            if !allPassed { throw ExitCode.failure }
            return
        }
        var watch = ExerciseWatch(session: session)
        watch.run()
    }
}

/// The interactive loop: polls the exercise files' modification times and the keyboard.
struct ExerciseWatch {
    let session: ExerciseSession
    var current = 0
    var confirmingSolution = false

    init(session: ExerciseSession) { self.session = session }

    var exercises: [Exercise] { session.lesson.exercises }

    mutating func run() {
        // Taken before anything is shown, so a save made as soon as the banner appears is seen.
        var stamps = exercises.map { FileStamp(path: session.path(for: $0)) }
        TerminalMode.enterRaw()
        defer { TerminalMode.leave() }
        printLine("\(session.lesson.title): \(exercises.count) exercise\(exercises.count == 1 ? "" : "s") in \(session.layout.display(session.workspaceFolder))/")
        showStatus()
        printLine("Edit a file and save it to check it. Keys: h hint, s solution, n/p next/previous, q quit.")
        while true {
            if let keys = TerminalMode.readKey(timeout: 300), !keys.allSatisfy({ handle($0) }) { break }
            for (index, exercise) in exercises.enumerated() {
                let stamp = FileStamp(path: session.path(for: exercise))
                guard stamp != stamps[index] else { continue }
                stamps[index] = stamp
                current = index
                printLine("")
                printLine("Checking \(session.displayPath(for: exercise))…")
                let check = session.check(exercise)
                check.lines.forEach(printLine)
                if check.passed {
                    printLine(index + 1 < exercises.count ? "Solved, progress saved. Press n for the next exercise."
                                                          : "Solved, progress saved.")
                }
                // A save that happened while it compiled is checked next time round.
            }
        }
    }

    /// Returns false to quit.
    mutating func handle(_ key: UInt8) -> Bool {
        let exercise = exercises[current]
        let wasConfirming = confirmingSolution
        confirmingSolution = false
        switch key {
        case UInt8(ascii: "q"), 4:  // q, Ctrl-D
            printLine("Bye. Your progress is in \(session.layout.display(session.progressPath)).")
            return false
        case UInt8(ascii: "h"):
            if let hint = exercise.hintText {
                printLine("Hint for \(exercise.number). \(exercise.title):")
                for line in hint.split(separator: "\n", omittingEmptySubsequences: false) { printLine("  " + line) }
            } else {
                printLine("Exercise \(exercise.number) has no hint.")
            }
        case UInt8(ascii: "s"):
            if session.isSolved(exercise) || wasConfirming {
                printLine("Solution of \(exercise.number). \(exercise.title):")
                for line in session.solution(of: exercise).split(separator: "\n", omittingEmptySubsequences: true) {
                    printLine("  " + line)
                }
            } else {
                confirmingSolution = true
                printLine("You have not solved exercise \(exercise.number) yet. Press s again to see its solution anyway.")
            }
        case UInt8(ascii: "n"), UInt8(ascii: "p"):
            current = key == UInt8(ascii: "n") ? min(current + 1, exercises.count - 1) : max(current - 1, 0)
            showStatus()
        default:
            break
        }
        return true
    }

    func showStatus() {
        for (index, exercise) in exercises.enumerated() {
            let marker = index == current ? "▸" : " "
            let status = session.isSolved(exercise) ? VerdictText.solved : "· to do"
            printLine(" \(marker) \(exercise.number). \(exercise.title)  \(session.displayPath(for: exercise))  \(status)")
        }
    }
}
