// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swift-libbson",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LibBSON", targets: ["LibBSON"]),
        // libbson's C API, for dependents that call libbson or a libbson-based C library
        // (libmongoc) beside LibBSON: see Documentation/CInterop.md.
        .library(name: "CLibBSON", targets: ["CLibBSON"]),
        .executable(name: "bson-dump", targets: ["bson-dump"]),
        // Test support, not for production use: the fixture locator, random documents, the
        // libbson oracles and the fuzz invariants, shared by this package's tests and the
        // fuzz targets in Fuzz/ (a package of its own, which can only reach a target of this
        // one through a product). No API or stability promise; see the target's documentation.
        .library(name: "LibBSONTestSupport", targets: ["LibBSONTestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Test-only: property-based round trips of the Codable coders.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The only place C is declared: a system-library target over libbson-1.0.
        .systemLibrary(
            name: "CLibBSON",
            path: "CLibBSON",
            pkgConfig: "libbson-1.0",
            providers: [.apt(["libbson-dev"]), .brew(["mongo-c-driver@1"])]
        ),
        .target(
            name: "LibBSON",
            dependencies: ["CLibBSON"],
            path: "Sources/LibBSON"
        ),
        .executableTarget(
            name: "bson-dump",
            dependencies: [
                "LibBSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/bson-dump"
        ),
        // Test helper: forks children that generate ObjectIds (the fork test runs it).
        .executableTarget(
            name: "BSONForkCheck",
            dependencies: ["LibBSON"],
            path: "Sources/BSONForkCheck"
        ),
        // Test-only C: libbson's own C code as the peer of the C interop bridge's tests
        // (bson_t and bson_iter_t are 128-byte aligned, so Swift cannot declare them).
        .target(
            name: "CInteropPeer",
            dependencies: ["CLibBSON"],
            path: "Tests/CInteropPeer"
        ),
        // Shared by the test targets and Fuzz/: the fixture locator, the BSON Corpus format,
        // seeded random documents, libbson's own Extended JSON parser and writer as oracles,
        // built executables, and the round-trip invariants the fuzz targets check. It links no
        // test framework, so the fuzz targets can use it.
        .target(
            name: "LibBSONTestSupport",
            dependencies: ["LibBSON", "CLibBSON"],
            path: "Tests/LibBSONTestSupport"
        ),
        .testTarget(
            name: "LibBSONTests",
            dependencies: [
                "LibBSON",
                "CLibBSON",
                "CInteropPeer",
                "LibBSONTestSupport",
                "BSONForkCheck",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            path: "Tests/LibBSONTests"
        ),
        .testTarget(
            name: "BSONDumpTests",
            dependencies: ["LibBSON", "LibBSONTestSupport", "bson-dump"],
            path: "Tests/BSONDumpTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
