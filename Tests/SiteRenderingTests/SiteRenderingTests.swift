import CourseModel
import Foundation
import LessonParsing
@testable import SiteRendering
import Testing

/// The repository's own theme, `Site/`.
let repositoryTheme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Site").path

func lesson(_ markdown: String, path: String = "Lessons/01-test.md") throws -> Lesson {
    try LessonParser.parse(source: markdown, path: path)
}

/// The HTML of a lesson's document, each cell drawn as `[cell N]`.
func html(_ markdown: String) throws -> (html: String, converter: MarkdownHTML) {
    let parsed = try lesson(markdown)
    var converter = MarkdownHTML(lesson: parsed, cell: { "[cell \($0)]\n" })
    return (converter.render(parsed.document), converter)
}

/// Compares line by line, so a failure shows which line differs.
func expectLines(_ actual: String, _ expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(a.count, e.count) {
        let actualLine = index < a.count ? String(a[index]) : "<missing>"
        let expectedLine = index < e.count ? String(e[index]) : "<missing>"
        #expect(actualLine == expectedLine, "line \(index + 1)", sourceLocation: sourceLocation)
        if actualLine != expectedLine { break }
    }
}

@Suite struct MarkdownHTMLTests {
    @Test func blocksAndInlines() throws {
        let (result, converter) = try html("""
            # The *first* heading

            Some **strong** and _emphasized_ text with `code < 3`, a [link](https://example.com "Title")
            and a line break\\
            here.

            > A quote.

            1. one
            2. two

            - loose

            - list

            ---

            ```sh
            echo "<hi>"
            ```

            ```swift
            print(1)
            ```
            """)
        expectLines(result, """
            <h1 id="the-first-heading">The <em>first</em> heading<a class="anchor" href="#the-first-heading" aria-label="Link to this section">#</a></h1>
            <p>Some <strong>strong</strong> and <em>emphasized</em> text with <code>code &lt; 3</code>, a <a href="https://example.com" title="Title">link</a>
            and a line break<br>
            here.</p>
            <blockquote>
            <p>A quote.</p>
            </blockquote>
            <ol>
            <li>one</li>
            <li>two</li>
            </ol>
            <ul>
            <li><p>loose</p>
            </li>
            <li><p>list</p>
            </li>
            </ul>
            <hr>
            <div class="code-block"><pre class="code" tabindex="0" data-scroll><code class="language-sh"><span class="line">echo &quot;&lt;hi&gt;&quot;</span></code></pre></div>
            [cell 0]

            """)
        #expect(converter.headings == [.init(level: 1, text: "The first heading", id: "the-first-heading", line: 1)])
    }

    @Test func everyTextIsEscapedAndRawHTMLIsShownAsText() throws {
        let (result, _) = try html("""
            Tags <script>alert("x")</script> & entities &amp; stay text.

            <div onclick="x()">a block</div>

            <!-- a comment is dropped -->

            [bad](javascript:alert(1)) ![remote](https://example.com/a.png) ![local](images/a.png "A")
            """)
        expectLines(result, """
            <p>Tags &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; entities &amp; stay text.</p>
            <p class="raw-html">&lt;div onclick=&quot;x()&quot;&gt;a block&lt;/div&gt;</p>
            <p><a href="#">bad</a> <a href="https://example.com/a.png">remote</a> <img src="images/a.png" alt="local" title="A"></p>

            """)
    }

    @Test func headingIdsAreGitHubStyleAndUnique() throws {
        let (_, converter) = try html("""
            # Hello, World!
            ## Hello, World!
            ## Hello World
            ### `x_1` & Ünïcode — dash
            ## ???
            """)
        #expect(converter.headings.map(\.id) == ["hello-world", "hello-world-1", "hello-world-2", "x_1--ünïcode--dash", "section"])
    }

    @Test func reservedIdsAreNotTaken() throws {
        let parsed = try lesson("## Lessons\n")
        var converter = MarkdownHTML(lesson: parsed, reserved: ["lessons"], cell: { _ in "" })
        _ = converter.render(parsed.document)
        #expect(converter.headings.map(\.id) == ["lessons-1"])
    }

    @Test func mathIsRenderedAndAnErrorNamesTheLessonLine() throws {
        let (result, converter) = try html("""
            # Math

            Inline $x^2$ here.

            $$\\frac{1}{2$$
            """)
        #expect(result.contains(#"Inline <span class="math-inline" data-scroll><math"#))
        #expect(result.contains("<code class=\"math-error\""))
        #expect(converter.problems.count == 1)
        #expect(converter.problems.first?.location == SourceLocation(path: "Lessons/01-test.md", line: 5))
        #expect(converter.problems.first?.description.hasPrefix("Lessons/01-test.md:5: error: cannot render math: ") == true)
    }

    @Test func aTableHasAHeadAColumnPerAlignmentAndScrollsInItsBox() throws {
        let (result, converter) = try html("""
            | plain | left | *center* | right |
            |---|:--|:-:|--:|
            | <b> & \\| | `a \\| b` | $x_1$ | [page](02-two.md) |
            | $\\frac{1}{2$ |

            | head only |
            | --------- |
            """)
        expectLines(result, """
            <div class="table-scroll" tabindex="0" data-scroll>
            <table>
            <thead>
            <tr>
            <th scope="col">plain</th>
            <th scope="col" class="align-left">left</th>
            <th scope="col" class="align-center"><em>center</em></th>
            <th scope="col" class="align-right">right</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>&lt;b&gt; &amp; |</td>
            <td class="align-left"><code>a | b</code></td>
            <td class="align-center"><span class="math-inline" data-scroll><math><semantics><msub><mi>x</mi><mn>1</mn></msub><annotation encoding="application/x-tex">x_1</annotation></semantics></math></span></td>
            <td class="align-right"><a href="02-two.md">page</a></td>
            </tr>
            <tr>
            <td><span class="math-inline" data-scroll><code class="math-error" title="missing } for {">\\frac{1}{2</code></span></td>
            <td class="align-left"></td>
            <td class="align-center"></td>
            <td class="align-right"></td>
            </tr>
            </tbody>
            </table>
            </div>
            <div class="table-scroll" tabindex="0" data-scroll>
            <table>
            <thead>
            <tr>
            <th scope="col">head only</th>
            </tr>
            </thead>
            </table>
            </div>

            """)
        // Math that cannot be rendered in a cell names the row's line.
        #expect(converter.problems.map(\.location?.line) == [4])
    }

    @Test func aTablesTextIsSearchable() throws {
        let (_, converter) = try html("""
            # Activations

            | name | range |
            |---|---|
            | **hyperbolic** tangent | $(-1, 1)$ |
            """)
        var index = SearchIndex()
        index.add(page: "Activations", url: "a.html", document: try lesson("""
            # Activations

            | name | range |
            |---|---|
            | **hyperbolic** tangent | $(-1, 1)$ |
            """).document, headings: converter.headings)
        #expect(index.entries.map(\.text) == ["name range hyperbolic tangent (−1, 1)"])
    }

    @Test func linksToLessonFilesBecomePages() {
        let names = ["02-layers.md": "02-layers"]
        func rewrite(_ link: String, print: Bool = false) -> String {
            SiteRenderer.rewrite(link, lessonNames: names, printPage: print, currentPrefix: "01-x-")
        }
        #expect(rewrite("02-layers.md") == "02-layers.html")
        #expect(rewrite("./02-layers.md#loss") == "02-layers.html#loss")
        #expect(rewrite("index.md") == "index.html")
        #expect(rewrite("https://example.com/02-layers.md") == "https://example.com/02-layers.md")
        #expect(rewrite("notes.md") == "notes.md")
        #expect(rewrite("#local") == "#local")
        #expect(rewrite("02-layers.md#loss", print: true) == "#02-layers-loss")
        #expect(rewrite("02-layers.md", print: true) == "#02-layers")
        #expect(rewrite("#local", print: true) == "#01-x-local")
    }
}

@Suite struct CellHTMLTests {
    @Test func codeIsHighlightedAndEscaped() {
        #expect(CellHTML.highlight("let s = \"<a>\" // note") ==
            #"<span class="line"><span class="hl-keyword">let</span> <span class="hl-identifier">s</span> = <span class="hl-string">&quot;&lt;a&gt;&quot;</span> <span class="hl-comment">// note</span></span>"#)
    }

    /// Each line is a span holding its newline, with its indent in columns (`--i`), so the
    /// stylesheet can wrap a long line under its own indent; the text is the code as written.
    @Test func codeIsOneSpanPerLineWithItsIndent() {
        let code = "func f() {\n    /* a\n       b */\n\n\treturn 1\n  \n}"
        let html = CellHTML.highlight(code)
        expectLines(html, """
            <span class="line"><span class="hl-keyword">func</span> <span class="hl-identifier">f</span>() {
            </span><span class="line" style="--i:4">    <span class="hl-comment">/* a</span>
            </span><span class="line" style="--i:7">       <span class="hl-comment">b */</span>
            </span><span class="line">
            </span><span class="line" style="--i:4">\t<span class="hl-keyword">return</span> <span class="hl-number">1</span>
            </span><span class="line">  
            </span><span class="line">}</span>
            """)
        let text = html.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
        #expect(text == code)
    }

    @Test func hiddenLinesAreNotShown() throws {
        let parsed = try lesson("""
            ```swift
            // snippet.hide
            let secret = 1
            // snippet.show
            print(secret)
            ```

            ```output
            written
            ```
            """)
        var problems: [Diagnostic] = []
        let model = CellHTML.model(
            for: parsed.cells[0], in: judged(parsed, [CellResult(cellIndex: 0, outcome: .completed, output: "real\n")], [0: .passed]),
            idPrefix: "", problems: &problems)
        #expect(model.code == #"<span class="line"><span class="hl-identifier">print</span>(<span class="hl-identifier">secret</span>)</span>"#)
        #expect(model.output.map(\.text) == ["written"])  // it passed: the block, as written
        #expect(model.outputNote == "as written, checked")
        #expect(model.outputLabel == "Output")
        #expect(!model.failed && problems.isEmpty)
    }

    @Test func chartsGoBetweenTheLinesPrintedBeforeAndAfterThem() throws {
        let parsed = try lesson("```swift\nshow()\n```\n")
        let result = CellResult(
            cellIndex: 0, outcome: .completed, output: "before\nalso before\nafter\n",
            richOutputs: [
                RichOutput(kind: "chart", payload: #"{"chart":{"series":[{"name":"train","x":[0,1],"y":[1,0.5]}],"title":"Loss","xLabel":"x","yLabel":"y"},"kind":"line"}"#, line: 2),
                RichOutput(kind: "other", payload: "x", line: 0),
            ])
        var problems: [Diagnostic] = []
        let model = CellHTML.model(
            for: parsed.cells[0], in: judged(parsed, [result], [0: .passed]),
            idPrefix: "", problems: &problems)
        #expect(model.output.map(\.text) == ["before\nalso before", nil, "after"])
        #expect(model.output[1].chart?.hasPrefix("<svg") == true)
        #expect(problems.isEmpty)
    }

    @Test func aChartThatCannotBeDrawnIsAProblemAtTheCell() throws {
        let parsed = try lesson("# T\n\n```swift\nshow()\n```\n")
        let result = CellResult(cellIndex: 0, outcome: .completed, output: "", richOutputs: [RichOutput(kind: "chart", payload: "", line: 0)])
        var problems: [Diagnostic] = []
        let model = CellHTML.model(
            for: parsed.cells[0], in: judged(parsed, [result], [0: .passed]),
            idPrefix: "", problems: &problems)
        #expect(model.output.isEmpty)
        #expect(problems.map(\.location) == [SourceLocation(path: "Lessons/01-test.md", line: 3)])
    }

    /// README, "What the outputs show": the lesson's block where the run matched it; the real
    /// output where there is no block, the cell is `nocheck`, or its check failed; the block,
    /// marked, where the cell did not run; nothing where it did not compile.
    @Test func whatTheOutputsShow() throws {
        let parsed = try lesson("""
            ```swift
            print(0.1 as Float + 0.000000024)
            ```

            ```output
            0.1
            ```

            ```swift nocheck
            print(0.100000024)
            ```

            ```output
            0.1
            ```

            ```swift
            print(0.100000024)
            ```

            ```output
            0.2
            ```

            ```swift
            print(0.100000024)
            ```

            ```swift
            print(1)
            ```

            ```output
            1
            ```

            ```swift
            print(x)
            ```

            ```output
            2
            ```
            """)
        let mismatch = Diagnostic(.check, at: SourceLocation(path: "Lessons/01-test.md", line: 21), "output does not match")
        let ran = "0.100000024\n"
        let judgement = judged(parsed, [
            CellResult(cellIndex: 0, outcome: .completed, output: ran),
            CellResult(cellIndex: 1, outcome: .completed, output: ran),
            CellResult(cellIndex: 2, outcome: .completed, output: ran),
            CellResult(cellIndex: 3, outcome: .completed, output: ran),
            CellResult(cellIndex: 4, outcome: .notRun),
            CellResult(cellIndex: 5, outcome: .compileError([])),
        ], [0: .passed, 1: .passed, 2: .failed([mismatch]), 3: .passed, 4: .skipped("not run"), 5: .failed([])])
        var problems: [Diagnostic] = []
        let shown = parsed.cells.map { cell -> String in
            let model = CellHTML.model(for: cell, in: judgement, idPrefix: "", problems: &problems)
            return model.output.compactMap(\.text).joined() + (model.outputNote.map { " (\($0))" } ?? "")
        }
        #expect(shown == [
            "0.1 (as written, checked)",      // matched: the block as the prose quotes it
            "0.100000024",                    // nocheck: what it printed
            "0.100000024",                    // failed: what it printed (the diff says the rest)
            "0.100000024",                    // no block: what it printed
            "1 (as written, not run)",        // did not run: the lesson's block, marked
            "",                               // did not compile: its diagnostics say why
        ])
    }

    @Test func aCellThatDidNotRunShowsTheWrittenOutput() throws {
        let parsed = try lesson("```swift ignore\nsketch()\n```\n\n```output\nas written\n```\n")
        var problems: [Diagnostic] = []
        let model = CellHTML.model(
            for: parsed.cells[0], in: judged(parsed, [CellResult(cellIndex: 0, outcome: .notRun)], [:]),
            idPrefix: "p-", problems: &problems)
        #expect(model.output.map(\.text) == ["as written"])
        #expect(model.id == "p-cell-1")
    }

    @Test func aFailedCellCarriesItsDiagnostics() throws {
        let parsed = try lesson("```swift\nprint(1)\n```\n")
        let diagnostic = Diagnostic(.check, at: SourceLocation(path: "Lessons/01-test.md", line: 1), "output does not match", detail: "-2\n+1")
        var problems: [Diagnostic] = []
        let model = CellHTML.model(
            for: parsed.cells[0], in: judged(parsed, [CellResult(cellIndex: 0, outcome: .completed, output: "1\n")], [0: .failed([diagnostic])]),
            idPrefix: "", problems: &problems)
        #expect(model.failed)
        #expect(model.failure == "Lessons/01-test.md:1: error: output does not match\n-2\n+1")
    }
}

@Suite struct SiteRendererTests {
    /// A theme small enough to read whole in a test.
    static let miniTheme = Theme(templates: [
        "layout": "<title>{{pageTitle}}</title>\n{{#toc}}[{{number}} {{title}}{{#current}} *{{/current}}]{{/toc}}\n{{$main}}{{/main}}",
        "lesson": "{{<layout}}{{$main}}{{#hasFailures}}{{failureSummary}}\n{{/hasFailures}}{{{content}}}{{#previous}}prev: {{href}}\n{{/previous}}{{#next}}next: {{href}}\n{{/next}}{{/main}}{{/layout}}",
        "index": "{{<layout}}{{$main}}{{{content}}}{{/main}}{{/layout}}",
        "print": "{{<layout}}{{$main}}{{#printLessons}}<section id=\"{{id}}\">{{{content}}}</section>{{/printLessons}}{{/main}}{{/layout}}",
        "404": "{{<layout}}{{$main}}not found{{/main}}{{/layout}}",
        "cell": "<pre class=\"{{#failed}}failed{{/failed}}\">{{{code}}}</pre>{{#output}}<out>{{text}}</out>{{/output}}\n",
    ], assets: ["style.css": Array("body{}".utf8)])

    func course() throws -> RenderContext {
        let index = try lesson("---\ntitle: Tiny & Co\n---\n\nSee [one](01-one.md).\n", path: "Lessons/index.md")
        let one = try lesson("# One <1>\n\n```swift\nprint(\"<hi>\")\n```\n\n```swift hidden\nlet x = 1\n```\n", path: "Lessons/01-one.md")
        let two = try lesson("# Two\n\n## Part\n\nText of two.\n", path: "Lessons/02-two.md")
        let failure = Diagnostic(.check, at: SourceLocation(path: "Lessons/01-one.md", line: 3), "output does not match")
        return RenderContext(course: JudgedCourse(index: index, lessons: [
            judged(one, [CellResult(cellIndex: 0, outcome: .completed, output: "<hi>\n"), CellResult(cellIndex: 1, outcome: .completed)],
                   [0: .failed([failure]), 1: .passed]),
            JudgedLesson(file: lessonFile(two), lesson: two),
        ]))
    }

    @Test func pagesAreRenderedWithTheTheme() throws {
        let site = try SiteRenderer(theme: Self.miniTheme).render(try course())
        #expect(site.files.keys.sorted() == [
            "01-one.html", "02-two.html", "404.html", "assets/style.css", "index.html", "print.html", "search-index.js", "search-index.json",
        ])
        #expect(site.problems.isEmpty)
        func page(_ name: String) -> String { String(decoding: site.files[name] ?? [], as: UTF8.self) }
        expectLines(page("01-one.html"), """
            <title>One &lt;1&gt; · Tiny &amp; Co</title>
            [1 One &lt;1&gt; *][2 Two]
            1 check failed in this lesson.
            <h1 id="one-1">One &lt;1&gt;<a class="anchor" href="#one-1" aria-label="Link to this section">#</a></h1>
            <pre class="failed"><span class="line"><span class="hl-identifier">print</span>(<span class="hl-string">&quot;&lt;hi&gt;&quot;</span>)</span></pre><out>&lt;hi&gt;</out>
            prev: index.html
            next: 02-two.html

            """)
        expectLines(page("index.html"), """
            <title>Tiny &amp; Co</title>
            [1 One &lt;1&gt;][2 Two]
            <p>See <a href="01-one.html">one</a>.</p>

            """)
        #expect(page("print.html").contains(#"<section id="02-two"><h1 id="02-two-two">Two"#))
        #expect(page("print.html").contains(##"<p>See <a href="#01-one">one</a>.</p>"##))
        #expect(page("404.html").hasSuffix("not found"))
    }

    @Test func theSearchIndexHasASectionPerHeading() throws {
        let site = try SiteRenderer(theme: Self.miniTheme).render(try course())
        let json = String(decoding: site.files["search-index.json"] ?? [], as: UTF8.self)
        #expect(json == """
            [{"page":"Tiny & Co","section":"Tiny & Co","text":"See one.","url":"index.html"},\
            {"page":"One <1>","section":"One <1>","text":"","url":"01-one.html"},\
            {"page":"Two","section":"Two","text":"","url":"02-two.html"},\
            {"page":"Two","section":"Part","text":"Text of two.","url":"02-two.html#part"}]
            """)
        let script = String(decoding: site.files["search-index.js"] ?? [], as: UTF8.self)
        #expect(script == "window.courseSearchIndex = " + json + ";\n")
    }

    @Test func theRepositoryThemeRendersEveryPage() throws {
        let theme = try Theme.load(from: repositoryTheme)
        #expect(theme.assets.keys.sorted() == ["site.js", "style.css"])
        let site = try SiteRenderer(theme: theme).render(try course())
        let lessonPage = String(decoding: site.files["01-one.html"] ?? [], as: UTF8.self)
        #expect(lessonPage.hasPrefix("<!doctype html>"))
        #expect(lessonPage.contains(#"<link rel="stylesheet" href="assets/style.css">"#))
        #expect(lessonPage.contains("This cell failed its check."))
        #expect(lessonPage.contains("Lessons/01-one.md:3: error: output does not match"))
        #expect(lessonPage.contains(#"<a class="pager-next" href="02-two.html" rel="next">"#))
        #expect(!lessonPage.contains("let x = 1"))  // a hidden cell
        for (name, bytes) in site.files where name.hasSuffix(".html") {
            let text = String(decoding: bytes, as: UTF8.self)
            // Nothing is loaded from another host: every src and href is relative.
            #expect(!text.contains("src=\"http") && !text.contains("href=\"http") && !text.contains("=\"//"), "\(name)")
        }
    }

    /// With an edit-URL template (from the course's configuration), each lesson page links to
    /// its source: `{path}` is the lesson's path relative to the course root.
    @Test func editThisPageLinksToTheLessonsSource() throws {
        let theme = try Theme.load(from: repositoryTheme)
        var context = try course()
        let template = "https://example.com/o/r/edit/main/{path}"
        context.course.layout = CourseLayout(root: "/course", configuration: CourseConfiguration(editURL: template))
        let site = try SiteRenderer(theme: theme).render(context)
        let page = String(decoding: site.files["01-one.html"] ?? [], as: UTF8.self)
        #expect(page.contains(#"<p class="edit-link"><a href="https://example.com/o/r/edit/main/Lessons/01-one.md">Edit this page</a></p>"#))
        context.course.layout = CourseLayout(root: "/course")
        let plain = try SiteRenderer(theme: theme).render(context)
        #expect(!String(decoding: plain.files["01-one.html"] ?? [], as: UTF8.self).contains("edit-link"))

        #expect(CourseConfiguration(editURL: "https://x/{path}?plain=1").editURL(forPath: "Lessons/01 a+b.md") == "https://x/Lessons/01%20a%2Bb.md?plain=1")
        #expect(CourseConfiguration(editURL: "https://x/edit").editURL(forPath: "Lessons/01-a.md") == nil)
        #expect(CourseConfiguration().editURL(forPath: "Lessons/01-a.md") == nil)
        let file = CourseLayout.LessonFile(number: 3, slug: "x", path: "/course/Course Lessons/03-x.md", displayPath: "../Course Lessons/03-x.md")
        #expect(CourseLayout(root: "/course", configuration: CourseConfiguration(repository: "https://github.com/o/r")).editURL(for: file)
            == "https://github.com/o/r/edit/main/Course%20Lessons/03-x.md")
    }

    /// A lesson page lists its `##` and `###` sections under "On this page"; the 404 page
    /// carries the stylesheet (it is served at any depth, where `assets/` is not beside it).
    @Test func onThisPageAndTheSelfContained404Page() throws {
        let theme = try Theme.load(from: repositoryTheme)
        let index = try lesson("# Tiny\n", path: "Lessons/index.md")
        let one = try lesson("# One\n\n## First\n\n### Detail\n\n#### Too deep\n\n## Second\n", path: "Lessons/01-one.md")
        let site = try SiteRenderer(theme: theme).render(RenderContext(course: JudgedCourse(index: index, lessons: [JudgedLesson(file: lessonFile(one), lesson: one)])))
        let page = String(decoding: site.files["01-one.html"] ?? [], as: UTF8.self)
        let list = page.components(separatedBy: #"<p class="page-toc-title" id="page-toc-title">On this page</p>"#).last?
            .components(separatedBy: "</nav>").first ?? ""
        expectLines(list, """

            <ol>
            <li class="page-toc-level-2"><a href="#first">First</a></li>
            <li class="page-toc-level-3"><a href="#detail">Detail</a></li>
            <li class="page-toc-level-2"><a href="#second">Second</a></li>
            </ol>

            """)
        let notFound = String(decoding: site.files["404.html"] ?? [], as: UTF8.self)
        let style = String(decoding: theme.assets["style.css"] ?? [], as: UTF8.self)
        #expect(notFound.contains("<style>" + style.replacingOccurrences(of: "</", with: "<\\/") + "</style>"))
        #expect(!notFound.contains("assets/style.css"))
        #expect(!String(decoding: site.files["index.html"] ?? [], as: UTF8.self).contains("page-toc"))
    }

    @Test func aThemeWithoutARequiredTemplateIsRefused() {
        var theme = Self.miniTheme
        theme.templates["cell"] = nil
        #expect(throws: Diagnostic.self) { try SiteRenderer(theme: theme).render(try course()) }
        theme.templates["cell"] = "{{#unclosed}}"
        do {
            _ = try SiteRenderer(theme: theme).render(try course())
            Issue.record("expected a template error")
        } catch let error as Diagnostic {
            #expect(error.location?.path == "theme/templates/cell.mustache")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct ExerciseHTMLTests {
    /// A hint is a closed disclosure without its label, and comes before its exercise's
    /// solution, wherever the lesson writes it (a reader asks for the hint first).
    @Test func aHintIsADisclosureBeforeTheSolution() throws {
        let (text, _) = try html("""
            ```swift exercise
            let x = 1 // TODO
            ```

            Make it two.

            ```swift solution
            let x = 2
            ```

            ```swift check
            expect(x == 2, "x should be 2")
            ```

            > **Hint:** subtract the *largest* score.

            > An ordinary quote.

            ```swift exercise
            let y = 1 // TODO
            ```

            > **Hint:** a hint written before its solution stays there.

            ```swift solution
            let y = 3
            ```

            ```swift check
            expect(y == 3, "y should be 3")
            ```
            """)
        expectLines(text, """
            [cell 0]
            <p>Make it two.</p>
            <details class="hint">
            <summary>Hint</summary>
            <p>subtract the <em>largest</em> score.</p>
            </details>
            [cell 1]
            [cell 2]
            <blockquote>
            <p>An ordinary quote.</p>
            </blockquote>
            [cell 3]
            <details class="hint">
            <summary>Hint</summary>
            <p>a hint written before its solution stays there.</p>
            </details>
            [cell 4]
            [cell 5]

            """)
    }

    @Test func theSolutionIsClosedAndTheExerciseLabelled() throws {
        let parsed = try lesson("""
            ### Exercise: double

            ```swift exercise
            func twice(_ x: Int) -> Int { x } // TODO
            ```

            ```swift solution
            func twice(_ x: Int) -> Int { 2 * x }
            ```

            ```swift check
            expect(twice(2) == 4, "twice(2) should be 4")
            ```
            """)
        var problems: [Diagnostic] = []
        let exercise = CellHTML.model(
            for: parsed.cells[0], in: nil,
            idPrefix: "", problems: &problems)
        let solution = CellHTML.model(
            for: parsed.cells[1], in: nil,
            idPrefix: "", problems: &problems)
        #expect(exercise.exercise && !exercise.solution)
        #expect(solution.solution && !solution.exercise)
        #expect(!parsed.cells[2].isShown)
    }
}

/// A lesson's file as the layout would list it, from its path.
func lessonFile(_ lesson: Lesson) -> CourseLayout.LessonFile {
    let name = lesson.path.split(separator: "/").last.map(String.init) ?? lesson.path
    let number = Int(name.prefix { $0.isNumber }) ?? 0
    let slug = String(name.drop { $0.isNumber || $0 == "-" }.dropLast(3))
    return CourseLayout.LessonFile(number: number, slug: slug, path: "/course/" + lesson.path, displayPath: lesson.path)
}

/// `lesson` judged: these results (the rest of its cells not run) and verdicts.
func judged(_ lesson: Lesson, _ results: [CellResult], _ verdicts: [Int: Verdict]) -> JudgedLesson {
    var all = lesson.cells.map { CellResult(cellIndex: $0.index, outcome: .notRun) }
    for result in results { all[result.cellIndex] = result }
    return JudgedLesson(file: lessonFile(lesson), lesson: lesson, run: LessonRun(results: all), verdicts: verdicts)
}
