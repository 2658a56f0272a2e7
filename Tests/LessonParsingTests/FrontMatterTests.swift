import CourseModel
import LessonParsing
import Testing

@Suite struct FrontMatterTests {
    @Test func validFrontMatter() {
        let source = """
            ---
            title: Hello
            summary: "A lesson: the start"
            timeout: 30
            optimize: true
            ---
            # Heading

            """
        #expect(parsed(source) == """
            front matter: title "Hello", summary "A lesson: the start", timeout 30.0, optimize true
            document
              heading 1 line 7
                text "Heading"

            """)
    }

    @Test func frontMatterIsBlankedForCmark() {
        // Without blanking, `---` after "title: x" would make a setext heading.
        #expect(parsed("---\ntimeout: 2.5\n...\n```swift\n```\n") == """
            front matter: title nil, summary nil, timeout 2.5, optimize false
            cell 0 lines 4-5 fence ``` prefix "" column 0
              code ""
            document
              cell 0

            """)
    }

    @Test func emptyFrontMatter() {
        #expect(parsed("---\n---\ntext\n") == "document\n  paragraph\n    text \"text\"\n")
    }

    @Test func unknownKeyAndBadTypes() {
        let source = """
            ---
            title:
              - a
            timeout: -1
            optimize: yes please
            author: me
            ---

            """
        #expect(parsed("---\ntitle: 1984\ntimeout: 0\n---\n") == """
            lesson.md:3: error: front matter key 'timeout' must be a number of seconds greater than 0, not '0'

            """)
        #expect(parsed(source) == """
            lesson.md:3: error: front matter key 'title' must be a string, not a list
            lesson.md:4: error: front matter key 'timeout' must be a number of seconds greater than 0, not '-1'
            lesson.md:5: error: front matter key 'optimize' must be true or false, not 'yes please'
            lesson.md:6: error: unknown front matter key 'author' (known: title, summary, timeout, optimize, data)

            """)
    }

    @Test func invalidYAML() {
        #expect(parsed("---\ntitle: ok\nsummary: a: b\n---\n") == """
            lesson.md:3: error: invalid YAML in front matter: mapping values are not allowed in this context

            """)
        #expect(parsed("---\ntitle: [a\n---\n") == """
            lesson.md:2: error: invalid YAML in front matter: did not find expected ',' or ']'

            """)
        #expect(parsed("---\ntitle: a\ntimeout: 3\ntitle: b\n---\n") == """
            lesson.md:4: error: front matter repeats the key 'title'

            """)
        #expect(parsed("---\n\"a\n---\n") == """
            lesson.md:2: error: invalid YAML in front matter: found unexpected end of stream

            """)
        #expect(parsed("---\n- a\n---\n") == """
            lesson.md:2: error: front matter must be a YAML mapping of keys to values

            """)
    }

    @Test func unclosedFrontMatter() {
        #expect(parsed("---\ntitle: x\n\n# Heading\n") == """
            lesson.md:1: error: front matter is never closed: end it with a line '---'

            """)
    }

    @Test func crlfFrontMatter() {
        #expect(parsed("---\r\ntitle: A\r\nfoo: 1\r\n---\r\n") == """
            lesson.md:3: error: unknown front matter key 'foo' (known: title, summary, timeout, optimize, data)

            """)
    }
}

@Suite struct DataFrontMatterTests {
    @Test func dataListsTheFilesALessonReads() throws {
        let lesson = try LessonParser.parse(source: "---\ndata: [Lessons/data/digits.csv, Lessons/data/rows.txt]\n---\n# T\n", path: "l.md")
        #expect(lesson.frontMatter.data == ["Lessons/data/digits.csv", "Lessons/data/rows.txt"])
        let single = try LessonParser.parse(source: "---\ndata: Lessons/data/x.txt\n---\n", path: "l.md")
        #expect(single.frontMatter.data == ["Lessons/data/x.txt"])
    }

    @Test func dataOutsideTheCourseIsRefused() {
        for bad in ["[/etc/passwd]", "[../secret]", "[Lessons/../../x]", "{a: 1}", "[[nested]]"] {
            #expect(throws: Diagnostics.self, "\(bad)") {
                try LessonParser.parse(source: "---\ndata: \(bad)\n---\n", path: "l.md")
            }
        }
    }
}
