// Templates see stored properties only (Mustache reads values through `Mirror`): every
// field a template uses is stored, computed ones would read as missing. So these models, and
// `CellModel`, are plain lists of stored fields, which look alike.

/// What the theme's templates are given: one value per page, built by `SiteRenderer`.
///
/// Templates read these fields by name (Mustache looks names up through nested values), so
/// renaming a field is a change to the theme's contract: `Site/README.md` lists them.
struct PageModel: Sendable {
    /// A link to another page: its title and relative address.
    struct Link: Sendable {
        var title: String
        var href: String
        var number: Int?
    }

    /// A section of the current lesson, for the sidebar: its heading and anchor.
    typealias Section = Link

    /// A lesson in the table of contents (made once per page, never changed).
    struct TOCEntry: Sendable {
        let number: Int
        let title: String
        let href: String
        let summary: String?
        /// This is the page being shown.
        let current: Bool
        /// Its sections, only on the lesson's own page.
        let sections: [Section]
        let hasSections: Bool
        /// Some of its checks failed (built with `--allow-failures`).
        let failed: Bool
    }

    /// A heading of the page, for its "On this page" list: `##` and `###` headings.
    struct PageSection: Sendable {
        var title: String
        var href: String
        var level: Int
    }

    /// A lesson's content on the print page.
    struct PrintLesson: Sendable {
        var id: String
        var content: String
    }

    /// The `<title>`: the page's title and the course's.
    var pageTitle: String
    var courseTitle: String
    /// The page's summary, for `<meta name="description">`.
    var description: String?
    /// The page's main content, as HTML.
    var content: String
    var toc: [TOCEntry]
    /// The course landing page is the one shown.
    var indexCurrent: Bool
    /// The lesson's number, on a lesson page.
    var lessonNumber: Int?
    /// The lesson's file name without `.md` (`01-perceptron`): how the notebook's API names it.
    var lessonName: String?
    var previous: Link?
    var next: Link?
    /// How many checks failed in this lesson (built with `--allow-failures`), and the
    /// problems that belong to no cell.
    var failureCount: Int
    /// "2 checks failed in this lesson."
    var failureSummary: String
    var hasFailures: Bool
    var lessonProblems: [String]
    /// The print page's lessons.
    var printLessons: [PrintLesson]
    /// The lesson's sections for the "On this page" list (lesson pages).
    var pageSections: [PageSection] = []
    var hasPageSections: Bool = false
    /// Where the lesson's source can be edited (`CourseLayout.editURL(for:)`: `course.yml`'s edit address with its path), if set.
    var editURL: String?
    /// The stylesheet's text, on a page that must carry it (the 404 page, served at any depth):
    /// the layout inlines it instead of linking `assets/style.css`.
    var inlineStyle: String?
    /// The year and the generator, for the footer.
    var generator: String
}

