import Foundation
import Testing
@testable import LibBSON

@Suite struct CodableSmokeTests {
    struct Inner: Codable, Equatable { var x: Int; var s: String }
    struct Outer: Codable, Equatable {
        var a: Int32
        var b: [Inner]
        var c: Inner?
        var d: [String: Int]
        var e: Date
        var id: BSONObjectID
    }

    @Test func smoke() throws {
        let v = Outer(a: 1, b: [Inner(x: 1, s: "a"), Inner(x: 2, s: "b")], c: nil, d: ["k": 3],
                      e: Date(timeIntervalSince1970: 1.5), id: BSONObjectID())
        let doc = try BSONEncoder().encode(v)
        print(doc)
        let back = try BSONDecoder().decode(Outer.self, from: doc)
        #expect(back == v)
        _ = try BSONDocument(fromBSON: doc.bytes)
    }
}
