import Foundation

/// BSON binary data (type 0x05) with its subtype.
public struct BSONBinary: Sendable, Hashable {
    /// The binary subtype byte. Values 0x80 to 0xFF are user-defined.
    public struct Subtype: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// A user-defined subtype, 0x80 to 0xFF.
        public static func userDefined(_ value: UInt8) -> Subtype { Subtype(rawValue: value | 0x80) }

        /// Generic binary data (0x00).
        public static let generic = Subtype(rawValue: 0x00)
        /// A function (0x01).
        public static let function = Subtype(rawValue: 0x01)
        /// The old generic subtype (0x02), whose payload repeats its own length.
        public static let binaryOld = Subtype(rawValue: 0x02)
        /// A UUID in a driver-specific legacy byte order (0x03).
        public static let uuidOld = Subtype(rawValue: 0x03)
        /// An RFC 4122 UUID (0x04).
        public static let uuid = Subtype(rawValue: 0x04)
        /// An MD5 digest (0x05).
        public static let md5 = Subtype(rawValue: 0x05)
        /// Encrypted BSON value (0x06).
        public static let encryptedValue = Subtype(rawValue: 0x06)
        /// A compressed time-series column (0x07).
        public static let column = Subtype(rawValue: 0x07)
        /// Sensitive data (0x08).
        public static let sensitive = Subtype(rawValue: 0x08)
        /// A packed numeric vector (0x09).
        public static let vector = Subtype(rawValue: 0x09)

        public var description: String { HexDigits.encode([rawValue]) }
    }

    /// The subtype.
    public var subtype: Subtype
    /// The payload bytes.
    public var data: [UInt8]

    /// Creates binary data. For subtype 4 use ``init(uuid:)``, which checks the length.
    public init(subtype: Subtype = .generic, data: [UInt8]) {
        self.subtype = subtype
        self.data = data
    }

    /// Creates binary data from `Data`.
    public init(subtype: Subtype = .generic, data: Data) {
        self.init(subtype: subtype, data: [UInt8](data))
    }

    /// Creates a subtype-4 UUID value.
    public init(uuid: UUID) {
        self.init(subtype: .uuid, data: withUnsafeBytes(of: uuid.uuid) { Array($0) })
    }

    /// The UUID held by a subtype 4 value, or a 16-byte legacy subtype 3 value read in byte order.
    /// - Throws: ``BSONError/Code-swift.struct/invalidValue`` for another subtype or a payload that is not 16 bytes.
    public func toUUID() throws -> UUID {
        guard subtype == .uuid || subtype == .uuidOld else {
            throw BSONError(.invalidValue, "binary subtype \(subtype) is not a UUID (subtype 04 or legacy 03)")
        }
        guard data.count == 16 else {
            throw BSONError(.invalidLength, "a UUID needs 16 bytes, the binary holds \(data.count)")
        }
        let d = data
        return UUID(uuid: (d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
                           d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]))
    }
}
