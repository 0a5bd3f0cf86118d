// swift-tools-version: 6.1
import PackageDescription

// An example service that links swift-libbson as an ordinary dependency (by path, as a user
// would by URL). Run it with `scripts/run`, test it with `scripts/test`, load it with
// `scripts/load` (see README.md).
let package = Package(
    name: "BSONService",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bson-service", targets: ["bson-service"]),
        .executable(name: "bson-service-load", targets: ["bson-service-load"]),
    ],
    dependencies: [
        .package(name: "swift-libbson", path: "../.."),
        // No default traits: the service needs neither swift-configuration nor full Foundation
        // from Hummingbird, and skipping them keeps the build shorter.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
    ],
    targets: [
        // The service as a library: tenants, stores, middleware and routes. The executable and
        // the tests build their Application from it.
        .target(
            name: "BSONService",
            dependencies: [
                .product(name: "LibBSON", package: "swift-libbson"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "bson-service",
            dependencies: [
                "BSONService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // A small HTTP client for the service, over AsyncHTTPClient, that only ever connects to
        // 127.0.0.1. The tests and the load client use it.
        .target(
            name: "BSONServiceClient",
            dependencies: [
                .product(name: "LibBSON", package: "swift-libbson"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // A bounded load client that checks every response body against its own tenant.
        .executableTarget(
            name: "bson-service-load",
            dependencies: [
                "BSONServiceClient",
                .product(name: "LibBSON", package: "swift-libbson"),
            ]
        ),
        .testTarget(
            name: "BSONServiceTests",
            dependencies: [
                "BSONService",
                "BSONServiceClient",
                .product(name: "LibBSON", package: "swift-libbson"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
