import Foundation
import Testing
@testable import LibBSON

/// `Data` through BSONEncoder and BSONDecoder: every strategy (Codable/Foundation/Data+BSONCoding.swift).
@Suite struct DataBSONCodingTests {
    static let data = Data([0, 1, 2, 0xFE, 0xFF])

    @Test func dataAsGenericBinaryByDefault() throws {
        #expect(try BSONEncoder().encode(Box(value: Self.data)) == ["value": .binary(BSONBinary(subtype: .generic, data: Self.data))])
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.data)) == Box(value: Self.data))
        #expect(try CodableTestSupport.roundTrip(Box(value: Data())) == Box(value: Data()))
        // Any subtype reads as Data, the old subtype 2 without its inner length.
        for subtype in [BSONBinary.Subtype.binaryOld, .md5, .userDefined(1)] {
            let doc: BSONDocument = ["value": .binary(BSONBinary(subtype: subtype, data: Self.data))]
            #expect(try BSONDecoder().decode(Box<Data>.self, from: doc).value == Self.data)
        }
    }

    @Test func dataAsBase64() throws {
        let o = coderOptions { $0.dataEncodingStrategy = .base64; $0.dataDecodingStrategy = .base64 }
        #expect(try BSONEncoder(options: o).encode(Box(value: Self.data)) == ["value": "AAEC/v8="])
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.data), options: o) == Box(value: Self.data))
        #expect(throws: DecodingError.self) { try BSONDecoder(options: o).decode(Box<Data>.self, from: ["value": "***"]) }
    }

    @Test func dataWithCustomClosures() throws {
        let o = coderOptions {
            $0.dataEncodingStrategy = .custom { data, encoder in
                var c = encoder.unkeyedContainer()
                for byte in data { try c.encode(byte) }
            }
            $0.dataDecodingStrategy = .custom { decoder in
                var c = try decoder.unkeyedContainer()
                var bytes: [UInt8] = []
                while !c.isAtEnd { bytes.append(try c.decode(UInt8.self)) }
                return Data(bytes)
            }
        }
        #expect(try BSONEncoder(options: o).encode(Box(value: Data([7, 8]))) == ["value": [.int32(7), .int32(8)]])
        #expect(try CodableTestSupport.roundTrip(Box(value: Self.data), options: o) == Box(value: Self.data))
    }
}
