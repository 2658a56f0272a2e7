import Plumbing

/// Where the text of a further line of a block starts: how many of its leading bytes are
/// container markers (a block quote's `>`, a list item's indentation): spaces, tabs and `>`, at
/// most as many as the block's first line had before its text (`limit`).
///
/// One rule for the two places that read a block's lines themselves: `MathSpans` (a formula
/// over several lines keeps each line's markers) and `PipeTables` (a table row's cells start
/// after them).
enum ContainerPrefix {
    static func length(_ line: [UInt8], limit: Int) -> Int {
        var count = 0
        while count < min(limit, line.count), line[count].isSpaceOrTab || line[count] == UInt8(ascii: ">") { count += 1 }
        return count
    }
}
