/// The 8×8 handwritten digits data set ("Optical Recognition of Handwritten Digits",
/// E. Alpaydin and C. Kaynak, 1998, UCI Machine Learning Repository, CC BY 4.0), as shipped
/// by scikit-learn: 1,797 images of 64 pixels (0…16), each with its digit.
public enum Digits {
    /// Loads `digits.csv` (64 pixels then the label per line) and the reference split: the
    /// rows listed in `digits-test-rows.txt` next to it (scikit-learn's stratified 80/20
    /// split with random_state 0) are the test set, the other 1,437 the training set.
    /// Pixels are divided by 16, so features lie in [0, 1]; targets are the digits.
    ///
    /// - Parameters:
    ///   - path: the CSV file, relative to the working directory (the course root).
    ///   - testRowsPath: the test rows file; by default next to the CSV.
    public static func load(
        from path: String = "Lessons/data/digits.csv", testRowsPath: String? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) -> (training: Dataset, test: Dataset) {
        guard let csv = readTextFile(path) else { misuse("cannot read \(path)", file: file, line: line) }
        let folder = path.contains("/") ? String(path[...path.lastIndex(of: "/")!]) : ""
        let rowsPath = testRowsPath ?? folder + "digits-test-rows.txt"
        guard let rowsText = readTextFile(rowsPath) else { misuse("cannot read \(rowsPath)", file: file, line: line) }
        var pixels: [Float] = []
        var labels: [Float] = []
        for row in csv.split(whereSeparator: \.isNewline) where !row.isEmpty {
            let fields = row.split(separator: ",")
            check(fields.count == 65, "\(path): expected 65 fields per row, got \(fields.count)", file: file, line: line)
            for field in fields.dropLast() { pixels.append(Float(Int(field)!) / 16) }
            labels.append(Float(Int(fields.last!)!))
        }
        let all = Dataset(features: Tensor(shape: [labels.count, 64], scalars: pixels), targets: Tensor(labels))
        let testRows = rowsText.split(whereSeparator: { $0.isNewline || $0 == "," || $0 == " " }).compactMap { Int($0) }
        let isTest = Set(testRows)
        let trainingRows = (0..<all.count).filter { !isTest.contains($0) }
        return (all.subset(trainingRows), all.subset(testRows.sorted()))
    }
}
