import Testing
@testable import LibBSON

/// `withID()`: the `_id` moved to the front or created, and never a document over the current
/// context's maximum document size.
@Suite struct BSONDocumentIDTests {
    /// A one-element document `{"blob": "yyy…"}` of exactly `size` bytes (at least 16).
    static func document(ofSize size: Int, id: BSON? = nil, idFirst: Bool = false) throws -> BSONDocument {
        // length 4 + type 1 + "blob\0" 5 + string length 4 + NUL 1 + document NUL 1 = 16.
        var overhead = 16
        var idElement: [(key: String, value: BSON)] = []
        if let id {
            idElement = [("_id", id)]
            overhead += try BSONDocument(elements: idElement).byteCount - 5
        }
        let blob: [(key: String, value: BSON)] = [("blob", .string(String(repeating: "y", count: size - overhead)))]
        let doc = try BSONDocument(elements: idFirst ? idElement + blob : blob + idElement)
        #expect(doc.byteCount == size)
        return doc
    }

    static func isSizeLimit(_ error: any Error) -> Bool { (error as? BSONError)?.code == .sizeLimitExceeded }

    /// A document of exactly the default 16 MiB without _id is refused, not pushed over.
    @Test func documentAtTheDefaultLimitWithoutIDIsRefused() throws {
        let limit = BSONValidationOptions.defaultMaxDocumentSize
        #expect(BSONContext.resolve().validation.maxDocumentSize == limit)
        let full = try Self.document(ofSize: limit)
        #expect { try full.withID() } throws: { error in
            Self.isSizeLimit(error) && (error as? BSONError)?.reason.contains("\(limit + 17)") == true
        }
        // 17 bytes fewer leaves room for the new _id: the result is exactly at the limit.
        let roomy = try Self.document(ofSize: limit - 17)
        let stored = try roomy.withID()
        #expect(stored.byteCount == limit)
        #expect(stored.keys == ["_id", "blob"])
        #expect(try BSONDocument(fromBSON: stored.bytes) == stored)
    }

    /// At the limit with an _id: moved to the front or kept, never refused.
    @Test func atTheLimitWithAnIDIsMovedOrKept() throws {
        let limit = BSONValidationOptions.defaultMaxDocumentSize
        let late = try Self.document(ofSize: limit, id: 42)
        let moved = try late.withID()
        #expect(moved.byteCount == limit)
        #expect(moved.keys == ["_id", "blob"])
        #expect(moved["_id"] == 42)
        #expect(moved["blob"] == late["blob"])
        let first = try Self.document(ofSize: limit, id: 42, idFirst: true)
        #expect(try first.withID() == first)
    }

    /// The bound context's limit applies, and no ObjectId is spent on a refused document.
    @Test func boundContextLimitAppliesAndSpendsNoObjectID() throws {
        let small = BSONContext(name: "small", validation: BSONValidationOptions(maxDocumentSize: 1024))
        let full = try Self.document(ofSize: 1024)
        let before = BSONObjectID(context: small)
        try BSONContext.withCurrent(small) {
            #expect { try full.withID() } throws: { Self.isSizeLimit($0) }
            let fits = try Self.document(ofSize: 1024 - 17)
            let stored = try fits.withID()
            #expect(stored.byteCount == 1024)
            // The new id is the very next one of the bound context's generator.
            let id = try #require(stored["_id"]?.objectIDValue)
            #expect((ObjectIDOrder.counter(id) &- ObjectIDOrder.counter(before)) & 0xFF_FFFF == 1)
        }
        // Under the global context the same document is far from the limit.
        #expect(try full.withID().byteCount == 1024 + 17)
    }

    /// A document already over the limit is refused even with its _id in front.
    @Test func documentOverTheLimitIsRefusedEvenWithIDInFront() throws {
        let small = BSONContext(name: "small", validation: BSONValidationOptions(maxDocumentSize: 100))
        let big = try Self.document(ofSize: 200, id: "x", idFirst: true)
        BSONContext.withCurrent(small) { () -> Void in
            #expect { try big.withID() } throws: { Self.isSizeLimit($0) }
        }
    }

    /// Moving keeps every other element's bytes and order; a second _id stays where it was.
    @Test func movingTheIDKeepsEveryOtherElement() throws {
        let doc: BSONDocument = ["a": 1, "_id": "first", "b": ["c": 2], "_id2": 3]
        let moved = try doc.withID()
        #expect(moved.keys == ["_id", "a", "b", "_id2"])
        #expect(moved.byteCount == doc.byteCount)
        var duplicate = BSONDocument()
        try duplicate.append(key: "a", value: 1)
        try duplicate.append(key: "_id", value: "one")
        try duplicate.append(key: "_id", value: "two")
        let fixed = try duplicate.withID()
        #expect(fixed.keys == ["_id", "a", "_id"])
        #expect(fixed["_id"] == "one")
        #expect(try BSONDocument(fromBSON: fixed.bytes) == fixed)
        let empty = try BSONDocument().withID()
        #expect(empty.keys == ["_id"])
        #expect(empty.byteCount == 5 + 17)
    }

    @Test func withIDMovesOrCreatesTheID() throws {
        let plain: BSONDocument = ["a": 1]
        let withNew = try plain.withID()
        #expect(withNew.keys == ["_id", "a"])
        #expect(withNew["_id"]?.objectIDValue != nil)
        let id = BSONObjectID()
        let late: BSONDocument = ["a": 1, "_id": .objectID(id), "b": 2]
        let moved = try late.withID()
        #expect(moved.keys == ["_id", "a", "b"])
        #expect(moved["_id"] == .objectID(id))
        #expect(throws: Never.self) { try BSONDocument(fromBSON: moved.bytes) }
        let first: BSONDocument = ["_id": 7, "a": 1]
        #expect(try first.withID() == first)
    }
}
