import Foundation
import FuzzProperties
import Testing

/// Replays every saved fuzz input through the same property checks the fuzz targets run
/// (`FuzzTarget.violations`): the inputs that once failed (`Tests/Fixtures/fuzz-regressions/<Target>/`)
/// and the seed corpora (`Fuzz/Corpus/<Target>/`).
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Input: CustomTestStringConvertible, Sendable {
        var target: FuzzTarget
        var path: String
        var testDescription: String { "\(target.rawValue): \(path)" }
    }

    static func inputs(under folder: String) -> [Input] {
        FuzzTarget.allCases.flatMap { target in
            FuzzTarget.files([root.appendingPathComponent("\(folder)/\(target.rawValue)").path])
                .filter { FileManager.default.fileExists(atPath: $0) }
                .map { Input(target: target, path: String($0.dropFirst(root.path.count + 1))) }
        }
    }

    static let regressions = inputs(under: "Tests/Fixtures/fuzz-regressions")
    static let seeds = inputs(under: "Fuzz/Corpus")

    @Test("Inputs that once failed", arguments: regressions)
    func regression(_ input: Input) throws {
        try check(input)
    }

    @Test("Seed corpora", arguments: seeds)
    func seed(_ input: Input) throws {
        try check(input)
    }

    @Test func everyTargetHasRegressionsOrSeeds() {
        for target in FuzzTarget.allCases {
            #expect(Self.seeds.contains { $0.target == target }, "no seed corpus for \(target.rawValue)")
        }
    }

    private func check(_ input: Input) throws {
        let data = try #require(FileManager.default.contents(atPath: Self.root.appendingPathComponent(input.path).path))
        let problems = input.target.violations(Array(data))
        #expect(problems.isEmpty, "\(input.path):\n\(problems.joined(separator: "\n"))")
    }
}
