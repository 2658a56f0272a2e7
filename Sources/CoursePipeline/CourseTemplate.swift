import CourseModel

/// The files `course init` writes: a course with a small library and a first lesson that uses
/// every kind of cell a new author needs, all of which pass.
enum CourseTemplate {
    static func files(library name: String) -> [String: String] {
        [
            "Package.swift": packageManifest(name),
            "Sources/\(name)/Statistics.swift": librarySource,
            CourseConfiguration.fileName: configuration(name),
            "Lessons/index.md": index(name),
            "Lessons/01-first-steps.md": firstLesson(name),
            ".gitignore": "# Written by course init: build products, the built site, a learner's files.\n.build/\n_site/\nworkspace/\nPackage.resolved\n",
        ]
    }

    /// A module name made from a folder's name: its words capitalized and joined
    /// (`my-first-course` is `MyFirstCourse`); `Course` before one that starts with a digit.
    static func moduleName(forFolder folder: String) -> String {
        let words = folder.split { !($0.isLetter || $0.isNumber) || !$0.isASCII }
        var name = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if name.isEmpty || name.first!.isNumber { name = "Course" + name }
        return ["CourseLibraries", "CourseSupport", "Swift", "Foundation"].contains(name) ? name + "Library" : name
    }

    static func isModuleName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
    }

    static func packageManifest(_ name: String) -> String {
        """
        // swift-tools-version: 6.0
        // The library this course's lessons import (course.yml names it): lessons run against it,
        // built by SwiftPM in release mode. Add dependencies as in any package.
        import PackageDescription

        let package = Package(
            name: "\(name)",
            products: [.library(name: "\(name)", targets: ["\(name)"])],
            targets: [.target(name: "\(name)")]
        )

        """
    }

    static let librarySource = """
        /// The mean of some numbers: their sum divided by their count.
        ///
        /// A mistake (no numbers at all) stops the program with a message at the caller's line,
        /// which `course check` reports at the lesson's line.
        ///
        /// - Parameters:
        ///   - values: The numbers, at least one.
        public func mean(_ values: [Double], file: StaticString = #filePath, line: UInt = #line) -> Double {
            if values.isEmpty { fatalError("the mean of no numbers is undefined", file: file, line: line) }
            return values.reduce(0, +) / Double(values.count)
        }

        """

    static func configuration(_ name: String) -> String {
        """
        # What this course says of itself (every key is optional).
        title: \(name)
        # repository: https://github.com/OWNER/REPO   # gives each page an "edit this page" link
        lessons: Lessons
        libraries: [\(name)]

        """
    }

    static func index(_ name: String) -> String {
        """
        # \(name)

        A course whose every example runs: `course check` compiles and runs each Swift code block
        of the lessons against the library in `Sources/\(name)` and compares what it prints with
        what the lessons say; `course build` makes the site; `course read 1` shows lesson 1 in the
        terminal.

        """
    }

    static func firstLesson(_ name: String) -> String {
        """
        ---
        title: First steps
        summary: A cell, its output, the Swift book's way of stating it, and an exercise.
        ---

        # First steps

        Each Swift code block runs, in order, in one program: a later block sees what an earlier
        one declared. What a block prints is compared with the `output` block after it, and a
        number matches to the precision written:

        ```swift
        import \(name)

        let temperatures = [18.5, 21.0, 19.5]
        print(mean(temperatures))
        ```

        ```output
        19.67
        ```

        A `prints` block states what each statement prints in comments after it, as the Swift
        book does:

        ```swift prints
        let doubled = temperatures.map { $0 * 2 }
        print(doubled)  // Prints "[37.0, 42.0, 39.0]"
        for value in doubled.prefix(2) {
            print(value)
        }
        // Prints "37.0"
        // Prints "42.0"
        ```

        An `isolated` block has a scope of its own: it may declare a name again.

        ```swift isolated prints
        let temperatures = [10.0, 20.0]
        print(mean(temperatures))  // Prints "15.0"
        ```

        A `trap` block must stop with an error, and states its message:

        ```swift trap
        print(mean([]))
        ```

        ```output
        Fatal error: the mean of no numbers is undefined
        ```

        ### Exercise: the spread

        Write `spread(_:)`, the largest value minus the smallest (`course exercise 1`).

        ```swift exercise
        func spread(_ values: [Double]) -> Double {
            // TODO: return the largest value minus the smallest
            return 0
        }
        ```

        ```swift solution
        func spread(_ values: [Double]) -> Double {
            values.max()! - values.min()!
        }
        ```

        ```swift check
        expect(spread([3, 1, 2]) == 2, "the spread of 3, 1 and 2 is 2, got \\(spread([3, 1, 2]))")
        ```

        > **Hint:** arrays have `max()` and `min()`.

        """
    }
}
