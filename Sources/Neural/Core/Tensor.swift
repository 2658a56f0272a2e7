/// An n-dimensional array of `Float` that can record the operations applied to it and
/// compute gradients backwards through them (reverse-mode automatic differentiation).
///
/// `Tensor` is a reference type, like `torch.Tensor`: a model's layers and its optimizer
/// hold the same parameter tensors, and an optimizer step updates them in place.
///
/// ```swift
/// let x = Tensor([[1, 2], [3, 4]])
/// let w = Tensor([[0.5], [-0.5]], requiresGrad: true)
/// let loss = matmul(x, w).sum()
/// loss.backward()
/// print(w.grad!)   // Tensor([[4.], [6.]])
/// ```
///
/// Scalars are stored row-major (the last axis varies fastest).
public final class Tensor {
    /// The size of each axis: `[]` for a scalar, `[n]` for a vector, `[rows, columns]`
    /// for a matrix.
    public let shape: [Int]

    /// The elements in row-major order.
    public internal(set) var scalars: [Float]

    /// Whether gradients flow to this tensor: set it for parameters; results of operations
    /// on such tensors require gradients too.
    public var requiresGrad: Bool

    /// The gradient accumulated by ``backward(file:line:)`` (nil until then); same layout as
    /// ``scalars``.
    var gradScalars: [Float]?

    /// The tensors this one was computed from (empty for a leaf).
    var parents: [Tensor] = []

    /// Adds this tensor's gradient (passed in) to its parents' gradients.
    var backwardStep: ((_ gradient: [Float]) -> Void)?

    /// The name of the operation that made this tensor (for printing the graph).
    var operation: String?

    /// Set while ``backward(file:line:)`` sorts the graph.
    var isVisited = false

    /// Creates a tensor with the given shape and row-major scalars.
    ///
    /// - Parameters:
    ///   - shape: the size of each axis.
    ///   - scalars: `shape.reduce(1, *)` numbers, the last axis varying fastest.
    ///   - requiresGrad: whether ``backward(file:line:)`` computes a gradient for it.
    public init(
        shape: [Int], scalars: [Float], requiresGrad: Bool = false,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        check(shape.allSatisfy { $0 >= 0 }, "negative size in shape \(shape)", file: file, line: line)
        check(
            shape.reduce(1, *) == scalars.count,
            "shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)",
            file: file, line: line)
        self.shape = shape
        self.scalars = scalars
        self.requiresGrad = requiresGrad
    }

    /// Internal initializer without checks, for operation results.
    init(uncheckedShape shape: [Int], scalars: [Float]) {
        self.shape = shape
        self.scalars = scalars
        self.requiresGrad = false
    }

    /// A scalar (rank-0) tensor.
    public convenience init(_ value: Float, requiresGrad: Bool = false) {
        self.init(uncheckedShape: [], scalars: [value])
        self.requiresGrad = requiresGrad
    }

    /// A vector.
    public convenience init(_ vector: [Float], requiresGrad: Bool = false) {
        self.init(uncheckedShape: [vector.count], scalars: vector)
        self.requiresGrad = requiresGrad
    }

    /// A matrix from its rows, which must all have the same length.
    public convenience init(
        _ rows: [[Float]], requiresGrad: Bool = false, file: StaticString = #filePath, line: UInt = #line
    ) {
        let columns = rows.first?.count ?? 0
        check(
            rows.allSatisfy { $0.count == columns },
            "rows of different lengths: \(rows.map(\.count))", file: file, line: line)
        self.init(uncheckedShape: [rows.count, columns], scalars: rows.flatMap { $0 })
        self.requiresGrad = requiresGrad
    }

    /// A tensor of the given shape filled with `value`.
    public convenience init(repeating value: Float, shape: [Int], requiresGrad: Bool = false) {
        self.init(uncheckedShape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
        self.requiresGrad = requiresGrad
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        Tensor(repeating: 0, shape: shape, requiresGrad: requiresGrad)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        Tensor(repeating: 1, shape: shape, requiresGrad: requiresGrad)
    }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// The number of scalars (the product of the shape).
    public var count: Int { scalars.count }

    /// The only scalar of a one-element tensor (PyTorch's `item()`).
    public func item(file: StaticString = #filePath, line: UInt = #line) -> Float {
        check(count == 1, "item() needs a one-element tensor, got shape \(shape)", file: file, line: line)
        return scalars[0]
    }

    /// The scalar at the given indices, one per axis; setting it changes the tensor in place
    /// (not recorded for gradients).
    public subscript(indices: Int..., file file: StaticString = #filePath, line line: UInt = #line) -> Float {
        get { scalars[flatIndex(indices, file: file, line: line)] }
        set { scalars[flatIndex(indices, file: file, line: line)] = newValue }
    }

    func flatIndex(_ indices: [Int], file: StaticString, line: UInt) -> Int {
        check(indices.count == rank, "\(indices.count) indices for a tensor of shape \(shape)", file: file, line: line)
        var index = 0
        for (axis, i) in indices.enumerated() {
            check(
                i >= 0 && i < shape[axis], "index \(i) out of range for axis \(axis) of shape \(shape)",
                file: file, line: line)
            index = index * shape[axis] + i
        }
        return index
    }

    /// The rows of a matrix (or the elements of a vector, as one-element rows), as arrays.
    public var rows: [[Float]] {
        guard rank >= 1, let first = shape.first, first > 0 else { return [] }
        let width = count / first
        return (0..<first).map { Array(scalars[$0 * width ..< ($0 + 1) * width]) }
    }
}

/// Contiguous row-major strides for `shape`.
func strides(of shape: [Int]) -> [Int] {
    var result = Array(repeating: 1, count: shape.count)
    var stride = 1
    for axis in shape.indices.reversed() {
        result[axis] = stride
        stride *= shape[axis]
    }
    return result
}

/// An array of `count` floats whose elements `initialize` writes (every one of them).
@inline(__always)
func makeScalars(count: Int, _ initialize: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        if count > 0 { initialize(buffer.baseAddress!) }
        initialized = count
    }
}

extension Array where Element == Float {
    /// Calls `body` with a pointer to the elements (a valid dummy for an empty array). Loops
    /// over raw pointers vectorize; buffer-pointer subscripts check bounds even at -O.
    @inline(__always)
    func withPointer<R>(_ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return try body(base) }
            var dummy: Float = 0
            return try body(&dummy)
        }
    }
}
