import CourseModel
import Testing
@testable import LessonParsing

/// `course.yml`: every key, checked at its line; "edit this page" addresses.
@Suite struct CourseConfigurationTests {
    func read(_ text: String) -> String {
        let (configuration, problems) = CourseConfigurationParser.parse(text, path: "course.yml")
        if !problems.isEmpty { return problems.map(\.description).joined(separator: "\n") + "\n" }
        return """
            title \(configuration.title ?? "nil")
            repository \(configuration.repository ?? "nil")
            edit \(configuration.editURLTemplate ?? "nil")
            lessons \(configuration.lessons)
            libraries \(configuration.libraries?.joined(separator: ",") ?? "nil") at \(configuration.librariesLocation?.description ?? "nil")

            """
    }

    @Test func everyKey() {
        #expect(read("""
            title: Swift Algorithms, by example
            repository: https://github.com/example/guides.git
            lessons: Guides/
            libraries: [Algorithms, Guides]
            """) == """
            title Swift Algorithms, by example
            repository https://github.com/example/guides.git
            edit https://github.com/example/guides/edit/main/{path}
            lessons Guides
            libraries Algorithms,Guides at course.yml:4

            """)
    }

    @Test func noFileOrAnEmptyOneIsTheDefault() {
        #expect(read("") == """
            title nil
            repository nil
            edit nil
            lessons Lessons
            libraries nil at nil

            """)
    }

    @Test func theEditAddressComesFromTheRepositoryOrIsGiven() {
        func template(_ repository: String?, _ editURL: String? = nil) -> String? {
            CourseConfiguration(repository: repository, editURL: editURL).editURLTemplate
        }
        #expect(template("https://github.com/o/r") == "https://github.com/o/r/edit/main/{path}")
        #expect(template("https://github.com/o/r/") == "https://github.com/o/r/edit/main/{path}")
        #expect(template("https://gitlab.com/o/r") == "https://gitlab.com/o/r/-/edit/main/{path}")
        #expect(template("https://codeberg.org/o/r") == "https://codeberg.org/o/r/edit/main/{path}")
        #expect(template("https://git.example.com/o/r") == nil)
        #expect(template("git@github.com:o/r.git") == nil)
        #expect(template(nil, "https://example.com/edit?file={path}") == "https://example.com/edit?file={path}")
        let layout = CourseLayout(root: "/courses/guides", configuration: CourseConfiguration(repository: "https://github.com/o/r", lessons: "Guides"))
        let lesson = CourseLayout.LessonFile(path: "/courses/guides/Guides/01-a.md", displayPath: "Guides/01-a.md")!
        #expect(layout.editURL(for: lesson) == "https://github.com/o/r/edit/main/Guides/01-a.md")
        #expect(CourseLayout(root: "/courses/guides").editURL(for: lesson) == nil)
    }

    @Test func everyProblemAtItsLine() {
        #expect(read("title: A\nlessons: Lessons\ntitle: again\n") == "course.yml:3: error: course.yml repeats the key 'title'\n")
        #expect(read("""
            title: [a, b]
            edit-url: https://example.com/edit
            lessons: ../elsewhere
            libraries: [Neural, two words]
            colour: blue
            """) == """
            course.yml:1: error: 'title' must be a string, not a list
            course.yml:2: error: 'edit-url' must be an address with {path} where the lesson's path goes (e.g. https://github.com/OWNER/REPO/edit/main/{path}), not 'https://example.com/edit'
            course.yml:3: error: 'lessons' must be a folder under the course root (e.g. Lessons), not '../elsewhere'
            course.yml:4: error: 'libraries' must list library products of the root Package.swift (e.g. [Neural, Charts], or [] for none), and 'two words' is not a product's name
            course.yml:5: error: unknown key 'colour' in course.yml (known: title, repository, edit-url, lessons, libraries)

            """)
        #expect(read("libraries: {a: b}\n").contains("not 'a mapping'"))
        #expect(read("- a\n- b\n") == "course.yml:1: error: course.yml must be a YAML mapping of keys to values\n")
        #expect(read("title: [unclosed\n").hasPrefix("course.yml:1: error: invalid YAML in course.yml"))
    }
}
