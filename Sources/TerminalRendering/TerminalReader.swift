import CourseModel
import Foundation
import Plumbing

/// The interactive reader behind `course read N`: one page (a section, usually ending with a
/// cell and its output) at a time, with keys to move, run the lesson again, edit a scratch copy
/// of the current cell in `$EDITOR` (the notebook's edits, shared with `course serve`), and
/// open the lesson itself. It re-runs the lesson whenever its file or an edit changes.
public final class TerminalReader: @unchecked Sendable {
    /// What the reader needs from the pipeline, which it cannot import.
    public struct Source: Sendable {
        /// The lesson file, for the editor and for noticing changes.
        public var file: CourseLayout.LessonFile
        public var path: String { file.path }
        public var load: @Sendable () -> Result<Lesson, Diagnostics>
        /// Runs a lesson and judges its cells, as `course check` does (slow: compiles and runs it).
        public var run: @Sendable (Lesson) -> JudgedLesson
        /// The learner's scratch copy of a cell (written with the cell's current code), or nil
        /// when the cell cannot be edited.
        public var scratchFile: @Sendable (Cell) -> String?
        /// Takes the scratch copy's code as the cell's edit (none when it is the author's again).
        public var adoptScratch: @Sendable (Cell) -> Void
        /// Drops the learner's edit of a cell.
        public var restore: @Sendable (Cell) -> Void

        public init(file: CourseLayout.LessonFile, load: @escaping @Sendable () -> Result<Lesson, Diagnostics>,
                    run: @escaping @Sendable (Lesson) -> JudgedLesson,
                    scratchFile: @escaping @Sendable (Cell) -> String? = { _ in nil },
                    adoptScratch: @escaping @Sendable (Cell) -> Void = { _ in },
                    restore: @escaping @Sendable (Cell) -> Void = { _ in }) {
            self.file = file
            self.load = load
            self.run = run
            self.scratchFile = scratchFile
            self.adoptScratch = adoptScratch
            self.restore = restore
        }
    }

    let source: Source
    var view: JudgedLesson?
    var loadProblems: [Diagnostic] = []
    var pages: [TerminalPage] = []
    var pageIndex = 0
    var scroll = 0
    var showingHelp = false
    var message = ""
    var size = (columns: 80, rows: 24)
    var fileDate: Date?

    // A run happens on another thread; its result is picked up by the key loop.
    let lock = NSLock()
    var generation = 0
    var running = false
    var finished: (generation: Int, view: JudgedLesson)?

    public init(source: Source) { self.source = source }

    /// Whether the interactive reader can run here: standard input and output are a terminal.
    public static var isAvailable: Bool { TerminalDevice.isInteractive }

    /// The terminal's width, or nil when standard output is not a terminal.
    public static var terminalWidth: Int? { TerminalDevice.size()?.columns }

    /// Shows the lesson until the reader quits.
    public func run() {
        TerminalDevice.enter()
        defer { TerminalDevice.leave() }
        size = TerminalDevice.size() ?? size
        reload()
        draw()
        var lastCheck = Date()
        while true {
            var changed = false
            if let now = TerminalDevice.size(), now != size { size = now; changed = true }
            if let done = takeFinishedRun() {
                view = done
                message = summary(of: done)
                changed = true
            }
            if Date().timeIntervalSince(lastCheck) > 0.5 {
                lastCheck = Date()
                if fileModificationDate() != fileDate {
                    reload()
                    message = "the lesson changed: running it again"
                    changed = true
                }
            }
            if changed { layout(); draw() }
            guard let bytes = TerminalDevice.readKey(timeout: 100) else { continue }
            for key in Self.keys(in: bytes) where !handle(key) { return }
            draw()
        }
    }

    // MARK: Keys

    /// The key presses in what one read returned (keys typed quickly, or repeated, come together):
    /// an escape sequence (`ESC [ ... final`) or one character each.
    static func keys(in bytes: [UInt8]) -> [[UInt8]] {
        var keys: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            var end = i + 1
            if bytes[i] == 0x1B, end < bytes.count, bytes[end] == UInt8(ascii: "[") || bytes[end] == UInt8(ascii: "O") {
                end += 1
                while end < bytes.count, !(0x40...0x7E).contains(bytes[end]) { end += 1 }
                end = min(bytes.count, end + 1)
            } else {
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }  // the rest of a UTF-8 character
            }
            keys.append(Array(bytes[i..<end]))
            i = end
        }
        return keys
    }

    /// Acts on a key; false to quit.
    func handle(_ key: [UInt8]) -> Bool {
        let text = String(decoding: key, as: UTF8.self)
        if showingHelp && text != "q" { showingHelp = false; return true }
        message = ""
        switch text {
        case "q", "\u{3}", "\u{4}": return false
        case "\u{1B}[C", "l", " ", "j", "n", "\r": next()
        case "\u{1B}[D", "h", "k", "p", "\u{7F}": previous()
        case "\u{1B}[B": scrollBy(1)
        case "\u{1B}[A": scrollBy(-1)
        case "\u{1B}[6~": scrollBy(viewHeight - 1)
        case "\u{1B}[5~": scrollBy(-(viewHeight - 1))
        case "g", "\u{1B}[H": pageIndex = 0; scroll = 0
        case "G", "\u{1B}[F": pageIndex = max(0, pages.count - 1); scroll = 0
        case "r":
            if isRunning { message = "the lesson is already running" } else { reload(); message = "running the lesson again" }
        case "e": editCell()
        case "E": edit()
        case "u": restoreCell()
        case "?": showingHelp = true
        default: message = "press ? for the keys"
        }
        return true
    }

    var viewHeight: Int { max(1, size.rows - 2) }

    func next() {
        guard pages.indices.contains(pageIndex) else { return }
        if scroll + viewHeight < pages[pageIndex].lines.count {
            scroll = min(scroll + viewHeight - 2, pages[pageIndex].lines.count - viewHeight)
        } else if pageIndex + 1 < pages.count {
            pageIndex += 1
            scroll = 0
        } else {
            message = "the end of the lesson (q quits)"
        }
    }

    func previous() {
        if scroll > 0 {
            scroll = max(0, scroll - (viewHeight - 2))
        } else if pageIndex > 0 {
            pageIndex -= 1
            scroll = 0
        }
    }

    func scrollBy(_ lines: Int) {
        guard pages.indices.contains(pageIndex) else { return }
        scroll = max(0, min(scroll + lines, pages[pageIndex].lines.count - viewHeight))
    }

    /// The cell the current page ends with.
    var currentCell: Cell? {
        guard pages.indices.contains(pageIndex), let index = pages[pageIndex].cellIndex,
              let cells = view?.lesson?.cells, cells.indices.contains(index) else { return nil }
        return cells[index]
    }

    var editor: String { ProcessInfo.processInfo.environment["VISUAL"] ?? ProcessInfo.processInfo.environment["EDITOR"] ?? "vi" }

    static func quoted(_ path: String) -> String { "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Opens a scratch copy of the current cell in `$EDITOR`; when it changed, the lesson runs
    /// again with it (the lesson file is never written).
    func editCell() {
        guard let cell = currentCell, let path = source.scratchFile(cell) else {
            message = "no cell here to edit (E opens the lesson itself)"
            return
        }
        let before = try? String(contentsOfFile: path, encoding: .utf8)
        _ = TerminalDevice.runInteractively("\(editor) \(Self.quoted(path))")
        size = TerminalDevice.size() ?? size
        if (try? String(contentsOfFile: path, encoding: .utf8)) != before {
            source.adoptScratch(cell)
            reload()
            message = "your edit of this cell: running the lesson with it (u restores the lesson's)"
        } else {
            message = "the cell is unchanged"
        }
        layout()
    }

    /// Drops the edit of the current cell and runs the lesson as written.
    func restoreCell() {
        guard let cell = currentCell else { message = "no cell here"; return }
        source.restore(cell)
        reload()
        message = "the lesson's own code again"
    }

    /// Opens the lesson in `$EDITOR` (or `vi`) at the current cell's line; a change re-runs it.
    func edit() {
        let line: Int
        if let page = pages.indices.contains(pageIndex) ? pages[pageIndex] : nil, let view {
            line = page.cellIndex.map { view.lesson?.cells[$0].firstCodeLine ?? page.line } ?? page.line
        } else {
            line = 1
        }
        _ = TerminalDevice.runInteractively("\(editor) +\(line) \(Self.quoted(source.path))")
        size = TerminalDevice.size() ?? size
        if fileModificationDate() != fileDate {
            reload()
            message = "the lesson changed: running it again"
        }
        layout()
    }

    // MARK: Running

    var isRunning: Bool { lock.withLock { running } }

    func takeFinishedRun() -> JudgedLesson? {
        lock.withLock {
            defer { finished = nil }
            guard let finished, finished.generation == generation else { return nil }
            running = false
            return finished.view
        }
    }

    func fileModificationDate() -> Date? {
        FileStamp(path: source.path)?.date
    }

    /// Reads the lesson again, shows it at once with the outputs it states, and runs it in the background.
    func reload() {
        fileDate = fileModificationDate()
        switch source.load() {
        case .failure(let diagnostics):
            loadProblems = diagnostics.all
            message = "the lesson does not parse"
        case .success(let lesson):
            loadProblems = []
            // Until it runs again, the lesson shows its last run if its code is the same.
            var shown = JudgedLesson(file: source.file, lesson: lesson)
            if let last = view, last.lesson?.cells.map(\.code) == lesson.cells.map(\.code) {
                (shown.run, shown.verdicts, shown.problems) = (last.run, last.verdicts, last.problems)
            }
            view = shown
            let current: Int = lock.withLock {
                generation += 1
                running = true
                return generation
            }
            let run = source.run
            Thread.detachNewThread { [self] in
                let result = run(lesson)
                lock.withLock { if current == generation { finished = (current, result) } }
            }
        }
        layout()
    }

    func summary(of view: JudgedLesson) -> String {
        if let problem = view.problems.first { return VerdictText.failure(problem.message) }
        let failed = view.verdicts.values.filter(\.isFailure).count
        return failed == 0 ? "ran: every cell passed" : "ran: \(failed) cell\(failed == 1 ? "" : "s") failed"
    }

    // MARK: Drawing

    var renderer: TerminalLessonRenderer { TerminalLessonRenderer(width: max(20, size.columns - 1), color: true) }

    /// Renders the pages again for the current lesson and width, keeping the place.
    func layout() {
        let cell = pages.indices.contains(pageIndex) ? pages[pageIndex].cellIndex : nil
        if !loadProblems.isEmpty {
            let lines = ["The lesson does not parse:", ""] + loadProblems.map { "\u{1B}[38;5;167m\(VerdictText.failureMark)\u{1B}[0m \($0)" }
                + ["", "Press E to edit it, r to read it again."]
            pages = [TerminalPage(lines: lines.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }, cellIndex: nil, line: loadProblems.first?.location?.line ?? 1)]
        } else if let view {
            pages = renderer.pages(view)
        }
        if let cell, let same = pages.firstIndex(where: { $0.cellIndex == cell }) { pageIndex = same }
        pageIndex = max(0, min(pageIndex, pages.count - 1))
        if pages.indices.contains(pageIndex) { scroll = max(0, min(scroll, pages[pageIndex].lines.count - viewHeight)) }
    }

    func draw() {
        var screen = "\u{1B}[H"
        let body: [String]
        if showingHelp {
            body = Self.help.map { fit($0, size.columns - 1) }
        } else if pages.indices.contains(pageIndex) {
            body = Array(pages[pageIndex].lines.dropFirst(scroll).prefix(viewHeight))
        } else {
            body = ["(an empty lesson)"]
        }
        for n in 0..<viewHeight {
            screen += (n < body.count ? body[n] : "") + "\u{1B}[0m\u{1B}[K\r\n"
        }
        screen += "\u{1B}[2m" + fit(keysLine, size.columns) + "\u{1B}[0m\u{1B}[K\r\n"
        screen += "\u{1B}[7m" + fit(statusLine, size.columns) + "\u{1B}[0m"
        TerminalDevice.write(screen)
    }

    var keysLine: String {
        " ←/h back  →/space next  r run again  e edit cell  u undo edit  ? help  q quit"
    }

    var statusLine: String {
        var left = " " + (view?.lesson?.title ?? "")
        if let view, pages.indices.contains(pageIndex) {
            let shown = (view.lesson?.cells ?? []).filter(\.isShown)
            if let cell = pages[pageIndex].cellIndex, let position = shown.firstIndex(where: { $0.index == cell }) {
                left += " · cell \(position + 1)/\(shown.count)"
            }
            left += " · page \(pageIndex + 1)/\(pages.count)"
            let lines = pages[pageIndex].lines.count
            if lines > viewHeight { left += " · \(min(100, (scroll + viewHeight) * 100 / lines))%" }
        }
        let right = (isRunning ? "running… " : "") + (message.isEmpty ? "" : message + " ")
        let room = size.columns - displayWidth(left) - displayWidth(right)
        return left + String(repeating: " ", count: max(1, room)) + right
    }

    /// `text` cut or padded to exactly `columns` columns.
    func fit(_ text: String, _ columns: Int) -> String {
        let width = displayWidth(text)
        if width <= columns { return text + String(repeating: " ", count: columns - width) }
        return String(text.prefix(max(0, columns - 1))) + "…"
    }

    static let help = [
        "\u{1B}[1mKeys\u{1B}[0m",
        "",
        "  → l j space n enter   next page (scrolls a long page first)",
        "  ← h k p backspace     previous page",
        "  ↓ ↑ PgDn PgUp         scroll the page",
        "  g G                   first, last page",
        "  r                     run the lesson again",
        "  e                     edit this cell (a scratch copy) in $EDITOR and run it",
        "  u                     undo your edit of this cell",
        "  E                     edit the lesson itself in $EDITOR at this cell",
        "  ?                     this help",
        "  q                     quit",
        "",
        "The lesson runs again whenever it or an edit changes.",
        "Your edits are kept in workspace/notebook/, shared",
        "with `course serve`'s notebook; the lesson is never changed.",
        "",
        "Press any key to go back.",
    ]
}
