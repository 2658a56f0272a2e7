import CourseModel
import Foundation
import Mustache

/// A site theme: Mustache templates and the assets copied beside the pages, read from a
/// folder (`Site/` in a course) so that an author changes the site without touching Swift.
///
/// ```
/// Site/templates/*.mustache   layout, lesson, index, print, 404, cell, and partials
/// Site/assets/...             copied to the site's assets/ folder as they are
/// ```
public struct Theme: Sendable {
    /// The templates the renderer calls by name; partials may add more.
    public static let requiredTemplates = ["layout", "lesson", "index", "print", "404", "cell"]

    /// Template text by name (the file name without `.mustache`).
    public var templates: [String: String]
    /// Asset bytes by path relative to `assets/` (`style.css`, `site.js`).
    public var assets: [String: [UInt8]]
    /// The folder it was read from, for error messages.
    public var folder: String

    public init(templates: [String: String], assets: [String: [UInt8]], folder: String = "theme") {
        self.templates = templates
        self.assets = assets
        self.folder = folder
    }

    /// Reads the theme in `folder` (`templates/` and `assets/`).
    public static func load(from folder: String) throws(Diagnostic) -> Theme {
        let manager = FileManager.default
        let templatesFolder = folder + "/templates"
        guard let names = try? manager.contentsOfDirectory(atPath: templatesFolder) else {
            throw Diagnostic(.build, at: nil, "no theme in \(folder): \(templatesFolder) cannot be listed (use --theme DIR)")
        }
        var templates: [String: String] = [:]
        for name in names where name.hasSuffix(".mustache") {
            let path = templatesFolder + "/" + name
            guard let data = manager.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw Diagnostic(.build, at: SourceLocation(path: path, line: 1), "cannot read the template")
            }
            templates[String(name.dropLast(".mustache".count))] = text
        }
        var assets: [String: [UInt8]] = [:]
        let assetsFolder = folder + "/assets"
        if let enumerator = manager.enumerator(atPath: assetsFolder) {
            for case let relative as String in enumerator {
                let path = assetsFolder + "/" + relative
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") })
                else { continue }
                guard let data = manager.contents(atPath: path) else {
                    throw Diagnostic(.build, at: SourceLocation(path: path, line: 1), "cannot read the asset")
                }
                assets[relative] = [UInt8](data)
            }
        }
        let theme = Theme(templates: templates, assets: assets, folder: folder)
        _ = try theme.library()
        return theme
    }

    /// The templates parsed, checking that every required one is there.
    func library() throws(Diagnostic) -> MustacheLibrary {
        var library = MustacheLibrary()
        for name in Self.requiredTemplates where templates[name] == nil {
            throw Diagnostic(.build, at: nil, "the theme in \(folder) has no templates/\(name).mustache")
        }
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw Diagnostic(
                    .build, at: SourceLocation(path: "\(folder)/templates/\(name).mustache", line: error.context.lineNumber, column: error.context.columnNumber),
                    "template syntax error: \(error.error)", detail: "    " + error.context.line)
            } catch {
                throw Diagnostic(.build, at: SourceLocation(path: "\(folder)/templates/\(name).mustache", line: 1), "template syntax error: \(error)")
            }
        }
        return library
    }
}
