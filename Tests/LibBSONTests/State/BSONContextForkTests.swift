import Foundation
import LibBSONTestSupport
import Testing

/// Prefork servers: children inherit the parent's ObjectId generator; each must draw its own
/// random value (libbson's bson_context_t with BSON_CONTEXT_DISABLE_PID_CACHE), in the global
/// state and in every context.
@Suite struct BSONContextForkTests {
    @Test func parentAndForkedChildrenGenerateUniqueObjectIDs() throws {
        let children = 4, perContext = 100_000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fork-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let process = Process()
        process.executableURL = try BuiltExecutables.url(named: "BSONForkCheck")
        process.arguments = [directory.path, String(children), String(perContext)]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".oids") }
        #expect(files.count == children + 1)
        #expect(files.filter { $0.hasPrefix("parent-") }.count == 1)
        var ids = Set<Data>()
        var randoms = Set<Data>()
        var total = 0
        for name in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            #expect(data.count == perContext * 2 * 12, "\(name)")
            for start in stride(from: 0, to: data.count, by: 12) {
                let id = data[(data.startIndex + start)..<(data.startIndex + start + 12)]
                ids.insert(Data(id))
                randoms.insert(Data(id[(id.startIndex + 4)..<(id.startIndex + 9)]))
                total += 1
            }
        }
        print("fork: \(total) ObjectIds from \(children + 1) processes, \(ids.count) unique, \(randoms.count) random values")
        #expect(total == (children + 1) * perContext * 2)
        #expect(ids.count == total, "every ObjectId is unique across processes and contexts")
        // One random value per process and generator: nothing inherited across fork().
        #expect(randoms.count == (children + 1) * 2)
    }
}
