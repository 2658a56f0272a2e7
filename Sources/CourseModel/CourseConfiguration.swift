/// What a course says of itself in the optional `course.yml` at its root. Every key is
/// optional; without the file a course is this project's layout (`Lessons/`, and the lesson
/// library compiled by the runner from `Sources/Neural` and `Sources/Charts`).
///
/// ```yaml
/// title: Swift Algorithms, by example       # the site's title (default: Lessons/index.md's)
/// repository: https://github.com/me/guides  # for "edit this page"
/// edit-url: https://github.com/me/guides/edit/main/{path}   # default: derived from repository
/// lessons: Guides                           # the lessons' folder (default: Lessons)
/// libraries: [Algorithms, Guides]           # library products of the root Package.swift
/// ```
///
/// `libraries: []` says the lessons import no library of the course: they use the standard
/// library and Foundation only (a guide to Swift itself), and the course needs no `Sources/`.
public struct CourseConfiguration: Hashable, Sendable {
    /// The file's name, at the course root.
    public static let fileName = "course.yml"

    public var title: String?
    /// The course's source repository, e.g. `https://github.com/OWNER/REPO`.
    public var repository: String?
    /// An explicit "edit this page" address with `{path}` where the lesson's path (relative
    /// to the course root) goes.
    public var editURL: String?
    /// The lessons' folder, relative to the root.
    public var lessons: String
    /// Library products of the course root's `Package.swift` that lessons import, built by
    /// SwiftPM with their dependencies; nil: the runner's built-in lesson library; empty: none
    /// (the standard library and Foundation only).
    public var libraries: [String]?
    /// Where `libraries` is written (`course.yml:LINE`), for errors about building them.
    public var librariesLocation: SourceLocation?

    public init(title: String? = nil, repository: String? = nil, editURL: String? = nil, lessons: String = "Lessons",
                libraries: [String]? = nil, librariesLocation: SourceLocation? = nil) {
        self.title = title
        self.repository = repository
        self.editURL = editURL
        self.lessons = lessons
        self.libraries = libraries
        self.librariesLocation = librariesLocation
    }

    /// The "edit this page" template, with `{path}`: `edit-url` when given; else, for a
    /// repository on GitHub, Codeberg or GitLab, its editor on the `main` branch
    /// (`REPOSITORY/edit/main/{path}`, GitLab's `/-/edit/main/{path}`); else none.
    public var editURLTemplate: String? {
        if let editURL { return editURL }
        guard var base = repository else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix(".git") { base.removeLast(4) }
        let host = base.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
        guard base.hasPrefix("https://") || base.hasPrefix("http://") else { return nil }
        switch host {
        case "github.com", "www.github.com", "codeberg.org": return base + "/edit/main/{path}"
        case "gitlab.com": return base + "/-/edit/main/{path}"
        default: return nil
        }
    }

    /// The "edit this page" address of the file at `path` (relative to the course root), its
    /// characters percent-encoded as a URL path needs; nil without a template that holds `{path}`.
    public func editURL(forPath path: String) -> String? {
        guard let template = editURLTemplate, template.contains("{path}") else { return nil }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        let encoded = path.utf8.map { byte in
            allowed.contains(byte) ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }.joined()
        return template.replacingOccurrences(of: "{path}", with: encoded)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
