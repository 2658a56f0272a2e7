// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "NeuralCourse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "course", targets: ["course"]),
        .library(name: "Neural", targets: ["Neural"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // MARK: Core library the lessons teach (also compiled by the runner, at -O, for lesson programs)
        .systemLibrary(
            name: "CBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(
            name: "Neural",
            dependencies: [.target(name: "CBLAS", condition: .when(platforms: [.linux]))]
        ),
        // Charts for lessons: a chart value a lesson shows, drawn as SVG (site) or Unicode (terminal).
        .target(name: "Charts", dependencies: ["Neural"]),
        .executableTarget(
            name: "Benchmarks",
            dependencies: ["Neural"],
            path: "Benchmarks",
            exclude: ["torch_bench.py", "numpy_bench.py", "run.sh"]
        ),

        // MARK: Pipeline stages (DESIGN.md: parse -> execute -> check -> render)
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "CourseModel"),
        .target(name: "LessonParsing", dependencies: ["CourseModel", "CMark", "Yams"]),
        .target(name: "LessonExecution", dependencies: ["CourseModel"]),
        .target(name: "OutputChecking", dependencies: ["CourseModel"]),
        .target(
            name: "SwiftHighlighting",
            dependencies: [
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ]
        ),
        .target(name: "MathRendering"),
        .target(
            name: "SiteRendering",
            dependencies: [
                "CourseModel", "SwiftHighlighting", "MathRendering", "Charts",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "TerminalRendering",
            dependencies: ["CourseModel", "SwiftHighlighting", "MathRendering", "Charts"]
        ),
        .target(
            name: "CoursePipeline",
            dependencies: [
                "CourseModel", "LessonParsing", "LessonExecution", "OutputChecking", "SiteRendering",
                "TerminalRendering",
            ]
        ),

        // MARK: Command-line interface
        .executableTarget(
            name: "course",
            dependencies: [
                "CoursePipeline", "TerminalRendering",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests (one target per module, plus end-to-end tests on fixture courses)
        .testTarget(name: "NeuralTests", dependencies: ["Neural"]),
        .testTarget(name: "LessonParsingTests", dependencies: ["LessonParsing", "CourseModel"]),
        .testTarget(name: "LessonExecutionTests", dependencies: ["LessonExecution", "CourseModel"]),
        .testTarget(name: "OutputCheckingTests", dependencies: ["OutputChecking", "CourseModel"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "SwiftHighlightingTests", dependencies: ["SwiftHighlighting"]),
        .testTarget(name: "MathRenderingTests", dependencies: ["MathRendering"]),
        .testTarget(name: "SiteRenderingTests", dependencies: ["SiteRendering", "CourseModel"]),
        .testTarget(name: "TerminalRenderingTests", dependencies: ["TerminalRendering", "CourseModel"]),
        .testTarget(name: "CoursePipelineTests", dependencies: ["CoursePipeline", "CourseModel"]),
    ]
)
