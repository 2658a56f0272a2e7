/// What a renderer is given: the judged course, and how to draw it.
///
/// The model is mdBook's `RenderContext`: renderers never run, parse or judge anything; they
/// turn the judged course into their output, and the pipeline writes it where it belongs.
public struct RenderContext: Sendable {
    public var course: JudgedCourse
    /// Whether the output may use ANSI colors (terminals, logs).
    public var color: Bool
    /// Columns to fit, for renderers that wrap text.
    public var width: Int

    public init(course: JudgedCourse, color: Bool = false, width: Int = 80) {
        self.course = course
        self.color = color
        self.width = width
    }
}

/// A stage that draws the judged course (mdBook's `Renderer`): the static site, the terminal,
/// JUnit XML and the JSON report are its conformers.
public protocol CourseRenderer: Sendable {
    associatedtype Output
    /// The renderer's name, as an option would name it (`site`, `terminal`, `junit`, `json`).
    var name: String { get }
    /// Draws the course; throws only when nothing can be drawn (a broken theme). Problems
    /// found while drawing one page belong in the output (`RenderedSite.problems`).
    func render(_ context: RenderContext) throws(Diagnostic) -> Output
}
