import CourseModel
import Foundation
import Plumbing

/// The lesson library (`Sources/Neural`, `Sources/Charts`) compiled once with `-O` into a
/// cache folder keyed by a hash of its sources, the toolchain, the CPU and the flags.
public struct LessonLibrary: Sendable, Hashable {
    /// Folder holding each module's shared library and `.swiftmodule`.
    public var directory: String
    /// The cache key: changes whenever anything that goes into the build changes.
    public var key: String
    /// Modules a lesson can import, in build order.
    public var modules: [String]
    /// Folders of system-library module maps (e.g. a CBLAS shim) the modules import.
    public var moduleMapDirectories: [String]

    /// Library builds kept in the cache (the least recently used go first).
    static let keptBuilds = 4

    /// `-fno-omit-frame-pointer` lets the backtracer walk through library frames to the
    /// lesson's line when a library call traps.
    static let flags = [
        "-O", "-wmo", "-parse-as-library", "-target-cpu", "native", "-suppress-warnings",
        "-Xcc", "-fno-omit-frame-pointer",
    ]

    /// Flags that let `swiftc` compile a program that imports and links the library.
    public var compilerFlags: [String] {
        var flags = ["-I", directory, "-L", directory, "-Xlinker", "-rpath", "-Xlinker", directory]
        for folder in moduleMapDirectories { flags += ["-I", folder] }
        for module in [RuntimeSupport.moduleName] + modules { flags.append("-l\(module)") }
        return flags
    }

    /// Builds the library for the course at `root`, or reuses the cached build.
    ///
    /// - Parameters:
    ///   - layout: the course, whose `libraryModules` are built.
    ///   - cache: the folder that holds cached builds (created if missing).
    public static func build(layout: CourseLayout, cache: String, toolchain: Toolchain) throws(Diagnostic) -> LessonLibrary {
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
        let library = LessonLibrary(
            directory: directory, key: key, modules: sources.map(\.module), moduleMapDirectories: moduleMaps)
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

        let runtimeFile = staging + "/\(RuntimeSupport.moduleName).swift"
        try? support.write(toFile: runtimeFile, atomically: true, encoding: .utf8)
        var built: [String] = []
        let folders = Dictionary(layout.libraryModules.map { ($0.name, layout.rootRelative($0.folder)) }, uniquingKeysWith: { a, _ in a })
        // The support module first: the library's modules may use it (`Charts` shows charts through it).
        for (module, files) in [(RuntimeSupport.moduleName, [SourceFile(absolute: runtimeFile, relative: "")])] + sources {
            let output = staging + "/" + Toolchain.sharedLibraryName(module)
            let cFiles = files.filter { $0.relative.hasSuffix(".c") }
            var arguments: [String]
            let compiler: String
            if !cFiles.isEmpty {
                // A C module (the matrix kernel): a shared library; Swift sees it through its
                // `include/module.modulemap`, one of `moduleMaps`.
                compiler = toolchain.clang
                arguments = ["-O2", "-fPIC", "-shared", "-fno-omit-frame-pointer", "-w", "-o", output]
                    + ["-I", (folders[module].map { root + "/" + $0 } ?? "") + "/include"] + cFiles.map(\.absolute)
                #if canImport(Darwin)
                arguments += ["-install_name", "@rpath/" + Toolchain.sharedLibraryName(module)]
                #else
                arguments += ["-lm"]
                #endif
            } else {
                // The library is written in the Swift 6 language mode, as SwiftPM builds it; the
                // support module touches C's stdout, which that mode rejects.
                let languageMode = module == RuntimeSupport.moduleName ? "5" : "6"
                compiler = toolchain.swiftc
                arguments = flags + ["-swift-version", languageMode] + [
                    "-module-name", module, "-module-link-name", module,
                    "-emit-library", "-o", output,
                    "-emit-module", "-emit-module-path", staging + "/\(module).swiftmodule",
                    "-I", staging, "-L", staging,
                ]
                #if canImport(Darwin)
                arguments += ["-Xlinker", "-install_name", "-Xlinker", "@rpath/" + Toolchain.sharedLibraryName(module)]
                #endif
                for folder in moduleMaps { arguments += ["-I", folder] }
                for dependency in built { arguments.append("-l\(dependency)") }
                arguments += files.filter { $0.relative.hasSuffix(".swift") || $0.relative.isEmpty }.map(\.absolute)
            }
            let result: (termination: Termination, output: String)
            do {
                result = try ChildProcess.capture(compiler, arguments, directory: root, timeout: 900)
            } catch {
                throw Diagnostic(.compile, at: nil, "cannot run the compiler \(compiler): \(error)")
            }
            guard result.termination == .exited(0) else {
                let where_ = module == RuntimeSupport.moduleName ? "the runner's support module" : folders[module] ?? module
                throw Diagnostic(.compile, at: nil, "the lesson library (\(where_)) does not compile", detail: result.output)
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
                    throw Diagnostic(.load, at: nil, "missing library source: \(folder) does not exist (the course's lessons are compiled against it)")
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
    static func moduleMapDirectories(_ layout: CourseLayout) -> [String] {
        let sources = layout.sourcesFolder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? []
        return names.sorted().flatMap { [sources + "/" + $0, sources + "/" + $0 + "/include"] }
            .filter { FileManager.default.fileExists(atPath: $0 + "/module.modulemap") }
    }
}
