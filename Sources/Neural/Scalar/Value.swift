/// A scalar that remembers how it was computed and can compute its gradient: the
/// micrograd-style autodiff engine of the backpropagation lesson.
///
/// ```swift
/// let a = Value(2, label: "a"), b = Value(-3, label: "b")
/// let c = a * b + a        // c = a·b + a
/// c.backward()
/// print(a.grad)            // ∂c/∂a = b + 1 = -2.0
/// ```
///
/// Each operation builds its result, then says right below how the result's gradient
/// flows back to its operands (the chain rule: ∂L/∂x = ∂L/∂out · ∂out/∂x).
public final class Value {
    /// The number.
    public var data: Double
    /// ∂L/∂self after ``backward()`` on some L (0 before).
    public var grad: Double = 0
    /// A name for printing the graph.
    public var label: String
    /// The operation that produced this value ("" for an input).
    public let operation: String
    /// The values this one was computed from.
    public let parents: [Value]
    /// Adds this value's gradient (passed in) to the parents' gradients.
    private let backwardStep: ((_ grad: Double) -> Void)?

    /// An input value.
    public init(_ data: Double, label: String = "") {
        self.data = data
        self.label = label
        self.operation = ""
        self.parents = []
        self.backwardStep = nil
    }

    init(_ data: Double, operation: String, parents: [Value], backward: @escaping (_ grad: Double) -> Void) {
        self.data = data
        self.label = ""
        self.operation = operation
        self.parents = parents
        self.backwardStep = backward
    }

    public static func + (a: Value, b: Value) -> Value {
        Value(a.data + b.data, operation: "+", parents: [a, b]) { grad in
            a.grad += grad  // ∂(a+b)/∂a = 1
            b.grad += grad  // ∂(a+b)/∂b = 1
        }
    }

    public static func * (a: Value, b: Value) -> Value {
        Value(a.data * b.data, operation: "*", parents: [a, b]) { grad in
            a.grad += b.data * grad  // ∂(ab)/∂a = b
            b.grad += a.data * grad  // ∂(ab)/∂b = a
        }
    }

    /// `selfⁿ` for a constant exponent.
    public func pow(_ n: Double) -> Value {
        Value(Math.pow(data, n), operation: "^\(NumberFormatting.format(n))", parents: [self]) { grad in
            self.grad += n * Math.pow(self.data, n - 1) * grad  // ∂xⁿ/∂x = n·xⁿ⁻¹
        }
    }

    public func exp() -> Value {
        let e = Math.exp(data)
        return Value(e, operation: "exp", parents: [self]) { grad in
            self.grad += e * grad  // ∂eˣ/∂x = eˣ
        }
    }

    public func log() -> Value {
        Value(Math.log(data), operation: "log", parents: [self]) { grad in
            self.grad += grad / self.data  // ∂ln x/∂x = 1/x
        }
    }

    public func tanh() -> Value {
        let t = Math.tanh(data)
        return Value(t, operation: "tanh", parents: [self]) { grad in
            self.grad += (1 - t * t) * grad  // ∂tanh x/∂x = 1 − tanh²x
        }
    }

    public func sigmoid() -> Value {
        let s = 1 / (1 + Math.exp(-data))
        return Value(s, operation: "sigmoid", parents: [self]) { grad in
            self.grad += s * (1 - s) * grad  // ∂σ/∂x = σ(1 − σ)
        }
    }

    public func relu() -> Value {
        Value(Swift.max(0, data), operation: "relu", parents: [self]) { grad in
            self.grad += (self.data > 0 ? 1 : 0) * grad  // ∂relu/∂x = 1 if x > 0
        }
    }

    public static prefix func - (a: Value) -> Value { a * Value(-1) }           // −a = a·(−1)
    public static func - (a: Value, b: Value) -> Value { a + (-b) }            // a − b = a + (−b)
    public static func / (a: Value, b: Value) -> Value { a * b.pow(-1) }       // a / b = a·b⁻¹

    // The same mixed-operand operators as `Tensor`'s, on purpose: the scalar engine of the
    // backpropagation lesson reads like the tensor one.
    public static func + (a: Value, b: Double) -> Value { a + Value(b) }
    public static func + (a: Double, b: Value) -> Value { Value(a) + b }
    public static func - (a: Value, b: Double) -> Value { a - Value(b) }
    public static func - (a: Double, b: Value) -> Value { Value(a) - b }
    public static func * (a: Value, b: Double) -> Value { a * Value(b) }
    public static func * (a: Double, b: Value) -> Value { Value(a) * b }
    public static func / (a: Value, b: Double) -> Value { a / Value(b) }
    public static func / (a: Double, b: Value) -> Value { Value(a) / b }

    /// Every value this one depends on, each after the values it was computed from (itself last).
    public func topologicalOrder() -> [Value] {
        var order: [Value] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Value, Int)] = [(self, 0)]
        visited.insert(ObjectIdentifier(self))
        while let (node, next) = stack.popLast() {
            if next < node.parents.count {
                stack.append((node, next + 1))
                let parent = node.parents[next]
                if visited.insert(ObjectIdentifier(parent)).inserted { stack.append((parent, 0)) }
            } else {
                order.append(node)
            }
        }
        return order
    }

    /// Sets every gradient in the graph to ∂self/∂(that value): zeroes them, sets this one's
    /// to 1, then applies the chain rule from the output back to the inputs.
    public func backward() {
        let order = topologicalOrder()
        for node in order { node.grad = 0 }
        grad = 1
        for node in order.reversed() { node.backwardStep?(node.grad) }
    }

    /// The graph that computed this value, as an indented tree: one line per value with its
    /// label, operation, data and gradient (a value used twice appears twice).
    public var graphDescription: String {
        var lines: [String] = []
        func walk(_ v: Value, _ prefix: String, _ childPrefix: String) {
            let name = v.label.isEmpty ? "" : v.label + " "
            let op = v.operation.isEmpty ? "" : "[\(v.operation)] "
            lines.append(prefix + name + op + "data: " + NumberFormatting.format(v.data) + ", grad: " + NumberFormatting.format(v.grad))
            for (i, p) in v.parents.enumerated() {
                let last = i == v.parents.count - 1
                walk(p, childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "))
            }
        }
        walk(self, "", "")
        return lines.joined(separator: "\n")
    }
}

extension Value: CustomStringConvertible {
    /// `Value(data: 0.7071, grad: 0.5000)`.
    public var description: String {
        "Value(data: \(NumberFormatting.format(data)), grad: \(NumberFormatting.format(grad)))"
    }
}
