import Foundation
import Testing
@testable import Neural
import TestSupport

@Suite(.offThePool) struct KernelPathTests {
    /// On an x86-64 CPU with AVX2 and FMA (Linux reports them in /proc/cpuinfo) the product
    /// takes the fast kernel: the test above would otherwise compare the portable loop with itself.
    @Test func anAVX2MachineTakesTheFastKernel() throws {
        #if arch(x86_64) && os(Linux)
        let flags = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("flags") }.map { Set($0.split(separator: " ")) } ?? []
        if flags.contains("avx2") && flags.contains("fma") {
            #expect(matrixKernelPath == (ProcessInfo.processInfo.environment["NEURAL_KERNEL"] == "portable" ? "portable" : "avx2+fma"))
        }
        #endif
    }
}
