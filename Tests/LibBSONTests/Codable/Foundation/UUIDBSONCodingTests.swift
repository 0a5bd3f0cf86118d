import Foundation
import Testing
@testable import LibBSON

/// `UUID` through BSONEncoder and BSONDecoder: every strategy (Codable/Foundation/UUID+BSONCoding.swift).
@Suite struct UUIDBSONCodingTests {
    static let uuid = UUID(uuid: (0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF))

    @Test func uuidAsBinarySubtype4ByDefault() throws {
        let doc = try BSONEncoder().encode(Box(value: Self.uuid))
        #expect(doc["value"] == .binary(BSONBinary(uuid: Self.uuid)))
        #expect(doc["value"]?.binaryValue?.subtype == .uuid)
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.uuid)) == Box(value: Self.uuid))
    }

    @Test func uuidDecodingReadsLegacySubtype3() throws {
        let legacy = BSONBinary(subtype: .uuidOld, data: BSONBinary(uuid: Self.uuid).data)
        #expect(try BSONDecoder().decode(Box<UUID>.self, from: ["value": .binary(legacy)]).value == Self.uuid)
        // Other subtypes and other lengths are errors.
        #expect(throws: DecodingError.self) {
            try BSONDecoder().decode(Box<UUID>.self, from: ["value": .binary(BSONBinary(subtype: .generic, data: legacy.data))])
        }
        #expect(throws: DecodingError.self) {
            try BSONDecoder().decode(Box<UUID>.self, from: ["value": .binary(BSONBinary(subtype: .uuid, data: [1, 2]))])
        }
    }

    @Test func uuidAsString() throws {
        let o = coderOptions { $0.uuidEncodingStrategy = .string; $0.uuidDecodingStrategy = .string }
        #expect(try BSONEncoder(options: o).encode(Box(value: Self.uuid)) == ["value": "00112233-4455-6677-8899-AABBCCDDEEFF"])
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.uuid), options: o) == Box(value: Self.uuid))
        #expect(try BSONDecoder(options: o).decode(Box<UUID>.self, from: ["value": "00112233-4455-6677-8899-aabbccddeeff"]).value == Self.uuid)
        #expect(throws: DecodingError.self) { try BSONDecoder(options: o).decode(Box<UUID>.self, from: ["value": "not-a-uuid"]) }
    }
}
