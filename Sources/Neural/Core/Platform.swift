// The platform-specific code of the library, all in one place: the C library, for
// thread-local storage, file reading and the Double functions of the scalar `Value`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thread-local switch for gradient recording (see ``withoutGradients(_:)``): the count of
/// nested `withoutGradients` blocks on the current thread, stored as a pointer's bit pattern.
enum GradientMode {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static var isRecording: Bool { pthread_getspecific(key) == nil }

    static var disabledDepth: Int {
        get { Int(bitPattern: pthread_getspecific(key)) }
        set { pthread_setspecific(key, UnsafeRawPointer(bitPattern: newValue)) }
    }
}

/// The C library's Double functions, for the scalar `Value` and the synthetic data sets
/// (the Float functions tensors use are the library's own: `ElementaryFunctions.swift`).
/// Named here at file scope, where `exp` is the C library's, not `Math.exp` itself.
private let libm = (exp: exp as @Sendable (Double) -> Double, log: log as @Sendable (Double) -> Double, tanh: tanh as @Sendable (Double) -> Double,
                    pow: pow as @Sendable (Double, Double) -> Double, sin: sin as @Sendable (Double) -> Double, cos: cos as @Sendable (Double) -> Double)

extension Math {
    @inline(__always) static func exp(_ x: Double) -> Double { libm.exp(x) }
    @inline(__always) static func log(_ x: Double) -> Double { libm.log(x) }
    @inline(__always) static func tanh(_ x: Double) -> Double { libm.tanh(x) }
    @inline(__always) static func pow(_ x: Double, _ y: Double) -> Double { libm.pow(x, y) }
    @inline(__always) static func sin(_ x: Double) -> Double { libm.sin(x) }
    @inline(__always) static func cos(_ x: Double) -> Double { libm.cos(x) }
}

/// The contents of a text file, or nil if it cannot be read.
func readTextFile(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 65536, file) }
        if n <= 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}
