// Reverse-mode automatic differentiation. Every operation that produces a tensor from
// inputs that require gradients records its inputs (`parents`) and a closure that, given
// the output's gradient, adds each input's share of it (the chain rule). The closure
// captures the inputs, never the output, so graphs hold no reference cycles and are freed
// as soon as the last tensor computed from them is.

extension Tensor {
    /// The gradient of the last ``backward(file:line:)`` with respect to this tensor, or nil
    /// if none reached it yet.
    public var grad: Tensor? {
        get { gradScalars.map { Tensor(uncheckedShape: shape, scalars: $0) } }
        set {
            if let newValue {
                check(newValue.shape == shape, "grad of shape \(newValue.shape) for a tensor of shape \(shape)", file: #filePath, line: #line)
            }
            gradScalars = newValue?.scalars
        }
    }

    /// Whether this tensor was made by the user (a leaf of the graph), not by an operation.
    public var isLeaf: Bool { backwardStep == nil }

    /// Forgets the accumulated gradient (PyTorch's `grad = None`).
    public func zeroGrad() { gradScalars = nil }

    /// A tensor with the same scalars that is not part of any graph.
    public func detached() -> Tensor { Tensor(uncheckedShape: shape, scalars: scalars) }

    /// Makes `output` a node of the graph when one of `parents` requires gradients and
    /// gradients are being recorded; `backward` receives `output`'s gradient.
    @inline(__always)
    func recordingGraph(
        _ operation: String, parents: [Tensor], backward: @escaping (_ gradient: [Float]) -> Void
    ) -> Tensor {
        if parents.contains(where: \.requiresGrad) && GradientMode.isRecording {
            requiresGrad = true
            self.parents = parents
            self.operation = operation
            self.backwardStep = backward
        }
        return self
    }

    /// Adds `gradient` (same layout as ``scalars``) to this tensor's gradient.
    func accumulateGrad(_ gradient: [Float]) {
        guard requiresGrad else { return }
        guard var existing = gradScalars else {
            gradScalars = gradient
            return
        }
        gradScalars = nil  // keep the buffer uniquely referenced
        let count = existing.count
        existing.withUnsafeMutableBufferPointer { sum in
            gradient.withPointer { g in
                let sum = sum.baseAddress!
                for i in 0..<count { sum[i] += g[i] }
            }
        }
        gradScalars = existing
    }

    /// Gives `body` this tensor's gradient buffer to add into (allocated as zeros first).
    @inline(__always)
    func accumulatingGrad(_ body: (UnsafeMutablePointer<Float>) -> Void) {
        guard requiresGrad else { return }
        var buffer = gradScalars ?? Array(repeating: 0, count: count)
        gradScalars = nil
        buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
        gradScalars = buffer
    }

    /// Computes the gradient of this one-element tensor with respect to every tensor it was
    /// computed from, and adds it to their ``grad``.
    ///
    /// Walks the graph in reverse topological order, so each node's gradient is complete
    /// before it is passed on: ∂L/∂x = Σ over the uses y of x of ∂L/∂y · ∂y/∂x. Leaves
    /// accumulate across calls (call ``zeroGrad()`` or the optimizer's `zeroGrad()` between
    /// steps); intermediate results start from zero on every call.
    public func backward(file: StaticString = #filePath, line: UInt = #line) {
        check(
            count == 1,
            "backward() needs a one-element tensor (a loss), got shape \(shape); use backward(gradient:)",
            file: file, line: line)
        backward(gradient: [1], file: file, line: line)
    }

    /// Back-propagates `gradient` (∂L/∂self, same layout as ``scalars``) through the graph.
    public func backward(gradient: [Float], file: StaticString = #filePath, line: UInt = #line) {
        check(gradient.count == count, "gradient of \(gradient.count) scalars for shape \(shape)", file: file, line: line)
        check(requiresGrad, "backward() on a tensor that does not require gradients", file: file, line: line)
        let order = topologicalOrder()
        for node in order where !node.isLeaf { node.gradScalars = nil }
        accumulateGrad(gradient)
        for node in order.reversed() {
            if let step = node.backwardStep, let g = node.gradScalars { step(g) }
        }
    }

    /// Every tensor this one depends on (itself last), each after all its parents.
    public func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var stack: [(Tensor, Int)] = [(self, 0)]
        isVisited = true
        while let (node, next) = stack.popLast() {
            if next < node.parents.count {
                stack.append((node, next + 1))
                let parent = node.parents[next]
                if !parent.isVisited {
                    parent.isVisited = true
                    stack.append((parent, 0))
                }
            } else {
                order.append(node)
            }
        }
        for node in order { node.isVisited = false }
        return order
    }
}

/// Runs `body` without recording operations for gradients (PyTorch's `torch.no_grad()`):
/// for evaluation, and for updating parameters by hand.
public func withoutGradients<Result>(_ body: () throws -> Result) rethrows -> Result {
    GradientMode.disabledDepth += 1
    defer { GradientMode.disabledDepth -= 1 }
    return try body()
}
