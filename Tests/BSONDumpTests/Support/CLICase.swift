import Foundation
import LibBSONTestSupport

/// One run of bson-dump described in `Tests/Fixtures/bson-dump/cases.json` (written by
/// `scripts/make-bson-dump-fixtures`).
struct CLICase: Decodable, Sendable, CustomStringConvertible {
    var name: String
    /// Arguments; `{tmp}` stands for a fresh temporary directory.
    var args: [String]
    /// A file (relative to the fixture folder) to use as standard input.
    var stdin: String?
    var status: Int32
    /// The file holding the exact expected standard output.
    var stdout: String?
    /// Strings the standard output must contain (instead of `stdout`).
    var stdoutContains: [String]?
    /// The exact expected standard error; `{tmp}` as in `args`.
    var stderr: String?
    /// Strings standard error must contain (instead of `stderr`).
    var stderrContains: [String]?
    /// The file holding the exact expected contents of `--outFile`.
    var outFile: String?
    /// What the case exercises: options and kinds of bad input.
    var covers: [String]

    var description: String { name }

    static func all() throws -> [CLICase] {
        let data = try Data(contentsOf: Fixtures.bsonDump.appendingPathComponent("cases.json"))
        return try JSONDecoder().decode([CLICase].self, from: data)
    }

    /// The cases, or one failing placeholder when the manifest cannot be read (so the
    /// problem is reported as a failure, never as zero passing cases).
    static func allOrFailure() -> [CLICase] {
        do {
            return try all()
        } catch {
            return [CLICase(name: "cases.json unreadable: \(error)", args: [], status: -1, covers: [])]
        }
    }
}
