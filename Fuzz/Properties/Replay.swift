import Foundation

extension FuzzTarget {
    /// The replayer's work: checks each file (a directory stands for the files in it), prints
    /// each violation, and exits with status 1 if there was one, 0 otherwise.
    public func replayAndExit(_ arguments: some Sequence<String>) -> Never {
        var failures = 0, count = 0
        for file in Self.files(arguments) {
            guard let data = FileManager.default.contents(atPath: file) else {
                print("\(file): cannot read")
                failures += 1
                continue
            }
            count += 1
            let problems = violations(Array(data))
            if !problems.isEmpty {
                failures += 1
                print("\(file): \(rawValue): property violated:\n" + problems.joined(separator: "\n"))
            }
        }
        print("\(rawValue): \(count) inputs, \(failures) failing")
        exit(failures == 0 ? 0 : 1)
    }

    /// The files named, with each directory replaced by the regular files in it, sorted.
    public static func files(_ arguments: some Sequence<String>) -> [String] {
        var files: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(argument)
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
            files += names.filter { !$0.hasPrefix(".") }.sorted().map { argument + "/" + $0 }
        }
        return files
    }
}
