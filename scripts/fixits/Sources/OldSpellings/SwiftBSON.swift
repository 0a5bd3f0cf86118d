import Foundation
import LibBSON

// mongodb/swift-bson's spellings (import SwiftBSON), one per line. Each line ends with the
// diagnostic it must draw; scripts/check-fixits checks them all and fails on any other.

func swiftBSONValues(_ value: BSON, n: Int) {
    _ = value.asInt() // expect: warning: 'asInt()' is deprecated: renamed to 'toInt()'
    _ = value.toDecimal128() // expect: error: 'toDecimal128()' is unavailable: no converting accessor yet
    _ = BSON(n) // expect: error: 'init(_:)' is unavailable: choose the width
}

func swiftBSONTimestamps(t: Int, i: Int) {
    _ = BSONTimestamp(timestamp: 1, inc: 2) // expect: warning: 'init(timestamp:inc:)' is deprecated: replaced by 'init(timestamp:increment:)'
    _ = BSONTimestamp(timestamp: t, inc: i) // expect: error: 'init(timestamp:inc:)' has been renamed to 'init(timestamp:increment:)': it takes UInt32 values
}

func swiftBSONBinaries(data: Data, uuid: UUID) throws {
    _ = try BSONBinary(data: data, subtype: .generic) // expect: error: 'init(data:subtype:)' is unavailable: use BSONBinary(subtype:data:)
    _ = try BSONBinary(from: uuid) // expect: error: 'init(from:)' has been renamed to 'init(uuid:)'
    _ = try BSONBinary(base64: "AQI=", subtype: .generic) // expect: error: 'init(base64:subtype:)' is unavailable: decode the base64 first
    _ = BSONBinary.Subtype.binaryDeprecated // expect: warning: 'binaryDeprecated' is deprecated: renamed to 'binaryOld'
    _ = BSONBinary.Subtype.uuidDeprecated // expect: warning: 'uuidDeprecated' is deprecated: renamed to 'uuidOld'
}

func swiftBSONDocuments(_ doc: BSONDocument) {
    _ = doc.buffer // expect: error: 'buffer' has been renamed to 'bytes'
}

func swiftBSONExtendedJSON() {
    _ = ExtendedJSONEncoder() // expect: error: 'ExtendedJSONEncoder' is unavailable: not available yet
    _ = ExtendedJSONDecoder() // expect: error: 'ExtendedJSONDecoder' is unavailable: not available yet
}
