// Small synthetic data sets for the lessons, each reproducible from its seed. Binary
// problems have targets of shape [count, 1] (for a sigmoid output and binary
// cross-entropy); multi-class ones have class indices of shape [count].

extension Dataset {
    /// The four inputs of a two-input truth table with `f` as the target.
    static func truthTable(_ f: (Bool, Bool) -> Bool) -> Dataset {
        let inputs: [[Float]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
        let targets = inputs.map { [f($0[0] == 1, $0[1] == 1) ? Float(1) : 0] }
        return Dataset(features: Tensor(inputs), targets: Tensor(targets))
    }

    /// Logical AND of two inputs (linearly separable).
    public static func and() -> Dataset { truthTable { $0 && $1 } }
    /// Logical OR of two inputs (linearly separable).
    public static func or() -> Dataset { truthTable { $0 || $1 } }
    /// Exclusive OR of two inputs (not linearly separable: needs a hidden layer).
    public static func xor() -> Dataset { truthTable { $0 != $1 } }

    /// Points in the plane, each added by `generate` as `add(x, y, label)` with the generator
    /// seeded by `seed`: features of shape [count, 2]; targets of shape [count, 1] when
    /// `binary`, else class indices of shape [count].
    static func plane(
        seed: UInt64, binary: Bool, _ generate: (inout SeededGenerator, (Float, Float, Int) -> Void) -> Void
    ) -> Dataset {
        var g = SeededGenerator(seed: seed)
        var points: [Float] = []
        var labels: [Float] = []
        generate(&g) { x, y, label in
            points += [x, y]
            labels.append(Float(label))
        }
        return Dataset(features: Tensor(shape: [labels.count, 2], scalars: points),
                       targets: binary ? Tensor(shape: [labels.count, 1], scalars: labels) : Tensor(labels))
    }

    /// Gaussian clusters in the plane, `countPerClass` points around each center; the
    /// target is the cluster's index.
    public static func blobs(
        countPerClass: Int, centers: [(Float, Float)] = [(-2, -2), (2, 2), (-2, 2)],
        standardDeviation: Float = 0.8, seed: UInt64 = 0
    ) -> Dataset {
        plane(seed: seed, binary: false) { g, add in
            for (label, center) in centers.enumerated() {
                for _ in 0..<countPerClass {
                    add(g.nextNormal(mean: center.0, standardDeviation: standardDeviation),
                        g.nextNormal(mean: center.1, standardDeviation: standardDeviation), label)
                }
            }
        }
    }

    /// Two interleaving half circles (scikit-learn's `make_moons`): `count` points, half on
    /// each moon, with Gaussian noise of standard deviation `noise`; target 0 or 1.
    public static func twoMoons(count: Int, noise: Float = 0.1, seed: UInt64 = 0) -> Dataset {
        plane(seed: seed, binary: true) { g, add in
            let outer = count / 2
            for i in 0..<count {
                let upper = i < outer
                let n = upper ? outer : count - outer
                let t = Double.pi * Double(upper ? i : i - outer) / Double(Swift.max(n - 1, 1))
                let (x, y) = upper ? (Math.cos(t), Math.sin(t)) : (1 - Math.cos(t), 0.5 - Math.sin(t))
                add(Float(x) + g.nextNormal(standardDeviation: noise), Float(y) + g.nextNormal(standardDeviation: noise), upper ? 0 : 1)
            }
        }
    }

    /// A small circle inside a large one (scikit-learn's `make_circles`): target 1 for the
    /// inner circle, whose radius is `factor` times the outer one's (1).
    public static func circles(count: Int, noise: Float = 0.05, factor: Float = 0.5, seed: UInt64 = 0) -> Dataset {
        plane(seed: seed, binary: true) { g, add in
            let outer = count / 2
            for i in 0..<count {
                let inner = i >= outer
                let n = inner ? count - outer : outer
                let t = 2 * Double.pi * Double(inner ? i - outer : i) / Double(Swift.max(n, 1))
                let r = inner ? Double(factor) : 1
                add(Float(r * Math.cos(t)) + g.nextNormal(standardDeviation: noise),
                    Float(r * Math.sin(t)) + g.nextNormal(standardDeviation: noise), inner ? 1 : 0)
            }
        }
    }

    /// Interleaved spiral arms (the CS231n spirals), `countPerClass` points per arm; the
    /// target is the arm's index.
    ///
    /// Point `i` of arm `c` lies at radius `r = i / (countPerClass − 1)` and angle
    /// `4c + sweep · r + noise` (radians, noise of standard deviation `noise`): each arm starts
    /// 4 radians after the previous one and turns through `sweep` radians from the center out.
    /// The default, 4, is CS231n's; a larger sweep winds the arms around each other more
    /// often, which makes them harder to tell apart (10 is about one and a half turns).
    public static func spirals(
        countPerClass: Int, classes: Int = 3, noise: Float = 0.2, sweep: Float = 4, seed: UInt64 = 0
    ) -> Dataset {
        plane(seed: seed, binary: false) { g, add in
            for c in 0..<classes {
                for i in 0..<countPerClass {
                    let r = Double(i) / Double(Swift.max(countPerClass - 1, 1))
                    let t = Double(c) * 4 + Double(sweep) * r + Double(g.nextNormal(standardDeviation: noise))
                    add(Float(r * Math.sin(t)), Float(r * Math.cos(t)), c)
                }
            }
        }
    }

    /// `y = sin(x) + noise` for `count` evenly spaced `x` in [−π, π]; features and targets
    /// both have shape [count, 1].
    public static func noisySine(count: Int, noise: Float = 0.1, seed: UInt64 = 0) -> Dataset {
        var g = SeededGenerator(seed: seed)
        var xs: [Float] = []
        var ys: [Float] = []
        for i in 0..<count {
            let x = -Double.pi + 2 * Double.pi * Double(i) / Double(Swift.max(count - 1, 1))
            xs.append(Float(x))
            ys.append(Float(Math.sin(x)) + g.nextNormal(standardDeviation: noise))
        }
        return Dataset(features: Tensor(shape: [count, 1], scalars: xs), targets: Tensor(shape: [count, 1], scalars: ys))
    }
}
