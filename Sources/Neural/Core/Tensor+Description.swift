// Printing tensors, PyTorch style: nested brackets, one row per line, columns aligned,
// tensors of more than 1,000 scalars summarized with their first and last three entries
// along each axis.

extension Tensor: CustomStringConvertible {
    /// `Tensor([[ 0.1000, -0.2000], [ 0.3000,  0.4000]])` with one row per line.
    public var description: String {
        var text = "Tensor(" + Tensor.format(shape: shape, scalars: scalars, indent: 7)
        if shape.contains(0) && rank > 1 { text += ", shape: \(shape)" }
        if requiresGrad { text += ", requiresGrad: true" }
        return text + ")"
    }

    static let summarizeAbove = 1000
    static let edgeItems = 3

    /// The nested-bracket text of `scalars` with the given shape, continuation lines indented
    /// by `indent` spaces.
    static func format(shape: [Int], scalars: [Float], indent: Int) -> String {
        if shape.isEmpty { return NumberFormatting.Style(scalars).format(scalars[0]) }
        let summarize = scalars.count > summarizeAbove
        // The indices shown along each axis (nil marks the "..." gap).
        let shown: [[Int?]] = shape.map { size in
            if summarize && size > 2 * edgeItems {
                return Array(0..<edgeItems) + [nil] + Array(size - edgeItems ..< size)
            }
            return Array(0..<size)
        }
        let axisStrides = strides(of: shape)
        var visible: [Float] = []
        func collect(_ axis: Int, _ offset: Int) {
            if axis == shape.count { visible.append(scalars[offset]); return }
            for case let i? in shown[axis] { collect(axis + 1, offset + i * axisStrides[axis]) }
        }
        collect(0, 0)
        let style = NumberFormatting.Style(visible)
        let width = visible.map { style.format($0).count }.max() ?? 0
        func cell(_ v: Float) -> String {
            let s = style.format(v)
            return String(repeating: " ", count: width - s.count) + s
        }
        func render(_ axis: Int, _ offset: Int) -> String {
            if axis == shape.count - 1 {
                let items = shown[axis].map { i in i.map { cell(scalars[offset + $0 * axisStrides[axis]]) } ?? "..." }
                return "[" + items.joined(separator: ", ") + "]"
            }
            let depth = shape.count - 1 - axis
            let separator = "," + String(repeating: "\n", count: depth) + String(repeating: " ", count: indent + axis + 1)
            let items = shown[axis].map { i in i.map { render(axis + 1, offset + $0 * axisStrides[axis]) } ?? "..." }
            return "[" + items.joined(separator: separator) + "]"
        }
        return render(0, 0)
    }
}
