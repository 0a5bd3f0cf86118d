import Foundation
import Testing
@testable import LibBSON

/// Which settings a coder uses: the context's coder options (explicit, else bound, else
/// global) when it runs, with what was set on the coder on top. A strategy shortcut, or one
/// property changed through `options`, changes that one setting; whole options replace all.
///
/// Before issue 14, a shortcut started the coder's options from the library defaults: inside a
/// context whose dates are ISO 8601 strings, `encoder.keyEncodingStrategy = .convertToSnakeCase`
/// silently wrote BSON datetimes.
@Suite struct BSONCoderConfigurationTests {
    struct Record: Codable, Equatable {
        var createdAt: Date
        var id: UUID
        var blob: Data
        var note: String?
    }

    static let record = Record(
        createdAt: Date(timeIntervalSince1970: 1.5),
        id: UUID(uuidString: "00112233-4455-6677-8899-AABBCCDDEEFF")!,
        blob: Data([1, 2, 3]),
        note: nil)

    /// A tenant whose every shortcut setting differs from the library default.
    static let tenantOptions = coderOptions {
        $0.dateEncodingStrategy = .iso8601
        $0.dateDecodingStrategy = .iso8601
        $0.uuidEncodingStrategy = .string
        $0.uuidDecodingStrategy = .string
        $0.dataEncodingStrategy = .base64
        $0.dataDecodingStrategy = .base64
        $0.keyEncodingStrategy = .convertToSnakeCase
        $0.keyDecodingStrategy = .convertFromSnakeCase
        $0.nilEncodingStrategy = .writeNull
    }
    static let tenant = BSONContext(name: "tenant", coderOptions: tenantOptions)

    /// One encoder shortcut set to a value other than the tenant's, and the same change made
    /// on whole options (the expected result: the tenant's options with that one setting changed).
    struct EncoderShortcut: Sendable {
        var name: String
        var onEncoder: @Sendable (inout BSONEncoder) -> Void
        var onOptions: @Sendable (inout BSONCoderOptions) -> Void
    }

    static let encoderShortcuts: [EncoderShortcut] = [
        EncoderShortcut(name: "date", onEncoder: { $0.dateEncodingStrategy = .millisecondsSince1970 },
                        onOptions: { $0.dateEncodingStrategy = .millisecondsSince1970 }),
        EncoderShortcut(name: "uuid", onEncoder: { $0.uuidEncodingStrategy = .binary },
                        onOptions: { $0.uuidEncodingStrategy = .binary }),
        EncoderShortcut(name: "data", onEncoder: { $0.dataEncodingStrategy = .binary },
                        onOptions: { $0.dataEncodingStrategy = .binary }),
        EncoderShortcut(name: "key", onEncoder: { $0.keyEncodingStrategy = .useDefaultKeys },
                        onOptions: { $0.keyEncodingStrategy = .useDefaultKeys }),
        EncoderShortcut(name: "nil", onEncoder: { $0.nilEncodingStrategy = .omitKey },
                        onOptions: { $0.nilEncodingStrategy = .omitKey }),
    ]

    /// The tenant's options with one change: what a coder with that one setting changed must use.
    static func tenantOptions(with change: (inout BSONCoderOptions) -> Void) -> BSONCoderOptions {
        var options = tenantOptions
        change(&options)
        return options
    }

    /// What the tenant's options write for the record, checked by hand so the comparisons
    /// below do not rest on the encoder alone.
    @Test func theTenantsOptionsWriteEverySettingTheirWay() throws {
        let doc = try BSONEncoder(options: Self.tenantOptions).encode(Self.record)
        #expect(doc == [
            "created_at": "1970-01-01T00:00:01.500Z",
            "id": "00112233-4455-6677-8899-AABBCCDDEEFF",
            "blob": "AQID",
            "note": nil,
        ])
    }

    @Test func anEncoderShortcutSetInsideABoundContextKeepsTheContextsOtherSettings() throws {
        for shortcut in Self.encoderShortcuts {
            let expected = try BSONEncoder(options: Self.tenantOptions(with: shortcut.onOptions)).encode(Self.record)
            let doc = try BSONContext.withCurrent(Self.tenant) {
                var encoder = BSONEncoder()
                shortcut.onEncoder(&encoder)
                return try encoder.encode(Self.record)
            }
            #expect(doc == expected, "\(shortcut.name)")
        }
    }

    /// The settings are worked out when the encoder runs, so an encoder configured anywhere
    /// follows the context it runs in.
    @Test func anEncoderShortcutSetOutsideFollowsTheContextBoundWhenEncoding() throws {
        for shortcut in Self.encoderShortcuts {
            var encoder = BSONEncoder()
            shortcut.onEncoder(&encoder)
            let inTenant = try BSONContext.withCurrent(Self.tenant) { try encoder.encode(Self.record) }
            #expect(inTenant == (try BSONEncoder(options: Self.tenantOptions(with: shortcut.onOptions)).encode(Self.record)),
                    "\(shortcut.name) in the tenant")
            let inGlobal = try encoder.encode(Self.record)
            #expect(inGlobal == (try BSONEncoder(options: coderOptions(shortcut.onOptions)).encode(Self.record)),
                    "\(shortcut.name) with nothing bound")
        }
    }

    @Test func anEncoderShortcutWithAnExplicitContextKeepsTheContextsOtherSettings() throws {
        for shortcut in Self.encoderShortcuts {
            var encoder = BSONEncoder(context: Self.tenant)
            shortcut.onEncoder(&encoder)
            let expected = try BSONEncoder(options: Self.tenantOptions(with: shortcut.onOptions)).encode(Self.record)
            #expect(try encoder.encode(Self.record) == expected, "\(shortcut.name)")
            // The explicit context wins over a bound one.
            let other = BSONContext(name: "other")
            #expect(try BSONContext.withCurrent(other) { try encoder.encode(Self.record) } == expected, "\(shortcut.name), other bound")
        }
    }

    /// The issue's own example, spelled both ways: a tenant whose dates are ISO 8601 strings,
    /// and snake_case keys set on the encoder.
    @Test func snakeCaseThroughTheShortcutOrThroughOptionsKeepsTheTenantsISODates() throws {
        let isoTenant = BSONContext(name: "iso", coderOptions: coderOptions { $0.dateEncodingStrategy = .iso8601 })
        var viaShortcut = BSONEncoder()
        viaShortcut.keyEncodingStrategy = .convertToSnakeCase
        var viaOptions = BSONEncoder()
        viaOptions.options.keyEncodingStrategy = .convertToSnakeCase
        for encoder in [viaShortcut, viaOptions] {
            let doc = try BSONContext.withCurrent(isoTenant) { try encoder.encode(Self.record) }
            #expect(doc["created_at"] == "1970-01-01T00:00:01.500Z")
            #expect(doc["createdAt"] == nil)
            #expect(doc["id"]?.type == .binary, "the tenant's (default) UUID strategy")
        }
    }

    /// Changing one property through `options` is a change of that setting, like a shortcut,
    /// and later changes add to earlier ones.
    @Test func oneSettingChangedThroughOptionsFollowsTheContextForTheRest() throws {
        var encoder = BSONEncoder()
        encoder.options.dateEncodingStrategy = .millisecondsSince1970
        encoder.options.userInfo[CodingUserInfoKey(rawValue: "k")!] = 1
        encoder.nilEncodingStrategy = .omitKey
        let doc = try BSONContext.withCurrent(Self.tenant) { try encoder.encode(Self.record) }
        #expect(doc == [
            "created_at": .int64(1500),
            "id": "00112233-4455-6677-8899-AABBCCDDEEFF",
            "blob": "AQID",
        ])
        #expect(encoder.options.userInfo.count == 1)
    }

    /// Options given whole (the initialiser, or assigning `options`) replace every setting, and
    /// a shortcut then changes that value.
    @Test func wholeOptionsReplaceTheContextsSettings() throws {
        var assigned = BSONEncoder()
        assigned.options = BSONCoderOptions()
        assigned.nilEncodingStrategy = .writeNull
        let fromInit = BSONEncoder(options: coderOptions { $0.nilEncodingStrategy = .writeNull })
        for encoder in [assigned, fromInit] {
            let doc = try BSONContext.withCurrent(Self.tenant) { try encoder.encode(Self.record) }
            #expect(doc["createdAt"]?.type == .datetime)
            #expect(doc["id"]?.type == .binary)
            #expect(doc["note"] == .null)
        }
    }

    /// Reading a shortcut or `options` gives what the coder would use here.
    @Test func readingASettingGivesTheOneInForceHere() {
        var encoder = BSONEncoder()
        encoder.keyEncodingStrategy = .useDefaultKeys
        BSONContext.withCurrent(Self.tenant) {
            guard case .iso8601 = encoder.dateEncodingStrategy else { Issue.record("the tenant's date strategy"); return }
            guard case .useDefaultKeys = encoder.keyEncodingStrategy else { Issue.record("the shortcut's key strategy"); return }
            #expect(encoder.options.nilEncodingStrategy == .writeNull)
        }
        guard case .bsonDatetime = encoder.dateEncodingStrategy else { Issue.record("global's date strategy"); return }
        #expect(BSONEncoder(context: Self.tenant).uuidEncodingStrategy == .string)
    }

    // MARK: Decoder

    /// One decoder shortcut set to the library default, and the encoder change that writes the
    /// field in that form (the rest of the document is in the tenant's forms).
    struct DecoderShortcut: Sendable {
        var name: String
        var onDecoder: @Sendable (inout BSONDecoder) -> Void
        var onEncodingOptions: @Sendable (inout BSONCoderOptions) -> Void
    }

    static let decoderShortcuts: [DecoderShortcut] = [
        DecoderShortcut(name: "date", onDecoder: { $0.dateDecodingStrategy = .bsonDatetime },
                        onEncodingOptions: { $0.dateEncodingStrategy = .bsonDatetime }),
        DecoderShortcut(name: "uuid", onDecoder: { $0.uuidDecodingStrategy = .binary },
                        onEncodingOptions: { $0.uuidEncodingStrategy = .binary }),
        DecoderShortcut(name: "data", onDecoder: { $0.dataDecodingStrategy = .binary },
                        onEncodingOptions: { $0.dataEncodingStrategy = .binary }),
        DecoderShortcut(name: "key", onDecoder: { $0.keyDecodingStrategy = .useDefaultKeys },
                        onEncodingOptions: { $0.keyEncodingStrategy = .useDefaultKeys }),
    ]

    /// The document a decoder with `shortcut` set, in the tenant, must read back as the record.
    static func document(for shortcut: DecoderShortcut) throws -> BSONDocument {
        try BSONEncoder(options: tenantOptions(with: shortcut.onEncodingOptions)).encode(record)
    }

    @Test func aDecoderShortcutSetInsideABoundContextKeepsTheContextsOtherSettings() throws {
        for shortcut in Self.decoderShortcuts {
            let doc = try Self.document(for: shortcut)
            let record = try BSONContext.withCurrent(Self.tenant) {
                var decoder = BSONDecoder()
                shortcut.onDecoder(&decoder)
                return try decoder.decode(Record.self, from: doc)
            }
            #expect(record == Self.record, "\(shortcut.name)")
        }
    }

    @Test func aDecoderShortcutSetOutsideFollowsTheContextBoundWhenDecoding() throws {
        for shortcut in Self.decoderShortcuts {
            let doc = try Self.document(for: shortcut)
            var decoder = BSONDecoder()
            shortcut.onDecoder(&decoder)
            #expect(try BSONContext.withCurrent(Self.tenant) { try decoder.decode(Record.self, from: doc.bytes) } == Self.record,
                    "\(shortcut.name) in the tenant")
            // With nothing bound, the other fields are in forms global's defaults do not read.
            #expect(throws: DecodingError.self, "\(shortcut.name) with nothing bound") {
                try decoder.decode(Record.self, from: doc)
            }
        }
    }

    @Test func aDecoderShortcutWithAnExplicitContextKeepsTheContextsOtherSettings() throws {
        for shortcut in Self.decoderShortcuts {
            let doc = try Self.document(for: shortcut)
            var decoder = BSONDecoder(context: Self.tenant)
            shortcut.onDecoder(&decoder)
            #expect(try decoder.decode(Record.self, from: doc) == Self.record, "\(shortcut.name)")
            #expect(try decoder.decode(Record.self, from: BSON.document(doc)) == Self.record, "\(shortcut.name), as a BSON value")
        }
    }

    @Test func oneDecoderSettingChangedThroughOptionsFollowsTheContextForTheRest() throws {
        let shortcut = Self.decoderShortcuts[0]
        let doc = try Self.document(for: shortcut)
        var decoder = BSONDecoder()
        decoder.options.dateDecodingStrategy = .bsonDatetime
        #expect(try BSONContext.withCurrent(Self.tenant) { try decoder.decode(Record.self, from: doc) } == Self.record)
        decoder.options = BSONCoderOptions()
        #expect(throws: DecodingError.self, "whole options replace the tenant's") {
            try BSONContext.withCurrent(Self.tenant) { try decoder.decode(Record.self, from: doc) }
        }
    }
}
