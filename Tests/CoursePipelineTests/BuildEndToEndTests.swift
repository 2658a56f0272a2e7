import CourseModel
import CoursePipeline
import Foundation
import Testing
import TestSupport

/// Runs `course build` in-process on a course; returns its problems and what it printed.
func build(_ root: String, output: String, allowFailures: Bool = false, theme: String? = nil) -> ([Diagnostic], String) {
    var options = CourseBuild.Options()
    options.root = root
    options.output = output
    options.theme = theme
    options.allowFailures = allowFailures
    options.workingDirectory = root
    options.cacheFolder = sharedCache
    let log = LogLines()
    let problems = CourseBuild(options: options, log: { log.append($0) }).run()
    return (problems, log.all.joined(separator: "\n") + "\n")
}

func temporaryFolder(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
}

func read(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}

let repositoryRoot = URL(fileURLWithPath: fixtures).deletingLastPathComponent().deletingLastPathComponent().path

/// The browser test needs Chromium and python3 (`Scripts/bootstrap --browser` installs Chromium).
let browserAvailable: Bool = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    func found(_ name: String) -> Bool {
        path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
    }
    guard found("python3"), found("chromedriver"), found("chromium") || found("chromium-browser") || found("google-chrome") else {
        return false
    }
    // Scripts/browser-test.py drives the browser with Selenium.
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["python3", "-c", "import selenium"]
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus == 0
}()

@Suite(.serialized, .offThePool) struct BuildEndToEndTests {
    @Test func buildsTheFixtureSite() throws {
        let output = temporaryFolder("course-site")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (problems, log) = build(fixtures + "/site", output: output)
        #expect(problems.isEmpty, "\(log)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: output).sorted()
        #expect(files == [
            ".course-site", "01-basics.html", "02-cells.html", "03-regularization.html", "404.html", "assets", "assets/site.js",
            "assets/style.css", "images", "images/dot.svg", "index.html", "print.html", "search-index.js", "search-index.json",
        ])
        #expect(log.contains("[5/6] Rendering the site"))
        #expect(log.hasSuffix("Built 3 lessons into \(output)/index.html\n"))

        let index = read(output + "/index.html")
        #expect(index.contains("<title>A tiny course</title>"))
        #expect(index.contains(#"<a href="03-regularization.html#early-stopping">last lesson</a>"#))
        #expect(index.contains("<p>Keeping a network from memorizing its data.</p>"))  // a lesson's summary
        let cells = read(output + "/02-cells.html")
        #expect(!cells.contains("secret"))  // the hidden cell and the hidden lines
        #expect(cells.contains(#"<pre class="output-text" tabindex="0" data-scroll>42</pre>"#))
        #expect(cells.contains("Compiler output"))
        #expect(!cells.contains("notebook.js") && !cells.contains("__course"))  // the notebook is the server's alone
        let basics = read(output + "/01-basics.html")
        #expect(basics.contains("Text like &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(basics.contains(#"<pre class="output-text" tabindex="0" data-scroll>&lt;b&gt;bold?&lt;/b&gt; &amp; done</pre>"#))
        // A checked output is shown as written (the run printed 0.3333333333333333), and says so.
        #expect(basics.contains(#"<p class="output-label">Output <span class="output-note">· as written, checked</span></p>"# + "\n" + #"<pre class="output-text" tabindex="0" data-scroll>0.333</pre>"#))
        // The exercise's hint comes before its solution.
        let hint = cells.range(of: #"<details class="hint">"#), solution = cells.range(of: #"<details class="solution">"#)
        #expect(hint != nil && solution != nil && hint!.lowerBound < solution!.lowerBound)
        #expect(basics.contains(#"<h2 id="escaping-1">"#))
        #expect(basics.contains("<math"))
        #expect(basics.contains(#"<div class="table-scroll" tabindex="0" data-scroll>"# + "\n<table>\n<thead>"))
        #expect(basics.contains(#"<td class="align-left"><strong>ReLU</strong></td>"#))
        #expect(read(output + "/search-index.json").contains("overfitting"))
        #expect(read(output + "/03-regularization.html").contains(#"<img src="images/dot.svg" alt="A dot">"#))

        // A second build replaces the site it wrote.
        try "stale".write(toFile: output + "/stale.html", atomically: true, encoding: .utf8)
        let (again, _) = build(fixtures + "/site", output: output)
        #expect(again.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output + "/stale.html"))
    }

    @Test func refusesFoldersItDidNotWrite() throws {
        let output = temporaryFolder("not-a-site")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try "mine".write(toFile: output + "/notes.txt", atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (problems, _) = build(fixtures + "/site", output: output)
        #expect(problems.map(\.message).first?.hasPrefix("refusing to write the site into \(output): it holds files that `course build` did not write") == true)
        #expect(read(output + "/notes.txt") == "mine")

        for folder in [fixtures + "/site", fixtures, "/"] {
            let (refused, _) = build(fixtures + "/site", output: folder)
            #expect(refused.first?.message.hasPrefix("refusing to write the site into") == true, "\(folder)")
        }
    }

    @Test func failingChecksStopTheBuildUnlessAllowed() throws {
        let course = temporaryFolder("course-failing")
        try FileManager.default.createDirectory(atPath: course + "/Lessons", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/failing/Lessons/01-wrong-output.md", toPath: course + "/Lessons/01-wrong-output.md")
        try FileManager.default.createSymbolicLink(atPath: course + "/Sources", withDestinationPath: fixtures + "/library/Sources")
        defer { try? FileManager.default.removeItem(atPath: course) }
        let output = course + "/_site"
        let theme = repositoryRoot + "/Site"

        let (problems, log) = build(course, output: output, theme: theme)
        #expect(problems.map(\.location?.description) == ["Lessons/01-wrong-output.md:9"])
        #expect(log.contains("Lessons/01-wrong-output.md:9: error: output does not match (cell at line 3)"))
        #expect(log.contains("error: the site was not built"))
        #expect(!FileManager.default.fileExists(atPath: output))

        let (allowed, _) = build(course, output: output, allowFailures: true, theme: theme)
        #expect(allowed.isEmpty)
        let page = read(output + "/01-wrong-output.html")
        #expect(page.contains("1 check failed in this lesson."))
        #expect(page.contains(#"<div class="cell cell-failed" id="cell-1" data-line="3" data-kind="code">"#))
        #expect(page.contains("Lessons/01-wrong-output.md:9: error: output does not match (cell at line 3)"))
    }

    @Test func mathThatCannotBeRenderedFailsTheBuildAtItsLine() throws {
        let course = try copyOfFixture("site")
        defer { try? FileManager.default.removeItem(atPath: course) }
        let path = course + "/Lessons/03-regularization.md"
        try (read(path) + "\nA broken formula: $\\frac{1}{2$.\n").write(toFile: path, atomically: true, encoding: .utf8)
        let (problems, log) = build(course, output: course + "/_site", theme: repositoryRoot + "/Site")
        #expect(problems.map(\.location?.description) == ["Lessons/03-regularization.md:24"])
        #expect(log.contains("Lessons/03-regularization.md:24: error: cannot render math: "))
    }

    @Test(.enabled(if: browserAvailable, "needs chromium, chromedriver, python3 and selenium (Scripts/bootstrap --browser)"))
    func theSiteWorksInABrowser() throws {
        let output = temporaryFolder("course-site-browser")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (problems, log) = build(fixtures + "/site", output: output)
        #expect(problems.isEmpty, "\(log)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let screenshots = FileManager.default.temporaryDirectory.appendingPathComponent("site-shots/fixture").path
        // Every page in both themes at both widths with axe-core, the phone width, code that is
        // never hidden, the theme switch, ← →, print.html printed, the 404 page deep down, and
        // search with stemming, accents and a typo, marking what it found on the page it opens.
        process.arguments = [
            "python3", repositoryRoot + "/Scripts/browser-test.py", output, "--search", "overfitting",
            "--expect", "03-regularization.html", "--find", "regularisation=03-regularization.html",
            "--find", "sigmoïd=01-basics.html", "--find", "overfiting=03-regularization.html",
            "--find", "hyperbolic=01-basics.html",  // words found only in a table's cell
            "--screenshots", screenshots,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(report)")
        #expect(report.contains("24 page views checked with axe-core, print.html on "), "\(report)")
        #expect(report.hasSuffix(" 0 problems\n"), "\(report)")
    }
}
