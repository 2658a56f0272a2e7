import CourseModel
import Foundation
import Plumbing

/// The lesson library of a course whose `course.yml` names `libraries:`: library products of
/// the course root's `Package.swift`, built by SwiftPM in release mode with their dependencies.
///
/// SwiftPM links a library product into something a program can link only when the product is
/// dynamic, so the runner writes a small package of its own, `CourseLibraries`, in the course's
/// cache (`.build/course/packages/<key>/`): one dynamic product whose target depends on the
/// named products, the course root as a path dependency, the course's `Package.resolved` (when
/// it has one) as its pins. Its build folder is its own, never the developer's `.build` (whose
/// lock a running `swift build` holds), and stays from one check to the next, so SwiftPM builds
/// only what changed. The shared library and the modules are then copied into
/// `.build/course/library/<key>/`, the key a hash of what was built, so an unchanged library
/// keeps every cached program and run. Lessons import each module by its own name: the
/// modules of the products and of their dependencies are all there, and the C modules'
/// module maps come from SwiftPM's own build description.
///
/// A no-op `swift build` still loads every package's manifest (seconds), so it runs only when
/// something it reads changed: `Package.swift`, `Package.resolved`, a file under `Sources/`
/// or one of the Swift files SwiftPM last compiled (by size and modification time).
enum PackageLibrary {
    static let productName = "CourseLibraries"
    /// Package folders kept in the cache (the least recently used go first).
    static let keptPackages = 2

    /// SwiftPM's flags: no debug information (as the runner's own build, so a trap inside the
    /// library is reported at the lesson's line), code for this CPU.
    static let flags = ["-c", "release", "-Xswiftc", "-gnone", "-Xswiftc", "-target-cpu", "-Xswiftc", "native"]

    static func build(products: [String], layout: CourseLayout, cache: String, toolchain: Toolchain) throws(Diagnostic) -> LessonLibrary {
        let where_ = layout.configuration.librariesLocation
        guard FileManager.default.fileExists(atPath: layout.packageManifest) else {
            throw Diagnostic(.load, at: where_, "course.yml names libraries (\(products.joined(separator: ", "))), but the course root has no Package.swift that declares them")
        }
        var folderHash = SHA256()
        folderHash.update([toolchain.version, toolchain.cpu, layout.root, products.joined(separator: ","), flags.joined(separator: " ")].joined(separator: "\n"))
        let work = cache + "/packages/" + String(folderHash.hexDigest().prefix(16))
        let bin = work + "/.build/release"
        do {
            try writePackage(in: work, products: products, root: layout.root)
        } catch {
            throw Diagnostic(.compile, at: where_, "cannot write the package that builds the course's libraries in \(work): \(error)")
        }
        // A package folder holds the dependencies' checkouts and a build (tens of MB): the two
        // most recently used stay (another toolchain's, another list of products').
        CacheFolder.touch(work)
        CacheFolder.keepNewest(keptPackages, in: cache + "/packages")

        let inputs = inputsKey(layout: layout, work: work)
        let recordFile = work + "/last-build.json"
        if let data = FileManager.default.contents(atPath: recordFile),
           let record = try? JSONDecoder().decode(Record.self, from: data), record.inputs == inputs,
           FileManager.default.fileExists(atPath: record.library.directory + "/.complete") {
            CacheFolder.touch(record.library.directory)
            return record.library
        }

        let result: (termination: Termination, output: String)
        do {
            result = try ChildProcess.capture(
                toolchain.swift, ["build", "--package-path", work, "--product", productName] + flags, directory: work, timeout: 3600)
        } catch {
            throw Diagnostic(.compile, at: where_, "cannot run SwiftPM (\(toolchain.swift) build): \(error)")
        }
        guard result.termination == .exited(0) else {
            throw Diagnostic(.compile, at: where_, "the course's libraries (\(products.joined(separator: ", "))) do not build with SwiftPM",
                             detail: lastLines(result.output, 40))
        }
        let library = try publish(bin: bin, products: products, cache: cache, toolchain: toolchain, where: where_)
        if let data = try? JSONEncoder().encode(Record(inputs: inputsKey(layout: layout, work: work), library: library)) {
            try? AtomicFile.write(data, to: recordFile)
        }
        return library
    }

    /// What the last successful build is remembered by (`last-build.json`).
    struct Record: Codable {
        var inputs: String
        var library: LessonLibrary
    }

    /// The runner's package: a dynamic `CourseLibraries` product over the course's products.
    static func writePackage(in work: String, products: [String], root: String) throws {
        let identity = URL(fileURLWithPath: root).lastPathComponent.lowercased()
        let dependencies = products.map { ".product(name: \(Escape.swiftStringLiteral($0)), package: \(Escape.swiftStringLiteral(identity)))" }
        let manifest = """
            // swift-tools-version: 5.9
            // Written by `course`: the course's libraries as one shared library that lesson programs link.
            import PackageDescription

            let package = Package(
                name: "\(productName)",
                products: [.library(name: "\(productName)", type: .dynamic, targets: ["\(productName)"])],
                dependencies: [.package(path: \(Escape.swiftStringLiteral(root)))],
                targets: [.target(name: "\(productName)", dependencies: [\(dependencies.joined(separator: ", "))])]
            )

            """
        let source = work + "/Sources/\(productName)/\(productName).swift"
        try FileManager.default.createDirectory(atPath: work + "/Sources/\(productName)", withIntermediateDirectories: true)
        if FileManager.default.contents(atPath: work + "/Package.swift") != Data(manifest.utf8) {
            try AtomicFile.write(manifest, to: work + "/Package.swift")
        }
        if !FileManager.default.fileExists(atPath: source) {
            try AtomicFile.write("// The course's libraries, linked as one: lessons import each module by its own name.\n", to: source)
        }
        // The course's pins are the build's, so lessons run against the versions the course resolved.
        let pins = root + "/Package.resolved"
        if let data = FileManager.default.contents(atPath: pins), FileManager.default.contents(atPath: work + "/Package.resolved") != data {
            try AtomicFile.write(data, to: work + "/Package.resolved")
        }
    }

    /// A hash of what a build reads: the manifest, the pins, the course's `Sources/` and the
    /// Swift files SwiftPM compiled last time (a target may live elsewhere), by stamp.
    static func inputsKey(layout: CourseLayout, work: String) -> String {
        var hash = SHA256()
        for file in [layout.packageManifest, layout.root + "/Package.resolved", work + "/Package.swift"] {
            hash.update(file + " " + (FileStamp(path: file).map(\.description) ?? "missing") + "\n")
        }
        var stamps = FileStamp.stamps(under: [layout.sourcesFolder])
        for file in compiledSources(bin: work + "/.build/release") where stamps[file] == nil {
            stamps[file] = FileStamp(path: file)
        }
        for (path, stamp) in stamps.sorted(by: { $0.key < $1.key }) { hash.update("\(path) \(stamp)\n") }
        return hash.hexDigest()
    }

    /// SwiftPM's build description (`description.json`): each Swift module's compile command.
    struct BuildDescription: Decodable {
        struct SwiftCommand: Decodable {
            var moduleName: String
            var importPath: String
            var otherArguments: [String]
            var sources: [String]
        }
        var swiftCommands: [String: SwiftCommand]

        static func read(bin: String) -> BuildDescription? {
            FileManager.default.contents(atPath: bin + "/description.json").flatMap { try? JSONDecoder().decode(Self.self, from: $0) }
        }
    }

    static func compiledSources(bin: String) -> [String] {
        (BuildDescription.read(bin: bin)?.swiftCommands.values.flatMap(\.sources) ?? []).filter { !$0.hasPrefix(bin) }
    }

    /// Copies the build into `library/<key>` (the key a hash of the shared library, the
    /// modules and the flags), with the runner's support module unless the course's libraries
    /// bring it (this course's `Charts` shows charts through it).
    static func publish(bin: String, products: [String], cache: String, toolchain: Toolchain,
                        where location: SourceLocation?) throws(Diagnostic) -> LessonLibrary {
        let manager = FileManager.default
        let sharedLibrary = bin + "/" + Toolchain.sharedLibraryName(productName)
        guard let description = BuildDescription.read(bin: bin),
              let command = description.swiftCommands.values.first(where: { $0.moduleName == productName }),
              manager.fileExists(atPath: sharedLibrary)
        else {
            throw Diagnostic(.compile, at: location, "SwiftPM built the course's libraries, but its build description (\(bin)/description.json) or \(Toolchain.sharedLibraryName(productName)) is missing")
        }
        // The module maps and header folders of the C modules the products depend on.
        var cFlags: [String] = []
        var arguments = command.otherArguments[...]
        while let argument = arguments.popFirst() {
            guard argument == "-Xcc", let next = arguments.first else { continue }
            if next.hasPrefix("-fmodule-map-file=") {
                cFlags += ["-Xcc", next]
                arguments.removeFirst()
            } else if next == "-I", arguments.count >= 3, arguments[arguments.startIndex + 1] == "-Xcc" {
                cFlags += ["-Xcc", "-I", "-Xcc", arguments[arguments.startIndex + 2]]
                arguments.removeFirst(3)
            }
        }
        let modules = ((try? manager.contentsOfDirectory(atPath: command.importPath)) ?? [])
            .filter { $0.hasSuffix(".swiftmodule") }.sorted()
        let bringsSupport = modules.contains(RuntimeSupport.moduleName + ".swiftmodule")
        let support = try RuntimeSupport.source()

        var hash = SHA256()
        hash.update(cFlags.joined(separator: " ") + "\n" + (bringsSupport ? "" : support))
        hash.update((try? Data(contentsOf: URL(fileURLWithPath: sharedLibrary))) ?? Data())
        for module in modules {
            hash.update(module + "\n")
            hash.update((try? Data(contentsOf: URL(fileURLWithPath: command.importPath + "/" + module))) ?? Data())
        }
        let key = "spm-" + String(hash.hexDigest().prefix(20))
        let directory = cache + "/library/" + key
        var flags = ["-I", directory + "/Modules", "-L", directory, "-Xlinker", "-rpath", "-Xlinker", directory, "-l" + productName]
        if !bringsSupport { flags += ["-I", directory, "-l" + RuntimeSupport.moduleName] }
        let library = LessonLibrary(directory: directory, key: key, modules: products, compilerFlags: flags + cFlags)
        if manager.fileExists(atPath: directory + "/.complete") {
            CacheFolder.touch(directory)
            return library
        }

        let staged: StagedFolder
        do {
            staged = try StagedFolder(for: directory)
            try manager.createDirectory(atPath: staged.path + "/Modules", withIntermediateDirectories: true)
            try manager.copyItem(atPath: sharedLibrary, toPath: staged.path + "/" + Toolchain.sharedLibraryName(productName))
            for module in modules {
                try manager.copyItem(atPath: command.importPath + "/" + module, toPath: staged.path + "/Modules/" + module)
            }
        } catch {
            throw Diagnostic(.compile, at: location, "cannot copy the course's libraries into \(directory): \(error)")
        }
        defer { staged.discard() }
        if !bringsSupport {
            try LessonLibrary.compileSupport(support, into: staged.path, toolchain: toolchain, root: bin)
        }
        _ = manager.createFile(atPath: staged.path + "/.complete", contents: Data())
        if !staged.publish() || !manager.fileExists(atPath: directory + "/.complete") {
            throw Diagnostic(.compile, at: location, "cannot move the library build into \(directory)")
        }
        CacheFolder.keepNewest(LessonLibrary.keptBuilds, in: cache + "/library")
        return library
    }

    static func lastLines(_ text: String, _ count: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }
}
