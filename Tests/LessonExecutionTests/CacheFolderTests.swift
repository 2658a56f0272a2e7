import Foundation
import Testing
@testable import LessonExecution

@Suite struct CacheFolderTests {
    @Test func keepsTheMostRecentlyUsedEntriesAndLeavesBuildsInProgressAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (i, name) in ["a", "b", "c", "d", ".staging-x"].enumerated() {
            FileManager.default.createFile(atPath: folder + "/" + name, contents: Data())
            let date = Date(timeIntervalSince1970: 1_000_000 + Double(i) * 100)
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: folder + "/" + name)
        }
        CacheFolder.touch(folder + "/a")  // used just now
        CacheFolder.keepNewest(2, in: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [".staging-x", "a", "d"])
    }
}
