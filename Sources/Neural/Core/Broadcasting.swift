// Broadcasting, as in NumPy and PyTorch: shapes are aligned at their last axis; an axis of
// size 1 (or a missing leading axis) is repeated to match the other operand. The common
// cases (same shape, a scalar, a row such as a bias repeated over a batch) have fast paths.

/// The shape two operands broadcast to, or nil if they are incompatible.
func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    if a == b { return a }
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        guard x == y || x == 1 || y == 1 else { return nil }
        result[i] = x == 1 ? y : x
    }
    return result
}

/// How an operand of shape `shape` maps onto the broadcast shape `target`.
enum BroadcastLayout {
    /// The same elements, in the same order.
    case identical
    /// One element, repeated.
    case scalar
    /// `period` elements repeated (the operand's shape is a suffix of the target's).
    case periodic(period: Int)
    /// Anything else: the operand's offset for each element of the result.
    case general(offsets: [Int])

    init(_ shape: [Int], target: [Int]) {
        let count = shape.reduce(1, *)
        if count == target.reduce(1, *) {
            self = .identical  // same count and broadcast-compatible: only size-1 axes differ
        } else if count == 1 {
            self = .scalar
        } else {
            var trimmed = shape[...]
            while trimmed.first == 1 { trimmed = trimmed.dropFirst() }
            if target.count >= trimmed.count && Array(target.suffix(trimmed.count)) == Array(trimmed) {
                self = .periodic(period: count)
            } else {
                self = .general(offsets: broadcastOffsets(shape, target: target))
            }
        }
    }
}

/// For each element of a tensor of shape `target`, the offset of the element of a tensor of
/// shape `shape` that broadcasts to it.
func broadcastOffsets(_ shape: [Int], target: [Int]) -> [Int] {
    let padded = [Int](repeating: 1, count: target.count - shape.count) + shape
    let source = strides(of: padded)
    let total = target.reduce(1, *)
    var offsets = [Int](repeating: 0, count: total)
    var index = [Int](repeating: 0, count: target.count)
    var offset = 0
    for flat in 0..<total {
        offsets[flat] = offset
        var axis = target.count - 1
        while axis >= 0 {
            index[axis] += 1
            if padded[axis] != 1 { offset += source[axis] }
            if index[axis] < target[axis] { break }
            if padded[axis] != 1 { offset -= source[axis] * target[axis] }
            index[axis] = 0
            axis -= 1
        }
    }
    return offsets
}

/// `f(a, b)` elementwise over the broadcast shape.
@inline(__always)
func broadcastingMap(
    _ a: Tensor, _ b: Tensor, _ name: String, file: StaticString, line: UInt,
    _ f: (Float, Float) -> Float
) -> Tensor {
    guard let shape = broadcastShape(a.shape, b.shape) else {
        misuse("shape mismatch in \(name): \(a.shape) and \(b.shape) do not broadcast", file: file, line: line)
    }
    let count = shape.reduce(1, *)
    let scalars = a.scalars.withPointer { pa in
        b.scalars.withPointer { pb in
            makeScalars(count: count) { out in
                switch (BroadcastLayout(a.shape, target: shape), BroadcastLayout(b.shape, target: shape)) {
                case (.identical, .identical):
                    for i in 0..<count { out[i] = f(pa[i], pb[i]) }
                case (.identical, .scalar):
                    let y = pb[0]
                    for i in 0..<count { out[i] = f(pa[i], y) }
                case (.scalar, .identical):
                    let x = pa[0]
                    for i in 0..<count { out[i] = f(x, pb[i]) }
                case (.identical, .periodic(let period)):
                    var start = 0
                    while start < count {
                        for j in 0..<period { out[start + j] = f(pa[start + j], pb[j]) }
                        start += period
                    }
                case (.periodic(let period), .identical):
                    var start = 0
                    while start < count {
                        for j in 0..<period { out[start + j] = f(pa[j], pb[start + j]) }
                        start += period
                    }
                case (let la, let lb):
                    let oa = offsets(la, shape: a.shape, target: shape)
                    let ob = offsets(lb, shape: b.shape, target: shape)
                    for i in 0..<count { out[i] = f(pa[oa[i]], pb[ob[i]]) }
                }
            }
        }
    }
    return Tensor(uncheckedShape: shape, scalars: scalars)
}

func offsets(_ layout: BroadcastLayout, shape: [Int], target: [Int]) -> [Int] {
    let count = target.reduce(1, *)
    switch layout {
    case .identical: return Array(0..<count)
    case .scalar: return [Int](repeating: 0, count: count)
    case .periodic(let period): return (0..<count).map { $0 % period }
    case .general(let offsets): return offsets
    }
}

/// Adds the gradient `g` of a broadcast result (shape `target`) into `tensor`'s gradient,
/// summing over the axes along which `tensor` was repeated; `scale(i)` multiplies the
/// gradient of result element `i` first (the local derivative).
@inline(__always)
func accumulateBroadcastGrad(
    _ tensor: Tensor, _ g: [Float], target: [Int], _ local: (Int) -> Float
) {
    guard tensor.requiresGrad else { return }
    let count = g.count
    g.withPointer { pg in
        tensor.accumulatingGrad { out in
            switch BroadcastLayout(tensor.shape, target: target) {
            case .identical:
                for i in 0..<count { out[i] += pg[i] * local(i) }
            case .scalar:
                var sum: Float = 0
                for i in 0..<count { sum += pg[i] * local(i) }
                out[0] += sum
            case .periodic(let period):
                var start = 0
                while start < count {
                    for j in 0..<period { out[j] += pg[start + j] * local(start + j) }
                    start += period
                }
            case .general(let offsets):
                for i in 0..<count { out[offsets[i]] += pg[i] * local(i) }
            }
        }
    }
}
