import CInteropPeer
import Testing
import LibBSON
import LibBSONTestSupport

/// A `bson_t` from C whose `len` disagrees with its bytes must be refused before `len` bytes
/// are read, with a located error. The bytes are an empty document (5 bytes) directly followed
/// by an inaccessible page, so reading one byte past them faults (with or without ASan).
@Suite struct InteropLyingLengthTests {
    static func withLyingBSONT<R>(len: UInt32, _ body: (OpaquePointer) throws -> R) throws -> R {
        try CPeer.withGuardedBytes([5, 0, 0, 0, 0]) { bytes in
            try CPeer.withBSONTStorage { bson in
                guard peer_init_static(bson, bytes, 5) else {
                    throw FixtureError("bson_init_static refused an empty document")
                }
                peer_set_len(bson, len)
                return try body(bson)
            }
        }
    }

    /// The error `body` throws, or nil when it returns.
    static func error(_ body: () throws -> BSONDocument) -> BSONError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? BSONError
        }
    }

    static let defaultLimit = BSONValidationOptions.defaultMaxDocumentSize

    @Test(arguments: [0, 4] as [UInt32])
    func lenBelowTheMinimumIsRefused(len: UInt32) throws {
        for variant in ["copying", "unsafeCopyingTrusted"] {
            let error = try Self.withLyingBSONT(len: len) { bson in
                Self.error { variant == "copying" ? try BSONDocument(copying: bson) : try BSONDocument(unsafeCopyingTrusted: bson) }
            }
            #expect(error?.code == .invalidLength, "\(variant), len \(len)")
            #expect(error?.offset == 0, "\(variant), len \(len)")
        }
    }

    @Test(arguments: [UInt32.max, 0x8000_0000, UInt32(defaultLimit) + 1])
    func lenAboveTheLimitIsRefused(len: UInt32) throws {
        let error = try Self.withLyingBSONT(len: len) { bson in Self.error { try BSONDocument(copying: bson) } }
        #expect(error?.code == .sizeLimitExceeded)
        #expect(error?.offset == 0)
        if len > UInt32(Int32.max) {
            let trusted = try Self.withLyingBSONT(len: len) { bson in Self.error { try BSONDocument(unsafeCopyingTrusted: bson) } }
            #expect(trusted?.code == .sizeLimitExceeded)
            #expect(trusted?.offset == 0)
        }
    }

    /// A `len` within the limits but larger than the bytes: their length field (5) disagrees
    /// with it, and reading `len` bytes would fault. The error must be the one
    /// `BSONDocument(fromBSON:)` gives for `len` bytes that start with those 5 (its framing
    /// check does not look past the length field).
    @Test(arguments: [6, 64, 4096, UInt32(defaultLimit), UInt32(defaultLimit) + 1, 0x7FFF_FFFF] as [UInt32])
    func lenLargerThanTheBytesIsRefusedBeforeReadingThem(len: UInt32) throws {
        let trustedOnly = Int(len) > Self.defaultLimit
        // fromBSON of a buffer over 16 MiB would be refused for its size, so compare the
        // trusted variant's framing error with a buffer just over the length field's claim.
        let expected = Self.error { try BSONDocument(fromBSON: [5, 0, 0, 0, 0] + [UInt8](repeating: 0, count: trustedOnly ? 1 : Int(len) - 5)) }
        #expect(expected != nil)
        if !trustedOnly {
            let error = try Self.withLyingBSONT(len: len) { bson in Self.error { try BSONDocument(copying: bson) } }
            #expect(error?.code == expected?.code, "len \(len): \(String(describing: error))")
            #expect(error?.offset == expected?.offset, "len \(len): \(String(describing: error))")
        }
        let trusted = try Self.withLyingBSONT(len: len) { bson in Self.error { try BSONDocument(unsafeCopyingTrusted: bson) } }
        #expect(trusted?.code == expected?.code, "len \(len): \(String(describing: trusted))")
        #expect(trusted?.offset == expected?.offset, "len \(len): \(String(describing: trusted))")
    }

    /// A `len` smaller than the bytes: the length field (8) claims more than `len`.
    @Test func lenSmallerThanTheBytesIsRefused() throws {
        let document: BSONDocument = ["a": .null]
        let bytes = document.bytes
        let expected = Self.error { try BSONDocument(fromBSON: Array(bytes.prefix(5))) }
        #expect(expected?.code == .truncated)
        for variant in ["copying", "unsafeCopyingTrusted"] {
            let error = try CPeer.withGuardedBytes(bytes) { guarded in
                try CPeer.withBSONTStorage { bson in
                    guard peer_init_static(bson, guarded, bytes.count) else { throw FixtureError("bson_init_static refused \(bytes)") }
                    peer_set_len(bson, 5)
                    return Self.error { variant == "copying" ? try BSONDocument(copying: bson) : try BSONDocument(unsafeCopyingTrusted: bson) }
                }
            }
            #expect(error?.code == expected?.code, "\(variant)")
            #expect(error?.offset == expected?.offset, "\(variant)")
        }
    }
}
