// Elementwise arithmetic with broadcasting. Each operation computes its result, then
// records how to pass the result's gradient `g` back to its operands:
//   z = x + y:  ∂z/∂x = 1,       ∂z/∂y = 1
//   z = x · y:  ∂z/∂x = y,       ∂z/∂y = x
//   z = x / y:  ∂z/∂x = 1/y,     ∂z/∂y = −x/y²
// An operand that was broadcast receives the sum of the gradients of the elements it was
// repeated into.

extension Tensor {
    /// The scalars of this tensor repeated to `target` (a shape it broadcasts to).
    func expandedScalars(to target: [Int]) -> [Float] {
        switch BroadcastLayout(shape, target: target) {
        case .identical: return scalars
        case let layout: return offsets(layout, shape: shape, target: target).map { scalars[$0] }
        }
    }

    /// Elementwise sum, broadcasting: `x + y`.
    public static func + (x: Tensor, y: Tensor) -> Tensor { add(x, y, file: #filePath, line: #line) }

    /// Elementwise sum, broadcasting, with the caller's location for a shape mismatch.
    public static func add(_ x: Tensor, _ y: Tensor, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        let z = broadcastingMap(x, y, "+", file: file, line: line) { $0 + $1 }
        let shape = z.shape
        return z.recordingGraph("+", parents: [x, y]) { g in
            for operand in [x, y] where operand.requiresGrad {
                if operand.count == g.count { operand.accumulateGrad(g) }  // ∂z/∂x = 1
                else { accumulateBroadcastGrad(operand, g, target: shape) { _ in 1 } }
            }
        }
    }

    /// Elementwise difference, broadcasting: `x − y`.
    public static func - (x: Tensor, y: Tensor) -> Tensor { subtract(x, y, file: #filePath, line: #line) }

    /// Elementwise difference, broadcasting, with the caller's location for a shape mismatch.
    public static func subtract(_ x: Tensor, _ y: Tensor, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        let z = broadcastingMap(x, y, "-", file: file, line: line) { $0 - $1 }
        let shape = z.shape
        return z.recordingGraph("-", parents: [x, y]) { g in
            if x.requiresGrad {
                if x.count == g.count { x.accumulateGrad(g) }  // ∂z/∂x = 1
                else { accumulateBroadcastGrad(x, g, target: shape) { _ in 1 } }
            }
            accumulateBroadcastGrad(y, g, target: shape) { _ in -1 }  // ∂z/∂y = −1
        }
    }

    /// Elementwise product, broadcasting: `x · y` (not the matrix product: see ``matmul(_:_:file:line:)``).
    public static func * (x: Tensor, y: Tensor) -> Tensor { multiply(x, y, file: #filePath, line: #line) }

    /// Elementwise product, broadcasting, with the caller's location for a shape mismatch.
    public static func multiply(_ x: Tensor, _ y: Tensor, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        let z = broadcastingMap(x, y, "*", file: file, line: line) { $0 * $1 }
        let shape = z.shape
        return z.recordingGraph("*", parents: [x, y]) { g in
            if x.requiresGrad {
                let ys = y.expandedScalars(to: shape)
                accumulateBroadcastGrad(x, g, target: shape) { ys[$0] }  // ∂z/∂x = y
            }
            if y.requiresGrad {
                let xs = x.expandedScalars(to: shape)
                accumulateBroadcastGrad(y, g, target: shape) { xs[$0] }  // ∂z/∂y = x
            }
        }
    }

    /// Elementwise quotient, broadcasting: `x / y`.
    public static func / (x: Tensor, y: Tensor) -> Tensor { divide(x, y, file: #filePath, line: #line) }

    /// Elementwise quotient, broadcasting, with the caller's location for a shape mismatch.
    public static func divide(_ x: Tensor, _ y: Tensor, file: StaticString = #filePath, line: UInt = #line) -> Tensor {
        let z = broadcastingMap(x, y, "/", file: file, line: line) { $0 / $1 }
        let shape = z.shape
        return z.recordingGraph("/", parents: [x, y]) { g in
            let ys = y.expandedScalars(to: shape)
            accumulateBroadcastGrad(x, g, target: shape) { 1 / ys[$0] }  // ∂z/∂x = 1/y
            if y.requiresGrad {
                let xs = x.expandedScalars(to: shape)
                accumulateBroadcastGrad(y, g, target: shape) { -xs[$0] / (ys[$0] * ys[$0]) }  // ∂z/∂y = −x/y²
            }
        }
    }

    /// Elementwise negation: `−x`.
    public static prefix func - (x: Tensor) -> Tensor {
        let y = x.applying { -$0 }
        return y.recordingGraph("neg", parents: [x]) { [ys = y.scalars] g in
            x.chainElementwise(g, output: ys) { _, _ in -1 }  // ∂(−x)/∂x = −1
        }
    }

    public static func + (x: Tensor, y: Float) -> Tensor { x + Tensor(y) }
    public static func + (x: Float, y: Tensor) -> Tensor { Tensor(x) + y }
    public static func - (x: Tensor, y: Float) -> Tensor { x - Tensor(y) }
    public static func - (x: Float, y: Tensor) -> Tensor { Tensor(x) - y }
    public static func * (x: Tensor, y: Float) -> Tensor { x * Tensor(y) }
    public static func * (x: Float, y: Tensor) -> Tensor { Tensor(x) * y }
    public static func / (x: Tensor, y: Float) -> Tensor { x / Tensor(y) }
    public static func / (x: Float, y: Tensor) -> Tensor { Tensor(x) / y }

    /// `f` applied to every scalar (not recorded: the operation records its own derivative).
    @inline(__always)
    func applying(_ f: (Float) -> Float) -> Tensor {
        let count = self.count
        let y = scalars.withPointer { p in
            makeScalars(count: count) { out in for i in 0..<count { out[i] = f(p[i]) } }
        }
        return Tensor(uncheckedShape: shape, scalars: y)
    }

    /// The chain rule for an elementwise `y = f(x)`: adds `g · f′` to this tensor's gradient,
    /// where `derivative(x, y)` gives `f′` from the input and output scalars. Called inside a
    /// backward closure with a closure literal, so it compiles to one vectorized loop.
    @inline(__always)
    func chainElementwise(_ g: [Float], output: [Float], _ derivative: (_ x: Float, _ y: Float) -> Float) {
        let count = self.count
        g.withPointer { g in scalars.withPointer { xs in output.withPointer { ys in
            accumulatingGrad { out in
                for i in 0..<count { out[i] += g[i] * derivative(xs[i], ys[i]) }
            }
        } } }
    }

    /// Each scalar raised to `exponent`.
    public func pow(_ exponent: Float) -> Tensor {
        let y = exponent == 2 ? applying { $0 * $0 } : applying { Math.pow($0, exponent) }
        return y.recordingGraph("pow", parents: [self]) { [ys = y.scalars] g in
            self.chainElementwise(g, output: ys) { x, _ in exponent * Math.pow(x, exponent - 1) }  // ∂xᵖ/∂x = p·xᵖ⁻¹
        }
    }

    /// Each scalar squared.
    public func squared() -> Tensor { pow(2) }

    /// Square roots.
    public func sqrt() -> Tensor {
        let y = applying { $0.squareRoot() }
        return y.recordingGraph("sqrt", parents: [self]) { [ys = y.scalars] g in
            self.chainElementwise(g, output: ys) { _, y in 0.5 / y }  // ∂√x/∂x = 1/(2√x)
        }
    }

    /// eˣ for every scalar.
    public func exp() -> Tensor {
        let y = applying { Math.exp($0) }
        return y.recordingGraph("exp", parents: [self]) { [ys = y.scalars] g in
            self.chainElementwise(g, output: ys) { _, y in y }  // ∂eˣ/∂x = eˣ
        }
    }

    /// Natural logarithms.
    public func log() -> Tensor {
        let y = applying { Math.log($0) }
        return y.recordingGraph("log", parents: [self]) { [ys = y.scalars] g in
            self.chainElementwise(g, output: ys) { x, _ in 1 / x }  // ∂ln x/∂x = 1/x
        }
    }

    /// Updates the scalars in place (never recorded): `w -= 0.1 * w.grad!`.
    public static func -= (x: Tensor, y: Tensor) { x.updateInPlace(y, "-=") { $0 - $1 } }
    /// Updates the scalars in place (never recorded).
    public static func += (x: Tensor, y: Tensor) { x.updateInPlace(y, "+=") { $0 + $1 } }
    /// Updates the scalars in place (never recorded).
    public static func *= (x: Tensor, y: Tensor) { x.updateInPlace(y, "*=") { $0 * $1 } }

    func updateInPlace(_ y: Tensor, _ name: String, _ f: (Float, Float) -> Float) {
        let result = withoutGradients { broadcastingMap(self, y, name, file: #filePath, line: #line, f) }
        check(result.shape == shape, "shape mismatch in \(name): \(shape) and \(y.shape)", file: #filePath, line: #line)
        scalars = result.scalars
    }
}

/// eˣ for every scalar of `x`.
public func exp(_ x: Tensor) -> Tensor { x.exp() }
/// The natural logarithm of every scalar of `x`.
public func log(_ x: Tensor) -> Tensor { x.log() }
/// The square root of every scalar of `x`.
public func sqrt(_ x: Tensor) -> Tensor { x.sqrt() }
