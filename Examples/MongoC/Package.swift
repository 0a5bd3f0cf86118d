// swift-tools-version: 6.0
import PackageDescription

// A typed Swift layer over libmongoc (the MongoDB C driver) that hands every document to C
// through swift-libbson's bridge: documents go out borrowed (no copy), replies and cursor
// documents come back with one copy, validated. Its tests talk to a wire-protocol test
// server (mockupdb) on loopback: see README.md and scripts/test.
let package = Package(
    name: "MongoC",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MongoC", targets: ["MongoC"]),
    ],
    dependencies: [
        .package(name: "swift-libbson", path: "../.."),
    ],
    targets: [
        // The user's own system-library target for another libbson-based C library: its
        // header includes <bson/bson.h> too, and composes with swift-libbson's CLibBSON.
        .systemLibrary(
            name: "CMongoC",
            path: "Sources/CMongoC",
            pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev"]), .brew(["mongo-c-driver@1"])]
        ),
        .target(
            name: "MongoC",
            dependencies: [
                "CMongoC",
                .product(name: "LibBSON", package: "swift-libbson"),
                .product(name: "CLibBSON", package: "swift-libbson"),
            ]
        ),
        .testTarget(
            name: "MongoCTests",
            dependencies: ["MongoC", .product(name: "LibBSON", package: "swift-libbson")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
