import Foundation

/// Executables built beside the test bundle (`bson-dump`, `BSONForkCheck`).
public enum BuiltExecutables {
    /// The executable `name` that SwiftPM built with this test bundle: it puts every product
    /// of a build in one directory, next to the test executable on Linux and next to the
    /// `.xctest` bundle on macOS.
    public static func url(named name: String) throws -> URL {
        var directories: [URL] = []
        if let main = Bundle.main.executableURL?.deletingLastPathComponent() {
            directories.append(main)
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        throw FixtureError("no executable \(name) in \(directories.map(\.path))")
    }
}
