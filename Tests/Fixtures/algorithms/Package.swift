// swift-tools-version: 5.9
// A course over a library with a package dependency: the guides' own `Guides` library is built
// on swift-algorithms, which brings swift-numerics (a C module among its targets).
import PackageDescription

let package = Package(
    name: "algorithm-guides",
    products: [.library(name: "Guides", targets: ["Guides"])],
    dependencies: [.package(url: "https://github.com/apple/swift-algorithms", from: "1.2.0")],
    targets: [.target(name: "Guides", dependencies: [.product(name: "Algorithms", package: "swift-algorithms")])]
)
