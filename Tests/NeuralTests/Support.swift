import Testing
@testable import Neural

/// A tensor recorded by the PyTorch reference script.
struct ReferenceTensor {
    let shape: [Int]
    let scalars: [Float]
    var tensor: Tensor { Tensor(shape: shape, scalars: scalars) }

    /// The scalars written as text, separated by spaces, as the reference script writes them
    /// (`%.9g`: every float32 exactly).
    init(_ shape: [Int], _ text: String) {
        self.shape = shape
        scalars = text.split(separator: " ").map { Float(String($0))! }
    }
}

/// A small network PyTorch evaluated: `linear` layers with `activation` between them (not
/// after the last), the loss of its output against `target`, and every parameter's gradient.
struct ReferenceNetwork {
    let activation: String
    let lossName: String
    let layers: [(ReferenceTensor, ReferenceTensor)]
    let input: ReferenceTensor
    let target: ReferenceTensor
    let output: ReferenceTensor
    let lossValue: Float
    let gradients: [(ReferenceTensor, ReferenceTensor)]

    init(activation: String, loss: String, layers: [(ReferenceTensor, ReferenceTensor)], input: ReferenceTensor,
         target: ReferenceTensor, output: ReferenceTensor, loss value: Float, gradients: [(ReferenceTensor, ReferenceTensor)]) {
        self.activation = activation
        self.lossName = loss
        self.layers = layers
        self.input = input
        self.target = target
        self.output = output
        self.lossValue = value
        self.gradients = gradients
    }
}

/// One operation evaluated by PyTorch: its inputs, output, the upstream gradient used
/// (L = Σ output · upstream) and the resulting input gradients.
struct ReferenceCase {
    let inputs: [String: ReferenceTensor]
    let extra: [String: ReferenceTensor]
    let output: ReferenceTensor
    let upstream: ReferenceTensor
    let gradients: [String: ReferenceTensor]
}

/// Expects `actual` to equal `expected` element by element to 1e-5 relative (absolute 1e-5
/// for magnitudes below 1), naming the first differing element.
func expectClose(
    _ actual: [Float], _ expected: [Float], relative: Float = 1e-5, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) scalars, expected \(expected.count)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() where !(abs(a - e) <= relative * max(abs(e), 1)) {
        Issue.record("\(what)[\(i)]: \(a), expected \(e) (difference \(abs(a - e)))", sourceLocation: sourceLocation)
        return
    }
}

/// Compares the gradients of `L = Σ f(inputs) · upstream` from `backward()` with central
/// finite differences, for every scalar of every input (up to `maximumChecks` per input).
func checkGradients(
    _ inputs: [Tensor], epsilon: Float = 1e-3, tolerance: Float = 1e-2, seed: UInt64 = 99, maximumChecks: Int = 200,
    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor
) {
    for x in inputs { x.requiresGrad = true; x.zeroGrad() }
    let y = f(inputs)
    var generator = SeededGenerator(seed: seed)
    let upstream = Tensor.randomUniform(y.shape, in: -1...1, using: &generator)
    (y * upstream).sum().backward()
    func loss() -> Double {
        let out = withoutGradients { f(inputs) }
        return zip(out.scalars, upstream.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }
    for (n, x) in inputs.enumerated() {
        guard let analytic = x.gradScalars else {
            Issue.record("input \(n) got no gradient", sourceLocation: sourceLocation)
            continue
        }
        for i in stride(from: 0, to: x.count, by: max(1, x.count / maximumChecks)) {
            let original = x.scalars[i]
            x.scalars[i] = original + epsilon
            let plus = loss()
            x.scalars[i] = original - epsilon
            let minus = loss()
            x.scalars[i] = original
            let numeric = Float((plus - minus) / Double(2 * epsilon))
            if abs(numeric - analytic[i]) > tolerance * max(1, abs(numeric)) {
                Issue.record("input \(n) scalar \(i): backward gives \(analytic[i]), finite differences \(numeric)",
                             sourceLocation: sourceLocation)
                return
            }
        }
    }
}

/// Random inputs away from 0 (kinks of relu, max, |x|): magnitudes in [0.1, 2].
func randomTensor(_ shape: [Int], seed: UInt64, positive: Bool = false) -> Tensor {
    var g = SeededGenerator(seed: seed)
    let n = shape.reduce(1, *)
    let scalars = (0..<n).map { _ -> Float in
        let magnitude = g.nextUniform(in: 0.1...2)
        return positive || g.nextBool() ? magnitude : -magnitude
    }
    return Tensor(shape: shape, scalars: scalars)
}
