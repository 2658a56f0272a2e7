import Algorithms

/// The handshakes in a group where everyone shakes everyone else's hand once: every pair.
///
/// - Parameters:
///   - people: The group's names, at least one.
public func handshakes(among people: [String], file: StaticString = #filePath, line: UInt = #line) -> [(String, String)] {
    if people.isEmpty { fatalError("a group has at least one person", file: file, line: line) }
    return people.combinations(ofCount: 2).map { ($0[0], $0[1]) }
}
