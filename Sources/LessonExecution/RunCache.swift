import CourseModel
import Foundation
import Plumbing

/// Lesson runs (every cell's outcome and output) stored under a key that covers everything a
/// run depends on, so an unchanged lesson is never recompiled or rerun, and a stale entry is
/// never served: the lesson's program with its exercises and its type-check programs (so every
/// cell's code, attributes and lines: the program without exercises and each attempt's own
/// program are made of the same cells), the library build's key (its sources, the toolchain,
/// the CPU, the flags), the compile flags, the timeout and output limit, and the data files the
/// lesson reads. A change to how programs are generated bumps `formatVersion`.
struct RunCache {
    let folder: String
    /// Entries kept at most; the least recently used go first.
    static let maxEntries = 400
    static let formatVersion = "runs-5"

    func key(for lesson: Lesson, runner: LessonRunner) -> String {
        var hash = SHA256()
        func add(_ text: String) { hash.update(text); hash.update([0]) }
        add(Self.formatVersion)
        add(runner.library.key)
        add(runner.toolchain.version)
        add(String(lesson.frontMatter.optimize))
        add(String(runner.timeout ?? lesson.frontMatter.timeout ?? FrontMatter.defaultTimeout))
        add(String(runner.outputLimit))
        add(ProgramGenerator.program(for: lesson, exercises: true))
        for cell in lesson.cells where cell.has(.noRun) || cell.has(.compileFail) {
            add(ProgramGenerator.typecheckProgram(for: cell, in: lesson))
        }
        for file in dataFiles(for: lesson, layout: runner.layout) { add(file) }
        return String(hash.hexDigest().prefix(32))
    }

    /// Each data file as `path size mtime`: cheap to read every time, and any write changes it.
    func dataFiles(for lesson: Lesson, layout: CourseLayout) -> [String] {
        let root = layout.root
        let paths: [String]
        if let declared = lesson.frontMatter.data {
            paths = declared
        } else {
            let folder = layout.dataFolder
            paths = (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? [])
                .sorted().map { layout.rootRelative(folder + "/" + $0) }
        }
        return paths.map { path in
            FileStamp(path: root + "/" + path).map { "\(path) \($0)" } ?? "\(path) missing"
        }
    }

    func load(_ key: String) -> LessonRun? {
        let path = folder + "/" + key + ".json"
        guard let data = FileManager.default.contents(atPath: path),
              var run = try? JSONDecoder().decode(LessonRun.self, from: data) else { return nil }
        CacheFolder.touch(path)
        run.fromCache = true
        return run
    }

    /// Stores a run unless it depended on timing (a timeout) or hit a problem outside the lesson.
    func store(_ run: LessonRun, key: String) {
        let timedOut = run.results.contains { if case .timedOut = $0.outcome { true } else { false } }
        guard !timedOut, run.problems.isEmpty, let data = try? JSONEncoder().encode(run) else { return }
        guard (try? AtomicFile.write(data, to: folder + "/" + key + ".json")) != nil else { return }
        prune()
    }

    /// Keeps the cache bounded: the least recently used entries beyond `maxEntries` go.
    func prune() { CacheFolder.keepNewest(Self.maxEntries, in: folder) }
}
