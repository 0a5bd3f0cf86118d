import Foundation

/// A 12-byte MongoDB ObjectId: a 4-byte big-endian timestamp (seconds), a 5-byte
/// per-process random value and a 3-byte counter.
///
/// `BSONObjectID()` generates a new id with libbson's generator (`bson_oid_init`) of the
/// current ``BSONContext``; each context's generator draws a new random value after `fork()`. Ids compare by their bytes, so ids from one generator sort by creation.
public struct BSONObjectID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 12 bytes, in BSON order.
    public let bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)

    /// Generates a new, unique ObjectId with the generator of the current context (the bound
    /// ``BSONContext``, or ``BSONContext/global``).
    public init() {
        self = BSONContext.resolve().objectIDGenerator.next()
    }

    /// Generates a new, unique ObjectId with `context`'s generator.
    public init(context: BSONContext) {
        self = BSONContext.resolve(context).objectIDGenerator.next()
    }

    /// Creates an ObjectId from its 12 bytes.
    public init(bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)) {
        self.bytes = bytes
    }

    /// Creates an ObjectId from exactly 12 bytes.
    /// - Throws: ``BSONError/Code-swift.struct/invalidLength`` when the collection does not hold 12 bytes.
    public init<C: Collection>(_ bytes: C) throws where C.Element == UInt8 {
        guard bytes.count == 12 else {
            throw BSONError(.invalidLength, "an ObjectId needs 12 bytes, got \(bytes.count)")
        }
        var t: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &t) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        self.bytes = t
    }

    /// Parses a 24-character hexadecimal string (either case).
    /// - Throws: ``BSONError/Code-swift.struct/invalidString`` when the string is not 24 hex digits.
    public init(_ hex: String) throws {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 24 else {
            throw BSONError(.invalidString, "an ObjectId string needs 24 hex digits, got \(utf8.count) characters")
        }
        var out = [UInt8](repeating: 0, count: 12)
        for i in 0..<12 {
            guard let hi = HexDigits.value(utf8[2 * i]), let lo = HexDigits.value(utf8[2 * i + 1]) else {
                throw BSONError(.invalidString, "an ObjectId string may hold only hex digits: \"\(hex)\"")
            }
            out[i] = hi << 4 | lo
        }
        try self.init(out)
    }

    /// The 12 bytes as an array.
    public var byteArray: [UInt8] { withUnsafeBytes(of: bytes) { Array($0) } }

    /// The lowercase 24-digit hexadecimal form.
    public var hex: String { HexDigits.encode(byteArray) }

    public var description: String { hex }

    /// The creation time stored in the first four bytes (whole seconds).
    public var timestamp: Date {
        let seconds = UInt32(bytes.0) << 24 | UInt32(bytes.1) << 16 | UInt32(bytes.2) << 8 | UInt32(bytes.3)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    public static func == (lhs: BSONObjectID, rhs: BSONObjectID) -> Bool {
        lhs.byteArray == rhs.byteArray
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: bytes) { hasher.combine(bytes: $0) }
    }

    public static func < (lhs: BSONObjectID, rhs: BSONObjectID) -> Bool {
        lhs.byteArray.lexicographicallyPrecedes(rhs.byteArray)
    }
}
