// swift-tools-version: 6.0
// The scratch package of scripts/check-fixits: old spellings of mongodb/swift-bson and
// MongoKitten's BSON, compiled against this checkout to check the diagnostics they draw
// (OldSpellings), and code that declares or imports MongoKitten's type names of its own, which
// must still compile beside LibBSON (NoClash). Not part of the library; not built by its tests.
import Foundation
import PackageDescription

// A path dependency's identity is its directory's name, which depends on the checkout.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
let libBSON: Target.Dependency = .product(name: "LibBSON", package: root.lastPathComponent)

let package = Package(
    name: "check-fixits",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: root.path)],
    targets: [
        .target(name: "OldSpellings", dependencies: [libBSON]),
        .target(name: "OtherBSONNames"),
        .target(name: "NoClash", dependencies: [libBSON, "OtherBSONNames"]),
    ]
)
