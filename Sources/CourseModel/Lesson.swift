/// What a lesson's optional YAML front matter may say.
public struct FrontMatter: Hashable, Sendable {
    public var title: String?
    public var summary: String?
    /// Seconds the lesson's program may run before it is killed (default 60).
    public var timeout: Double?
    /// Compile the lesson's own code with `-O` (for lessons that train in top-level loops).
    public var optimize: Bool
    /// Files (relative to the course root) the lesson's code reads: a change to one of them
    /// invalidates the lesson's cached run. Without the list, every file in `Lessons/data/` counts.
    public var data: [String]?

    public init(title: String? = nil, summary: String? = nil, timeout: Double? = nil, optimize: Bool = false,
                data: [String]? = nil) {
        self.title = title
        self.summary = summary
        self.timeout = timeout
        self.optimize = optimize
        self.data = data
    }

    public static let defaultTimeout: Double = 60
}

/// One parsed Markdown lesson.
public struct Lesson: Hashable, Sendable {
    /// The path used in diagnostics (relative to the working directory when possible).
    public var path: String
    /// The file's text exactly as read; `--update` edits a copy of it.
    public var source: String
    public var frontMatter: FrontMatter
    /// The whole document, with each Swift cell as `.cell(index)` and output blocks folded into their cells.
    public var document: MarkdownNode
    public var cells: [Cell]
    /// The lesson's exercises, numbered from 1 in document order. Their cells stay in `cells`
    /// (and in `document` as `.cell(index)`); hints stay in `document` as block quotes.
    public var exercises: [Exercise]

    public init(path: String, source: String, frontMatter: FrontMatter, document: MarkdownNode, cells: [Cell],
                exercises: [Exercise] = []) {
        self.path = path
        self.source = source
        self.frontMatter = frontMatter
        self.document = document
        self.cells = cells
        self.exercises = exercises
    }

    /// The exercise whose `exercise`, `solution` or `check` cell has this index.
    public func exercise(containingCell index: Int) -> Exercise? {
        exercises.first { $0.cellIndexes.contains(index) }
    }

    /// The front matter's title, else the text of the first level-1 heading, else the file name.
    public var title: String {
        if let title = frontMatter.title { return title }
        if case .document(let blocks) = document {
            for case .heading(1, let children, _) in blocks { return MarkdownNode.plainText(children) }
        }
        return path.split(separator: "/").last.map(String.init) ?? path
    }
}
