// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swift-libbson",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LibBSON", targets: ["LibBSON"]),
    ],
    targets: [
        // The only place C is declared: a system-library target over libbson-1.0.
        .systemLibrary(
            name: "CLibBSON",
            path: "CLibBSON",
            pkgConfig: "libbson-1.0",
            providers: [.apt(["libbson-dev"]), .brew(["mongo-c-driver"])]
        ),
        .target(
            name: "LibBSON",
            dependencies: ["CLibBSON"],
            path: "Sources/LibBSON"
        ),
        .testTarget(
            name: "LibBSONTests",
            dependencies: ["LibBSON"],
            path: "Tests/LibBSONTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
