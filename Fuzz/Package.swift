// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for swift-libbson, in their own package so the library's build stays light.
// Build and run them with `scripts/fuzz [SECONDS]` from the repository root; the script passes
// `-sanitize=fuzzer,address -parse-as-library` (libFuzzer supplies `main`, each target
// exports `LLVMFuzzerTestOneInput`).
let testSupport: Target.Dependency = .product(name: "LibBSONTestSupport", package: "swift-libbson")

let package = Package(
    name: "swift-libbson-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-libbson", path: ".."),
    ],
    targets: [
        // What every target shares beyond the invariants: the libFuzzer glue (a broken
        // invariant aborts) and the seeds. The invariants themselves (BSONRoundTrip,
        // JSONFixpoint, CodableRoundTrip, ReaderCheck) live in the library's test support,
        // which the tests replay the regression fixtures through as well.
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "LibBSON", package: "swift-libbson"),
                testSupport,
            ],
            path: "Sources/FuzzSupport"
        ),
        // Declares libFuzzer's driver entry point (see its header).
        .target(name: "CFuzzDriver", path: "Sources/CFuzzDriver"),
        // BSON bytes -> validated document -> values -> Extended JSON -> our parser -> compare.
        .executableTarget(name: "FuzzBSON", dependencies: ["FuzzSupport", "CFuzzDriver", testSupport], path: "Sources/FuzzBSON"),
        // Extended JSON text -> document -> canonical JSON -> document: a fixpoint.
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzSupport", "CFuzzDriver", testSupport], path: "Sources/FuzzJSON"),
        // BSON bytes -> BSONDecoder -> BSONEncoder -> BSONDecoder: equal.
        .executableTarget(name: "FuzzCodable", dependencies: ["FuzzSupport", "CFuzzDriver", testSupport], path: "Sources/FuzzCodable"),
        // A byte stream -> BSONReader (in memory and over a pipe): frames, offsets, documents.
        .executableTarget(name: "FuzzReader", dependencies: ["FuzzSupport", "CFuzzDriver", testSupport], path: "Sources/FuzzReader"),
    ],
    swiftLanguageModes: [.v6]
)
