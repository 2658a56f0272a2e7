// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "NeuralCourse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "course", targets: ["course"]),
        .library(name: "Neural", targets: ["Neural"]),
        // The charts lessons show: with Neural, what this course's course.yml names as its libraries.
        .library(name: "Charts", targets: ["Charts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // MARK: Core library the lessons teach (also compiled by the runner, at -O, for lesson programs)
        // The matrix product, in C: it picks an AVX2+FMA kernel at run time where the CPU has
        // one (Swift cannot compile one function for a CPU feature), with the same bits as its
        // portable loop. Optimized in debug builds too, as Neural is.
        .target(
            name: "NeuralKernels",
            cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]
        ),
        .target(
            name: "Neural",
            dependencies: ["NeuralKernels"],
            // Optimized in debug builds too: the tests train networks, and the runner builds the
            // library with -O for lessons anyway, so tests exercise the code lessons run.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // Charts for lessons: a chart value a lesson shows, drawn as SVG (site) or Unicode (terminal).
        .target(name: "Charts", dependencies: ["Neural", "CourseSupport"]),
        // The runner's support module, linked into every lesson program: the stream protocol
        // (`CourseRuntimeEvent`), cell hooks, `expect`. Its one source file is a resource of
        // LessonExecution (which compiles it into lesson libraries); this target links to it.
        .target(name: "CourseSupport", swiftSettings: [.swiftLanguageMode(.v5)]),
        // The system BLAS, for the benchmark's reference figures only: Neural multiplies with
        // its own kernels, whose results do not depend on the CPU.
        .systemLibrary(
            name: "CBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .executableTarget(
            name: "Benchmarks",
            dependencies: ["Neural", .target(name: "CBLAS", condition: .when(platforms: [.linux]))],
            path: "Benchmarks/Neural",
            exclude: ["torch_bench.py", "numpy_bench.py", "run.sh"],
            swiftSettings: [.swiftLanguageMode(.v5)]  // a top-level script
        ),

        // MARK: Pipeline stages (DESIGN.md: parse -> execute -> check -> render)
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // Shared plumbing every stage may use: atomic writes, file stamps, the terminal's raw
        // mode, escaping, line splitting, parallel map. Knows nothing of courses.
        .target(name: "Plumbing"),
        .target(name: "CourseModel", dependencies: ["Plumbing"]),
        // swift-syntax finds the statements a `prints` cell's `// Prints` comments follow.
        .target(
            name: "LessonParsing",
            dependencies: [
                "CourseModel", "Plumbing", "CMark", "Yams",
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ]
        ),
        .target(
            name: "LessonExecution", dependencies: ["CourseModel", "Plumbing", "CourseSupport"],
            resources: [.copy("Runtime/CourseSupport.swift")]
        ),
        .target(name: "OutputChecking", dependencies: ["CourseModel", "Plumbing"]),
        .target(
            name: "SwiftHighlighting",
            dependencies: [
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ]
        ),
        .target(name: "MathRendering", dependencies: ["Plumbing"]),
        .target(
            name: "SiteRendering",
            dependencies: [
                "CourseModel", "Plumbing", "SwiftHighlighting", "MathRendering", "Charts",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "TerminalRendering",
            dependencies: ["CourseModel", "Plumbing", "SwiftHighlighting", "MathRendering", "Charts"]
        ),
        // `course serve`'s HTTP server (FlyingFox): the site, live reload, the notebook's API,
        // behind the token, Host and Origin checks. Knows nothing of lessons.
        .target(name: "CourseServer", dependencies: [.product(name: "FlyingFox", package: "FlyingFox")]),
        .target(
            name: "CoursePipeline",
            dependencies: [
                "CourseModel", "Plumbing", "LessonParsing", "LessonExecution", "OutputChecking", "SiteRendering",
                "TerminalRendering", "CourseServer", "Charts",
            ]
        ),

        // MARK: Command-line interface
        .executableTarget(
            name: "course",
            dependencies: [
                "CoursePipeline", "TerminalRendering", "Plumbing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Fuzzing (Scripts/fuzz.sh): the properties, and one libFuzzer target per fuzzed component.
        // A plain build makes the targets replayers of saved inputs; see Fuzz/README.md.
        .target(
            name: "FuzzProperties",
            dependencies: ["CourseModel", "LessonParsing", "OutputChecking", "MathRendering"],
            path: "Fuzz/Properties"
        ),
        .executableTarget(name: "FuzzLessonParser", dependencies: ["FuzzProperties"], path: "Fuzz/FuzzLessonParser"),
        .executableTarget(name: "FuzzOutputMatcher", dependencies: ["FuzzProperties"], path: "Fuzz/FuzzOutputMatcher"),
        .executableTarget(name: "FuzzMathRenderer", dependencies: ["FuzzProperties"], path: "Fuzz/FuzzMathRenderer"),

        // MARK: Tests (one target per module, plus end-to-end tests on fixture courses)
        // What several test targets share: `.offThePool` (blocking tests on threads of their
        // own, off the cooperative pool that in-process servers need) and `blocking`.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NeuralTests", dependencies: ["Neural", "TestSupport"]),
        // With cmark itself and the promoter: the spec's examples, read by both and rewritten.
        .testTarget(name: "LessonParsingTests", dependencies: ["LessonParsing", "CourseModel", "CMark", "OutputChecking", "Plumbing", "Neural"]),
        .testTarget(name: "LessonExecutionTests", dependencies: ["LessonExecution", "CourseModel", "TestSupport"]),
        .testTarget(name: "OutputCheckingTests", dependencies: ["OutputChecking", "CourseModel"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "SwiftHighlightingTests", dependencies: ["SwiftHighlighting"]),
        .testTarget(name: "MathRenderingTests", dependencies: ["MathRendering"]),
        .testTarget(name: "SiteRenderingTests", dependencies: ["SiteRendering", "CourseModel", "LessonParsing"]),
        .testTarget(name: "TerminalRenderingTests", dependencies: ["TerminalRendering", "CourseModel"]),
        .testTarget(name: "CourseServerTests", dependencies: ["CourseServer", "TestSupport"]),
        .testTarget(name: "CoursePipelineTests", dependencies: ["CoursePipeline", "CourseModel", "TestSupport"]),
        // Every saved fuzz input (regressions and seed corpora) through the fuzz targets' properties.
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzProperties"]),
    ]
)
