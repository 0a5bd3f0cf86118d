import Foundation
import LibBSON

// MongoKitten's BSON spellings (import BSON), one per line. Each line ends with the diagnostic
// it must draw; scripts/check-fixits checks them all and fails on any other.

func mongoKittenTypes() throws {
    let _: Document = ["a": "x"] // expect: error: 'Document' has been renamed to 'BSONDocument'
    _ = Document() // expect: error: 'Document' has been renamed to 'BSONDocument'
    _ = ObjectId() // expect: error: 'ObjectId' has been renamed to 'BSONObjectID'
    let _: Primitive = "x" // expect: error: 'Primitive' has been renamed to 'BSON': a value is the enum BSON: read it
    _ = Binary(subtype: .generic, data: [1]) // expect: error: 'Binary' has been renamed to 'BSONBinary'
    _ = Timestamp(timestamp: 1, increment: 2) // expect: error: 'Timestamp' has been renamed to 'BSONTimestamp'
    _ = try RegularExpression(pattern: "a", options: "i") // expect: error: 'RegularExpression' has been renamed to 'BSONRegularExpression'
    _ = try Decimal128("1.5") // expect: error: 'Decimal128' has been renamed to 'BSONDecimal128'
    _ = JavaScriptCode(code: "f()") // expect: error: 'JavaScriptCode' has been renamed to 'BSONCode'
    _ = JavaScriptCodeWithScope(code: "f()", scope: [:]) // expect: error: 'JavaScriptCodeWithScope' has been renamed to 'BSONCodeWithScope'
    _ = JavaScriptCode("f()") // expect: error: 'JavaScriptCode' has been renamed to 'BSONCode' // expect: error: 'init(_:)' has been renamed to 'init(code:)'
    _ = Timestamp(increment: 2, timestamp: 1) // expect: error: 'Timestamp' has been renamed to 'BSONTimestamp' // expect: error: 'init(increment:timestamp:)' is unavailable: use BSONTimestamp(timestamp:increment:)
    _ = Document(data: Data()) // expect: error: 'Document' has been renamed to 'BSONDocument' // expect: error: 'init(data:)' has been renamed to 'init(fromBSON:)' // expect: error: call can throw but is not marked with 'try'
    _ = try ObjectId("507f1f77bcf86cd799439011") // expect: error: 'ObjectId' has been renamed to 'BSONObjectID'
    let _: Null = nil // expect: error: 'Null' is unavailable: null is a case
    let _: MinKey = .minKey // expect: error: 'MinKey' is unavailable: MinKey is a case
    let _: MaxKey = .maxKey // expect: error: 'MaxKey' is unavailable: MaxKey is a case
    _ = BSONEncoderStrategies() // expect: error: 'BSONEncoderStrategies' has been renamed to 'BSONCoderOptions'
    _ = BSONDecoderSettings() // expect: error: 'BSONDecoderSettings' has been renamed to 'BSONCoderOptions'
}

func mongoKittenDocuments(_ doc: BSONDocument, data: Data, bytes: [UInt8]) {
    var doc = doc
    _ = doc.containsKey("a") // expect: warning: 'containsKey' is deprecated: renamed to 'hasKey(_:)'
    _ = doc.makeData() // expect: warning: 'makeData()' is deprecated: renamed to 'toData()'
    _ = doc.makeByteBuffer() // expect: error: 'makeByteBuffer()' is unavailable: there is no SwiftNIO here
    doc.appendValue("v", forKey: "k") // expect: error: 'appendValue(_:forKey:)' is unavailable: use try append(key:value:) // expect: error: call can throw, but it is not marked with 'try'
    _ = BSONDocument(data: data) // expect: error: 'init(data:)' has been renamed to 'init(fromBSON:)' // expect: error: call can throw, but it is not marked with 'try'
    _ = BSONDocument(bytes: bytes) // expect: error: 'init(bytes:)' has been renamed to 'init(fromBSON:)' // expect: error: call can throw, but it is not marked with 'try'
    doc.validate() // expect: error: 'validate()' is unavailable: nothing to call
}

func mongoKittenValues(_ oid: BSONObjectID, value: BSON) throws {
    _ = oid.hexString // expect: warning: 'hexString' is deprecated: renamed to 'hex'
    _ = oid.date // expect: warning: 'date' is deprecated: renamed to 'timestamp'
    _ = BSONTimestamp(increment: 2, timestamp: 1) // expect: error: 'init(increment:timestamp:)' is unavailable: use BSONTimestamp(timestamp:increment:)
    _ = BSONCode("f()") // expect: error: 'init(_:)' has been renamed to 'init(code:)'
    _ = BSONCodeWithScope("f()", scope: [:]) // expect: error: 'init(_:scope:)' has been renamed to 'init(code:scope:)'
    _ = try BSONEncoder().encodePrimitive(1) // expect: error: 'encodePrimitive' has been renamed to 'encodeValue(_:)'
    _ = try BSONDecoder().decode(Int.self, fromPrimitive: value) // expect: error: 'decode(_:fromPrimitive:)' has been renamed to 'decode(_:from:)'
}
