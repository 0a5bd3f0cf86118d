// swift-tools-version: 6.0
import PackageDescription

// The benchmarks live in their own package so the library's build and tests stay light.
// Run them with `scripts/bench` from the repository root.
let package = Package(
    name: "swift-libbson-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-libbson", path: ".."),
    ],
    targets: [
        .systemLibrary(name: "CLibBSONBench", path: "Sources/CLibBSONBench", pkgConfig: "libbson-1.0"),
        // Raw libbson baselines, measured in the same run as the Swift workloads.
        .target(name: "CBaselines", dependencies: ["CLibBSONBench"], path: "Sources/CBaselines",
                cSettings: [.unsafeFlags(["-O2"])]),
        .executableTarget(
            name: "BSONBench",
            dependencies: [
                "CBaselines",
                .product(name: "LibBSON", package: "swift-libbson"),
            ],
            path: "Sources/BSONBench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
