import Foundation
import LibBSONTestSupport
@testable import LibBSON

/// Small documents and hand-made byte streams for the reader and writer tests.
enum StreamTestDocuments {
    static let ada: BSONDocument = ["name": "Ada", "born": .int32(1815)]
    static let grace: BSONDocument = ["name": "Grace", "langs": ["COBOL", "FLOW-MATIC"], "navy": true]
    static let alan: BSONDocument = ["name": "Alan", "score": 4.5, "nested": ["a": ["b": .int64(1)]]]

    /// A frame-sound document whose string holds invalid UTF-8 at document offset 16.
    static let invalidUTF8: [UInt8] = {
        let value: [UInt8] = [0x41, 0x64, 0xFF, 0x61, 0x00]
        var body: [UInt8] = [0x02] + Array("name".utf8) + [0]
        body += le(Int32(value.count)) + value
        return le(Int32(body.count + 5)) + body + [0]
    }()

    static func le(_ v: Int32) -> [UInt8] {
        withUnsafeBytes(of: v.littleEndian) { Array($0) }
    }

    static func stream(_ docs: [BSONDocument]) -> [UInt8] {
        docs.flatMap(\.bytes)
    }

    /// Writes `bytes` to a new file in `directory`.
    static func file(_ bytes: [UInt8], named name: String, in directory: TemporaryDirectory) throws -> URL {
        let url = directory.url.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }
}
