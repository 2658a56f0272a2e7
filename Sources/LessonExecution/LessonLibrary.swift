import CourseModel
import Foundation
import Plumbing

/// The lesson library compiled once with `-O` into a cache folder keyed by a hash of what
/// went into it: by the runner itself from `Sources/Neural` and `Sources/Charts` (a course
/// without `course.yml`'s `libraries:`), or by SwiftPM from the library products
/// `course.yml` names (`PackageLibrary`); with `libraries: []`, only the runner's support module.
public struct LessonLibrary: Sendable, Hashable, Codable {
    /// Folder holding the shared libraries and the `.swiftmodule`s.
    public var directory: String
    /// The cache key: changes whenever anything that goes into the build changes.
    public var key: String
    /// What lessons import, as the course names it: the modules in build order, or the products.
    public var modules: [String]
    /// Flags that let `swiftc` compile a program that imports and links the library.
    public var compilerFlags: [String]

    /// Library builds kept in the cache (the least recently used go first).
    static let keptBuilds = 4

    /// `-fno-omit-frame-pointer` lets the backtracer walk through library frames to the
    /// lesson's line when a library call traps.
    static let flags = [
        "-O", "-wmo", "-parse-as-library", "-target-cpu", "native", "-suppress-warnings",
        "-Xcc", "-fno-omit-frame-pointer",
    ]

    /// Builds the library for the course at `root`, or reuses the cached build.
    ///
    /// - Parameters:
    ///   - layout: the course: `course.yml`'s `libraries:` are built by SwiftPM, else its
    ///     `libraryModules` by the runner.
    ///   - cache: the folder that holds cached builds (created if missing).
    public static func build(layout: CourseLayout, cache: String, toolchain: Toolchain) throws(Diagnostic) -> LessonLibrary {
        if let products = layout.configuration.libraries, !products.isEmpty {
            return try PackageLibrary.build(products: products, layout: layout, cache: cache, toolchain: toolchain)
        }
        let root = layout.root
        let sources = try librarySources(layout)
        let moduleMaps = moduleMapDirectories(layout)

        var hash = SHA256()
        hash.update(toolchain.version + "\n" + toolchain.cpu + "\n" + flags.joined(separator: " ") + "\n")
        let support = try RuntimeSupport.source()
        hash.update(support)
        for (module, files) in sources {
            for file in files {
                hash.update("\(module)/\(file.relative)\n")
                hash.update((try? Data(contentsOf: URL(fileURLWithPath: file.absolute))) ?? Data())
            }
        }
        for folder in moduleMaps {
            hash.update(folder + "\n")
            hash.update((try? Data(contentsOf: URL(fileURLWithPath: folder + "/module.modulemap"))) ?? Data())
        }
        let key = String(hash.hexDigest().prefix(24))
        let directory = cache + "/library/" + key
        var linkFlags = ["-I", directory, "-L", directory, "-Xlinker", "-rpath", "-Xlinker", directory]
        for folder in moduleMaps { linkFlags += ["-I", folder] }
        for module in [RuntimeSupport.moduleName] + sources.map(\.module) { linkFlags.append("-l\(module)") }
        let library = LessonLibrary(directory: directory, key: key, modules: sources.map(\.module), compilerFlags: linkFlags)
        if FileManager.default.fileExists(atPath: directory + "/.complete") {
            CacheFolder.touch(directory)
            return library
        }

        // Build into a private folder, then move it into place in one step, so that a
        // concurrent or interrupted build never leaves a half-built library behind.
        let staged: StagedFolder
        do {
            staged = try StagedFolder(for: directory)
        } catch {
            throw Diagnostic(.compile, at: nil, "cannot create the library cache: \(error)")
        }
        defer { staged.discard() }
        let staging = staged.path

        var built: [String] = []
        let folders = Dictionary(layout.libraryModules.map { ($0.name, layout.rootRelative($0.folder)) }, uniquingKeysWith: { a, _ in a })
        // The support module first: the library's modules may use it (`Charts` shows charts through it).
        try compileSupport(support, into: staging, toolchain: toolchain, root: root)
        built.append(RuntimeSupport.moduleName)
        for (module, files) in sources {
            let what = folders[module] ?? module
            let cFiles = files.filter { $0.relative.hasSuffix(".c") }
            if cFiles.isEmpty {
                // The library is written in the Swift 6 language mode, as SwiftPM builds it.
                try compileModule(module, files: files.filter { $0.relative.hasSuffix(".swift") }.map(\.absolute), describedAs: what,
                                  into: staging, languageMode: "6", linking: built, moduleMaps: moduleMaps, toolchain: toolchain, root: root)
            } else {
                // A C module (the matrix kernel): a shared library; Swift sees it through its
                // `include/module.modulemap`, one of `moduleMaps`.
                var arguments = ["-O2", "-fPIC", "-shared", "-fno-omit-frame-pointer", "-w", "-o", staging + "/" + Toolchain.sharedLibraryName(module)]
                    + ["-I", (folders[module].map { root + "/" + $0 } ?? "") + "/include"] + cFiles.map(\.absolute)
                #if canImport(Darwin)
                arguments += ["-install_name", "@rpath/" + Toolchain.sharedLibraryName(module)]
                #else
                arguments += ["-lm"]
                #endif
                try run(toolchain.clang, arguments, describedAs: what, root: root)
            }
            built.append(module)
        }
        _ = FileManager.default.createFile(atPath: staging + "/.complete", contents: Data())
        if !staged.publish() || !FileManager.default.fileExists(atPath: directory + "/.complete") {
            throw Diagnostic(.compile, at: nil, "cannot move the library build into \(directory)")
        }
        CacheFolder.keepNewest(keptBuilds, in: cache + "/library")
        return library
    }

    /// Compiles the runner's support module (`source`) into `staging`, in the Swift 5 language
    /// mode (it touches C's stdout, which Swift 6 mode rejects).
    static func compileSupport(_ source: String, into staging: String, toolchain: Toolchain, root: String) throws(Diagnostic) {
        let file = staging + "/\(RuntimeSupport.moduleName).swift"
        try? source.write(toFile: file, atomically: true, encoding: .utf8)
        try compileModule(RuntimeSupport.moduleName, files: [file], describedAs: "the runner's support module", into: staging,
                          languageMode: "5", linking: [], moduleMaps: [], toolchain: toolchain, root: root)
    }

    /// Compiles one Swift module into `staging`: a shared library and its `.swiftmodule`,
    /// linked to the modules `built` before it.
    static func compileModule(
        _ module: String, files: [String], describedAs what: String, into staging: String, languageMode: String,
        linking built: [String], moduleMaps: [String], toolchain: Toolchain, root: String
    ) throws(Diagnostic) {
        var arguments = flags + ["-swift-version", languageMode] + [
            "-module-name", module, "-module-link-name", module,
            "-emit-library", "-o", staging + "/" + Toolchain.sharedLibraryName(module),
            "-emit-module", "-emit-module-path", staging + "/\(module).swiftmodule",
            "-I", staging, "-L", staging,
        ]
        #if canImport(Darwin)
        arguments += ["-Xlinker", "-install_name", "-Xlinker", "@rpath/" + Toolchain.sharedLibraryName(module)]
        #endif
        for folder in moduleMaps { arguments += ["-I", folder] }
        for dependency in built { arguments.append("-l\(dependency)") }
        try run(toolchain.swiftc, arguments + files, describedAs: what, root: root)
    }

    private static func run(_ compiler: String, _ arguments: [String], describedAs what: String, root: String) throws(Diagnostic) {
        let result: (termination: Termination, output: String)
        do {
            result = try ChildProcess.capture(compiler, arguments, directory: root, timeout: 900)
        } catch {
            throw Diagnostic(.compile, at: nil, "cannot run the compiler \(compiler): \(error)")
        }
        guard result.termination == .exited(0) else {
            throw Diagnostic(.compile, at: nil, "the lesson library (\(what)) does not compile", detail: result.output)
        }
    }

    struct SourceFile {
        var absolute: String
        var relative: String
    }

    /// Every `.swift` file of each library module, sorted, so the hash does not depend on directory order.
    static func librarySources(_ layout: CourseLayout) throws(Diagnostic) -> [(module: String, files: [SourceFile])] {
        var result: [(String, [SourceFile])] = []
        for (module, folder, required) in layout.libraryModules {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
                  let enumerator = FileManager.default.enumerator(atPath: folder) else {
                if required {
                    throw Diagnostic(.load, at: nil, "missing library source: \(folder) does not exist (the course's lessons are compiled against it)",
                                     detail: "A course whose lessons import no library of their own says so in \(CourseConfiguration.fileName): libraries: []")
                }
                continue
            }
            // Swift sources, or a C module's sources, headers and module map (all hashed).
            let files = enumerator.compactMap { $0 as? String }
                .filter { [".swift", ".c", ".h", ".modulemap"].contains(where: $0.hasSuffix) }.sorted()
                .map { SourceFile(absolute: folder + "/" + $0, relative: $0) }
            if !files.contains(where: { $0.relative.hasSuffix(".swift") || $0.relative.hasSuffix(".c") }) {
                if required { throw Diagnostic(.load, at: nil, "missing library source: \(folder) has no .swift files") }
                continue
            }
            result.append((module, files))
        }
        return result
    }

    /// Folders under `Sources/` with a `module.modulemap`: system libraries such as a BLAS
    /// shim (`Sources/X/`), and C modules (`Sources/X/include/`).
    /// None when the runner compiles no module of the course (`libraries: []`).
    static func moduleMapDirectories(_ layout: CourseLayout) -> [String] {
        guard !layout.libraryModules.isEmpty else { return [] }
        let sources = layout.sourcesFolder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? []
        return names.sorted().flatMap { [sources + "/" + $0, sources + "/" + $0 + "/include"] }
            .filter { FileManager.default.fileExists(atPath: $0 + "/module.modulemap") }
    }
}
