import Foundation
import Testing
@testable import LibBSON

/// The state manager's resolution rules: explicit, bound, global; nesting; task inheritance.
@Suite struct BSONContextTests {
    @Test func nothingBoundResolvesToGlobal() {
        #expect(BSONContext.resolve() === BSONContext.global)
        #expect(BSONContext.resolve() === BSONContext.global)
        #expect(BSONContext.global.isGlobal)
        #expect(BSONContext.global.name == "global")
    }

    @Test func defaultSettingsMakeAValidContext() {
        let context = BSONContext(name: "tenant-a")
        #expect(!context.isGlobal)
        #expect(context.validation == .default)
        #expect(context.extendedJSONMode == .relaxed)
        #expect(context.codecs.isEmpty)
        #expect(context.description == "BSONContext(tenant-a)")
    }

    @Test func bindingIsScopedAndNestsAndRestores() throws {
        let a = BSONContext(name: "a"), b = BSONContext(name: "b")
        BSONContext.withCurrent(a) {
            #expect(BSONContext.resolve() === a)
            BSONContext.withCurrent(b) {
                #expect(BSONContext.resolve() === b)
                #expect(BSONContext.resolve(a) === a, "an explicit context wins over the bound one")
            }
            #expect(BSONContext.resolve() === a)
        }
        #expect(BSONContext.resolve() === BSONContext.global)
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try BSONContext.withCurrent(a) { throw Failure() }
        }
        #expect(BSONContext.resolve() === BSONContext.global, "restored after a throw")
    }

    @Test func childTasksInheritAndDetachedTasksDoNot() async {
        let a = BSONContext(name: "a")
        await BSONContext.withCurrent(a) {
            async let child = BSONContext.resolve().name
            let fromGroup = await withTaskGroup(of: String.self) { group in
                group.addTask { BSONContext.resolve().name }
                return await group.next() ?? ""
            }
            let unstructured = await Task { BSONContext.resolve().name }.value
            let detached = await Task.detached { BSONContext.resolve().name }.value
            #expect(await child == "a")
            #expect(fromGroup == "a")
            #expect(unstructured == "a")
            #expect(detached == "global")
        }
    }

    @Test func boundValidationLimitsApplyToDocuments() throws {
        let shallow = BSONContext(name: "shallow", validation: BSONValidationOptions(maxDepth: 2))
        let doc: BSONDocument = ["a": ["b": ["c": ["d": 1]]]]   // depth 3
        #expect(throws: Never.self) { try BSONDocument(fromBSON: doc.bytes) }
        try BSONContext.withCurrent(shallow) {
            #expect {
                try BSONDocument(fromBSON: doc.bytes)
            } throws: { ($0 as? BSONError)?.code == .depthLimitExceeded }
            #expect {
                try BSONDocument(fromJSON: doc.toCanonicalExtendedJSONString())
            } throws: { ($0 as? BSONError)?.code == .depthLimitExceeded }
            // Explicit options still win over the context's.
            _ = try BSONDocument(fromBSON: doc.bytes, options: .default)
        }
        #expect(throws: BSONError.self) { try BSONDocument(fromBSON: doc.bytes, context: shallow) }
    }

    /// Options that change only a strategy must not drop the bound tenant's validation limits.
    @Test func coderOptionsWithoutValidationKeepTheContextsLimits() throws {
        struct Box: Codable { var a: BSONDocument }
        let strict = BSONContext(name: "strict", validation: BSONValidationOptions(maxDepth: 2, maxDocumentSize: 64))
        let deep = try BSONEncoder().encode(Box(a: ["b": ["c": ["d": 1]]])).bytes   // depth 3
        var shortcut = BSONDecoder()
        shortcut.dateDecodingStrategy = .iso8601
        var snake = BSONCoderOptions()
        snake.keyDecodingStrategy = .convertFromSnakeCase
        for decoder in [BSONDecoder(), shortcut, BSONDecoder(options: snake)] {
            _ = try decoder.decode(Box.self, from: deep)
            #expect(throws: DecodingError.self) {
                try BSONContext.withCurrent(strict) { try decoder.decode(Box.self, from: deep) }
            }
        }
        // Limits set on the options themselves win.
        var loose = BSONCoderOptions()
        loose.validationOverride = BSONValidationOptions(maxDepth: 10)
        _ = try BSONContext.withCurrent(strict) { try BSONDecoder(options: loose).decode(Box.self, from: deep) }
    }

    @Test func readersTakeTheBoundContextsLimits() throws {
        let small = BSONContext(name: "small", validation: BSONValidationOptions(maxDocumentSize: 16))
        let stream = (["a": "0123456789"] as BSONDocument).bytes   // 21 bytes
        let unbound = try BSONReader(bytes: stream).readDocument()
        #expect(unbound != nil)
        let reader = BSONContext.withCurrent(small) { BSONReader(bytes: stream) }
        #expect { try reader.readDocument() } throws: { ($0 as? BSONError)?.code == .sizeLimitExceeded }
    }

    @Test func extendedJSONModeFollowsTheContext() {
        let canonical = BSONContext(name: "canonical", extendedJSONMode: .canonical)
        let doc: BSONDocument = ["n": 1]
        #expect(doc.toExtendedJSONString(mode: nil) == #"{"n":1}"#)
        #expect(doc.toExtendedJSONString(mode: nil, context: canonical) == #"{"n":{"$numberInt":"1"}}"#)
        BSONContext.withCurrent(canonical) {
            #expect(doc.toExtendedJSONString(mode: nil) == #"{"n":{"$numberInt":"1"}}"#)
            #expect(doc.toExtendedJSONString() == #"{"n":{"$numberInt":"1"}}"#, "one method: no mode means the context's")
            #expect(doc.toExtendedJSONString(mode: .relaxed) == #"{"n":1}"#)
            #expect(doc.description == #"{"n":1}"#, "description stays relaxed whatever is bound")
        }
    }

    @Test func eachContextHasItsOwnObjectIDGenerator() {
        let a = BSONContext(name: "a")
        let global = BSONObjectID()
        let fromA = BSONContext.withCurrent(a) { BSONObjectID() }
        let explicitA = BSONObjectID(context: a)
        // Bytes 4...8 are the generator's per-process random value.
        #expect(global.byteArray[4..<9] != fromA.byteArray[4..<9])
        #expect(fromA.byteArray[4..<9] == explicitA.byteArray[4..<9])
    }
}
