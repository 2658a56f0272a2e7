// Speed of the Neural library against PyTorch and hand-written numpy, in one run:
// single-threaded, median of repeats. Run from the package root:
//
//     Benchmarks/Neural/run.sh
//
// which builds this executable with a plain `swift build -c release` (TARGET_CPU=native:
// for the host CPU, as the course runner builds the library for lessons) and runs it; this program then runs Benchmarks/Neural/torch_bench.py and
// Benchmarks/Neural/numpy_bench.py in child processes (one at a time: their thread pools would
// fight on 2 cores) and prints one table with the ratios.

import Foundation
import Neural
#if canImport(CBLAS)
import CBLAS
#endif

setvbuf(stdout, nil, _IOLBF, 0)
print("matrix kernel: \(matrixKernelPath)")
#if canImport(CBLAS)
openblas_set_num_threads(1)
#endif

let repeats = Int(ProcessInfo.processInfo.environment["REPEATS"] ?? "") ?? 7
/// `ONLY=digits` (or tiny, mnist, sgemm, torch, numpy) runs only the benchmarks whose group matches.
let only = ProcessInfo.processInfo.environment["ONLY"]
func wanted(_ group: String) -> Bool { only.map { $0.split(separator: ",").contains(Substring(group)) } ?? true }

/// The CPU time this thread has used, in seconds. The benchmarks count CPU time, not wall
/// time, so that other processes on a shared machine (this one has 2 cores shared by several
/// developers) do not inflate the figures; everything measured is single-threaded. Python's
/// side uses `time.thread_time()`, the same clock.
func threadTime() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Calls per CPU second of `steps` calls of `body`.
func rate(steps: Int, _ body: () -> Void) -> Double {
    let start = threadTime()
    for _ in 0..<steps { body() }
    return Double(steps) / (threadTime() - start)
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// Median over `repeats` runs of `steps` calls of `body`, in calls per CPU second.
func measure(steps: Int, _ body: () -> Void) -> Double {
    for _ in 0..<max(1, steps / 10) { body() }  // warm up
    return median((0..<repeats).map { _ in rate(steps: steps, body) })
}

/// Medians over `repeats` rounds, each timing `steps` calls of `first` and then of `second`:
/// calls per CPU second of each, and the median of the per-round ratios first/second.
func measureAlternating(steps: Int, _ first: () -> Void, _ second: () -> Void) -> (Double, Double, Double) {
    for _ in 0..<max(1, steps / 10) { first(); second() }  // warm up
    let rounds = (0..<repeats).map { _ in (rate(steps: steps, first), rate(steps: steps, second)) }
    return (median(rounds.map(\.0)), median(rounds.map(\.1)), median(rounds.map { $0.0 / $0.1 }))
}

func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return left ? s + fill : fill + s
}
func number(_ x: Double) -> String { String(format: "%.1f", x) }

/// A hash (FNV-1a) of the bits of every parameter after the benchmark's fixed number of
/// steps. Neural's arithmetic has one rounding order on every machine, so builds for two CPUs
/// (TARGET_CPU=x86-64 and native), or the portable matrix loop (NEURAL_KERNEL=portable),
/// must print the same fingerprints.
func printFingerprint(_ name: String, _ parameters: [Tensor]) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for parameter in parameters {
        for scalar in parameter.scalars {
            hash = (hash ^ UInt64(scalar.bitPattern)) &* 0x100_0000_01b3
        }
    }
    print("fingerprint " + pad(name, 25, left: true) + " " + String(hash, radix: 16))
}

var results: [String: Double] = [:]
var order: [String] = []
func record(_ name: String, _ value: Double) {
    results["neural " + name] = value
    order.append(name)
    print("neural   " + pad(name, 28, left: true) + pad(number(value), 12))
}

// 1. 2-16-16-1, batch 32, sigmoid + binary cross-entropy + SGD.
if wanted("tiny") {
    var g = SeededGenerator(seed: 0)
    let model = Sequential(
        Linear(inputSize: 2, outputSize: 16, using: &g), Sigmoid(),
        Linear(inputSize: 16, outputSize: 16, using: &g), Sigmoid(),
        Linear(inputSize: 16, outputSize: 1, using: &g), Sigmoid())
    let data = Dataset.twoMoons(count: 32, noise: 0.1, seed: 0)
    let optimizer = SGD(parameters: model.parameters, learningRate: 0.1)
    record("mlp 2-16-16-1 sgd", measure(steps: 20000) {
        optimizer.zeroGrad()
        binaryCrossEntropy(predicted: model(data.features), expected: data.targets).backward()
        optimizer.step()
    })
    printFingerprint("mlp 2-16-16-1 sgd", model.parameters)
}

// 2. 64-64-10 on the digits, batch 32, ReLU + cross-entropy + Adam.
if wanted("digits") {
    let (training, _) = Digits.load(from: "Lessons/data/digits.csv")
    let batches = Array(DataLoader(training, batchSize: 32, dropLast: true, seed: 0))
    var g = SeededGenerator(seed: 0)
    let model = Sequential(Linear(inputSize: 64, outputSize: 64, initialization: .he, using: &g), ReLU(),
                           Linear(inputSize: 64, outputSize: 10, using: &g))
    let optimizer = Adam(parameters: model.parameters, learningRate: 1e-3)
    var i = 0
    record("mlp 64-64-10 adam", measure(steps: 10000) {
        let batch = batches[i % batches.count]
        i += 1
        optimizer.zeroGrad()
        crossEntropy(logits: model(batch.inputs), labels: batch.targets).backward()
        optimizer.step()
    })
    printFingerprint("mlp 64-64-10 adam", model.parameters)
}

// 3. 784-128-64-10, batch 64, ReLU + cross-entropy + Adam (MNIST-sized, random data).
if wanted("mnist") {
    var g = SeededGenerator(seed: 0)
    let x = Tensor.randomUniform([64, 784], using: &g)
    let labels = (0..<64).map { _ in g.nextInt(below: 10) }
    let model = Sequential(Linear(inputSize: 784, outputSize: 128, initialization: .he, using: &g), ReLU(),
                           Linear(inputSize: 128, outputSize: 64, initialization: .he, using: &g), ReLU(),
                           Linear(inputSize: 64, outputSize: 10, using: &g))
    let optimizer = Adam(parameters: model.parameters, learningRate: 1e-3)
    record("mlp 784-128-64-10 adam", measure(steps: 1000) {
        optimizer.zeroGrad()
        crossEntropy(logits: model(x), labels: labels).backward()
        optimizer.step()
    })
    printFingerprint("mlp 784-128-64-10 adam", model.parameters)
}

// 4. sgemm GFLOP/s: Neural's matmul (allocating its result) against OpenBLAS called directly.
// The two alternate repeat by repeat, so that a slow spell of this shared machine slows both;
// the ratio reported is the median of the per-repeat ratios.
var sgemmRatios: [String: Double] = [:]
for n in [16, 32, 64, 128, 256, 512, 1024] where wanted("sgemm") {
    var g = SeededGenerator(seed: UInt64(n))
    let a = Tensor.randomUniform([n, n], using: &g), b = Tensor.randomUniform([n, n], using: &g)
    let flops = 2 * Double(n) * Double(n) * Double(n)
    let steps = max(3, Int(2e9 / flops))
    let name = "sgemm n=\(n) GFLOP/s"
    let ours = { _ = matmul(a, b) }
    #if canImport(CBLAS)
    var c = [Float](repeating: 0, count: n * n)
    let theirs = {
        a.scalars.withUnsafeBufferPointer { pa in b.scalars.withUnsafeBufferPointer { pb in
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1,
                        pa.baseAddress, Int32(n), pb.baseAddress, Int32(n), 0, &c, Int32(n))
        } }
    }
    let (neural, blas, ratio) = measureAlternating(steps: steps, ours, theirs)
    record(name, neural * flops / 1e9)
    results["openblas " + name] = blas * flops / 1e9
    sgemmRatios[name] = ratio
    print("openblas " + pad(name, 28, left: true) + pad(number(blas * flops / 1e9), 12))
    #else
    record(name, measure(steps: steps, ours) * flops / 1e9)
    #endif
}

// PyTorch and numpy, each in its own single-threaded process.
for (tool, script) in [("torch", "Benchmarks/Neural/torch_bench.py"), ("numpy", "Benchmarks/Neural/numpy_bench.py")] where wanted(tool) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script]
    var environment = ProcessInfo.processInfo.environment
    for key in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] { environment[key] = "1" }
    environment["REPEATS"] = String(repeats)
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { print("\(tool): cannot run \(script): \(error)"); continue }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    for line in output.split(separator: "\n") {
        // Lines look like "mlp 2-16-16-1 sgd<TAB>3712.5".
        let parts = line.split(separator: "\t")
        guard parts.count == 2, let value = Double(parts[1]) else { continue }
        results[tool + " " + parts[0]] = value
        print(pad(tool, 9, left: true) + pad(String(parts[0]), 28, left: true) + pad(number(value), 12))
    }
}

print("\n" + pad("benchmark", 24, left: true) + ["neural", "torch", "numpy", "openblas"].map { pad($0, 10) }.joined(separator: " ")
      + pad("×torch", 9) + pad("×numpy", 9))
for name in order {
    func cell(_ tool: String) -> String { pad(results[tool + " " + name].map(number) ?? "-", 10) }
    func ratio(_ tool: String) -> String {
        guard let ours = results["neural " + name], let theirs = results[tool + " " + name] else { return pad("-", 9) }
        return pad(String(format: "%.2fx", ours / theirs), 9)
    }
    let blasRatio = sgemmRatios[name].map { String(format: "  (%.2fx openblas, median of per-repeat ratios)", $0) } ?? ""
    print(pad(name, 24, left: true) + ["neural", "torch", "numpy", "openblas"].map(cell).joined(separator: " ")
          + ratio("torch") + ratio("numpy") + blasRatio)
}
print("(steps per CPU second for the networks, GFLOP per CPU second for sgemm; median of \(repeats) repeats, one thread)")
