import Foundation

// How BSONEncoder and BSONDecoder write and read `UUID`: the strategies and both directions.

extension BSONCoderOptions {
    /// How `UUID` values are written.
    public enum UUIDEncodingStrategy: Sendable, Hashable {
        /// Binary subtype 4, the 16 bytes in RFC 4122 order (the default).
        case binary
        /// The uppercase hyphenated string, as `UUID.uuidString` spells it.
        case string
    }
}

extension BSONEncodingState {
    func encodeUUID(_ uuid: UUID, _ target: BSONEncodingTarget) throws {
        switch options.uuidEncodingStrategy {
        case .binary:
            try write(target, type: BSONType.binary.rawValue) { w in
                w.appendInt32(16)
                w.append(BSONBinary.Subtype.uuid.rawValue)
                withUnsafeBytes(of: uuid.uuid) { w.append(contentsOf: $0) }
            }
        case .string:
            try encodeString(uuid.uuidString, target)
        }
    }
}

extension BSONCoderOptions {
    /// How `UUID` values are read.
    public enum UUIDDecodingStrategy: Sendable, Hashable {
        /// Binary subtype 4, or 16 bytes of legacy subtype 3 read in byte order (the default).
        case binary
        /// A hyphenated UUID string in either case.
        case string
    }
}

extension BSONDecodingState {
    func decodeUUID(_ ref: BSONValueRef) throws -> UUID {
        switch options.uuidDecodingStrategy {
        case .binary:
            guard case .binary(let bin) = materialize(ref.type, ref.at) else {
                throw mismatch(UUID.self, ref, expected: "a UUID (binary subtype 04)")
            }
            guard bin.subtype == .uuid || bin.subtype == .uuidOld else {
                throw mismatch(UUID.self, ref, expected: "a UUID (binary subtype 04, or legacy 03)")
            }
            guard let uuid = try? bin.toUUID() else {
                throw corrupted(ref, "Expected a UUID (16 bytes) but found binary subtype \(bin.subtype) of \(bin.data.count) bytes")
            }
            return uuid
        case .string:
            let text = try decodeString(ref)
            guard let uuid = UUID(uuidString: text) else {
                throw corrupted(ref, "Expected a UUID string but found \"\(text)\"")
            }
            return uuid
        }
    }
}
