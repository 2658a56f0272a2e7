import CourseModel
import Plumbing
import Foundation
import Mustache

/// The files of a rendered site, and what went wrong while rendering it.
public struct RenderedSite: Sendable {
    /// File contents by path relative to the site's folder (`index.html`, `assets/style.css`).
    public var files: [String: [UInt8]]
    /// Math that could not be rendered, charts that could not be drawn: each at its lesson's line.
    public var problems: [Diagnostic]
    /// Images the pages show, as written in the lessons (paths relative to `Lessons/`), to copy
    /// to the same place in the site.
    public var images: [String]
}

/// Renders a course to a static site: a page per lesson, `index.html`, `print.html`,
/// `404.html`, the search index and the theme's assets. It reads nothing and writes nothing:
/// it returns the files (`CoursePipeline` writes them).
///
/// Pages are flat (every page in the site's top folder) and link to each other and to
/// `assets/` by relative addresses, so the site works from any folder and from `file://`.
public struct SiteRenderer: CourseRenderer {
    public var theme: Theme
    public var name: String { "site" }

    /// - Parameter theme: the templates and assets. A lesson page links to its source
    ///   ("Edit this page") when the course's `course.yml` gives an edit address
    ///   (`CourseLayout.editURL(for:)`).
    public init(theme: Theme) {
        self.theme = theme
    }

    /// Ids the templates use, which no heading may take.
    static let templateIDs = ["content", "sidebar", "menu-toggle", "search", "search-input", "search-results", "lessons", "top"]

    public func render(_ context: RenderContext) throws(Diagnostic) -> RenderedSite {
        let course = context.course
        // Lessons that could not be read have no page (the build warns about them).
        let lessons = course.lessons.compactMap { judged in judged.lesson.map { LessonPage(judged: judged, lesson: $0) } }
        let library = try theme.library()
        var files: [String: [UInt8]] = [:]
        var problems: [Diagnostic] = []
        var images: [String] = []
        var search = SearchIndex()
        let courseTitle = course.title
        let lessonNames = Dictionary(lessons.map { ($0.judged.file.fileName, $0.name) }, uniquingKeysWith: { a, _ in a })

        func page(_ template: String, _ model: PageModel) -> [UInt8] {
            Array((library.render(model, withTemplate: template) ?? "").utf8)
        }

        /// A lesson's (or the landing page's) content, with its headings, the problems found
        /// and the images shown. `models` keeps the cells' models, whose highlighting and charts
        /// are most of the work, for the lesson's other page (its page and the print page).
        @Sendable func content(
            of lesson: Lesson, page: LessonPage?, idPrefix: String, printPage: Bool, models: CellModels
        ) -> RenderedContent {
            let collector = ProblemCollector()
            let link = { (destination: String) in
                Self.rewrite(destination, lessonNames: lessonNames, printPage: printPage, currentPrefix: idPrefix)
            }
            var converter = MarkdownHTML(
                lesson: lesson, idPrefix: idPrefix,
                reserved: printPage ? [] : Self.templateIDs + lesson.cells.map { "cell-\($0.index + 1)" },
                cell: { index in
                    let cell = lesson.cells[index]
                    guard cell.isShown else { return "" }
                    var model: CellModel
                    if let made = models.byCell[index] {
                        model = made
                    } else {
                        model = CellHTML.model(for: cell, in: page?.judged, idPrefix: "", problems: &collector.problems)
                        models.byCell[index] = model
                    }
                    model.id = idPrefix + model.id
                    return library.render(model, withTemplate: "cell") ?? ""
                },
                link: link)
            let html = converter.render(lesson.document)
            return RenderedContent(
                html: html, headings: converter.headings, problems: converter.problems + collector.problems,
                images: converter.images)
        }
        func keep(_ rendered: RenderedContent) -> RenderedContent {
            problems += rendered.problems
            images += rendered.images
            return rendered
        }

        // Each lesson's page content and print-page content, lessons in parallel (they share nothing).
        let lessonContents = parallelMap(count: lessons.count, jobs: ProcessInfo.processInfo.activeProcessorCount) { position in
            let lessonPage = lessons[position]
            let models = CellModels()
            return (page: content(of: lessonPage.lesson, page: lessonPage, idPrefix: "", printPage: false, models: models),
                    print: content(of: lessonPage.lesson, page: lessonPage, idPrefix: lessonPage.name + "-", printPage: true, models: models))
        }
        let indexModels = CellModels()

        let href = { (page: LessonPage) in page.name + ".html" }
        func toc(current: Int?, sections: [PageModel.Section]) -> [PageModel.TOCEntry] {
            lessons.enumerated().map { position, page in
                PageModel.TOCEntry(
                    number: page.number, title: page.lesson.title, href: href(page),
                    summary: page.lesson.frontMatter.summary, current: position == current,
                    sections: position == current ? sections : [], hasSections: position == current && !sections.isEmpty,
                    failed: page.failureCount > 0)
            }
        }
        func model(title: String, description: String?, content: String, toc: [PageModel.TOCEntry]) -> PageModel {
            PageModel(
                pageTitle: title == courseTitle ? title : "\(title) · \(courseTitle)", courseTitle: courseTitle,
                description: description, content: content, toc: toc, indexCurrent: false, lessonNumber: nil,
                previous: nil, next: nil, failureCount: 0, failureSummary: "", hasFailures: false, lessonProblems: [], printLessons: [],
                generator: "course build")
        }

        // The landing page.
        var indexModel = model(title: courseTitle, description: course.index?.frontMatter.summary, content: "", toc: toc(current: nil, sections: []))
        indexModel.indexCurrent = true
        if let index = course.index {
            let rendered = keep(content(of: index, page: nil, idPrefix: "", printPage: false, models: indexModels))
            indexModel.content = rendered.html
            search.add(page: courseTitle, url: "index.html", document: index.document, headings: rendered.headings)
        }
        if let first = lessons.first {
            indexModel.next = PageModel.Link(title: first.lesson.title, href: href(first), number: first.number)
        }
        files["index.html"] = page("index", indexModel)

        // One page per lesson.
        for (position, lessonPage) in lessons.enumerated() {
            let lesson = lessonPage.lesson
            let rendered = keep(lessonContents[position].page)
            let (html, headings) = (rendered.html, rendered.headings)
            let sections = headings.filter { $0.level == 2 }.map { PageModel.Section(title: $0.text, href: "#" + $0.id) }
            var pageModel = model(title: lesson.title, description: lesson.frontMatter.summary, content: html, toc: toc(current: position, sections: sections))
            pageModel.pageSections = headings.filter { $0.level == 2 || $0.level == 3 }
                .map { PageModel.PageSection(title: $0.text, href: "#" + $0.id, level: $0.level) }
            pageModel.hasPageSections = pageModel.pageSections.count > 1
            pageModel.editURL = course.layout?.editURL(for: lessonPage.judged.file)
            pageModel.lessonNumber = lessonPage.number
            pageModel.lessonName = lessonPage.name
            pageModel.previous = position == 0
                ? PageModel.Link(title: courseTitle, href: "index.html")
                : PageModel.Link(title: lessons[position - 1].lesson.title, href: href(lessons[position - 1]), number: lessons[position - 1].number)
            if position + 1 < lessons.count {
                let next = lessons[position + 1]
                pageModel.next = PageModel.Link(title: next.lesson.title, href: href(next), number: next.number)
            }
            pageModel.failureCount = lessonPage.failureCount
            pageModel.hasFailures = lessonPage.failureCount > 0
            pageModel.failureSummary = lessonPage.failureCount == 1
                ? "1 check failed in this lesson." : "\(lessonPage.failureCount) checks failed in this lesson."
            pageModel.lessonProblems = lessonPage.problems.map(\.description)
            files[href(lessonPage)] = page("lesson", pageModel)
            search.add(page: lesson.title, url: href(lessonPage), document: lesson.document, headings: headings)
        }

        // Every page on one page, to print or read offline in one go.
        var printModel = model(title: "Print", description: nil, content: "", toc: toc(current: nil, sections: []))
        printModel.pageTitle = courseTitle
        if let index = course.index {
            let rendered = keep(content(of: index, page: nil, idPrefix: "index-", printPage: true, models: indexModels))
            printModel.printLessons.append(.init(id: "index", content: rendered.html))
        }
        for (position, lessonPage) in lessons.enumerated() {
            let html = keep(lessonContents[position].print).html
            printModel.printLessons.append(.init(id: lessonPage.name, content: html))
        }
        files["print.html"] = page("print", printModel)

        // Served for a missing address at any depth, where assets/ is not beside it: it carries its styles.
        var notFound = model(title: "Page not found", description: nil, content: "", toc: toc(current: nil, sections: []))
        notFound.inlineStyle = theme.assets["style.css"].map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/") }
        files["404.html"] = page("404", notFound)
        files["search-index.json"] = Array(search.json.utf8)
        files["search-index.js"] = Array(search.script.utf8)
        for (path, bytes) in theme.assets { files["assets/" + path] = bytes }

        var seen = Set<Diagnostic>()
        var seenImages = Set<String>()
        return RenderedSite(
            files: files, problems: problems.filter { seen.insert($0).inserted },
            images: images.filter { seenImages.insert($0).inserted })
    }

    /// A link's destination as the site needs it: a link to a lesson's Markdown file goes to
    /// its page (on the print page, to its section), other links are left alone.
    static func rewrite(_ destination: String, lessonNames: [String: String], printPage: Bool, currentPrefix: String) -> String {
        guard !MarkdownHTML.isExternal(destination) else { return destination }
        let (path, fragment): (Substring, Substring?) = {
            guard let hash = destination.firstIndex(of: "#") else { return (destination[...], nil) }
            return (destination[..<hash], destination[destination.index(after: hash)...])
        }()
        if path.isEmpty {
            guard printPage, let fragment else { return destination }
            return "#" + currentPrefix + fragment
        }
        let file = path.split(separator: "/").last.map(String.init) ?? String(path)
        let name: String
        if file == "index.md" {
            name = "index"
        } else if let lesson = lessonNames[file] {
            name = lesson
        } else {
            return destination
        }
        if printPage {
            return "#" + name + (fragment.map { "-" + $0 } ?? "")
        }
        return name + ".html" + (fragment.map { "#" + $0 } ?? "")
    }
}

/// Problems found while drawing cells (the cell closure cannot take `inout`).
private final class ProblemCollector {
    var problems: [Diagnostic] = []
}

/// A page's content as HTML, with what rendering it found.
struct RenderedContent: Sendable {
    var html: String
    var headings: [MarkdownHTML.Heading]
    var problems: [Diagnostic]
    var images: [String]
}

/// A lesson that has a page: its judgement, with the parsed lesson it holds.
struct LessonPage: Sendable {
    var judged: JudgedLesson
    var lesson: Lesson
    var number: Int { judged.file.number }
    /// `01-perceptron`: the page is `01-perceptron.html`.
    var name: String { judged.file.pageName }
    var failureCount: Int { judged.failed }
    var problems: [Diagnostic] { judged.problems }
}

/// One lesson's cell models by cell index, made once for its two pages (one thread at a time).
final class CellModels: @unchecked Sendable {
    var byCell: [Int: CellModel] = [:]
}
