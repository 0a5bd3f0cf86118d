import Foundation

/// mongodb/swift-bson's spellings (`import SwiftBSON`) that are spelled differently here, kept
/// so that the compiler names the new call to code that moves to this library
/// (Documentation/Migration.md lists every call, with its status).
///
/// - `deprecated, renamed:`: the old line compiles unchanged, gives the same result, and the
///   warning offers the rename.
/// - `unavailable, renamed:`: the old line does not compile here (it throws there, takes other
///   types, or means something else); the error offers the rename.
/// - `unavailable, message:`: there is no one-for-one rename (the arguments change order, or
///   there is no equivalent yet); the message says what to write.
///
/// Nothing here can be called except the deprecated spellings, which forward to the new call.
/// An unavailable declaration still needs a body that compiles: each forwards to the new call,
/// so none can trap. `scripts/check-fixits` compiles every old spelling and checks each
/// diagnostic.
extension BSON {
    /// swift-bson's README spelling of ``toInt()``.
    @available(*, deprecated, renamed: "toInt()")
    public func asInt() -> Int? { toInt() }

    /// swift-bson's converting accessor; this library has none yet.
    @available(*, unavailable, message: "no converting accessor yet: use decimal128Value, or try BSONDecimal128(String(n)) for an integer")
    public func toDecimal128() -> BSONDecimal128? { decimal128Value }

    /// swift-bson's `BSON(n)`, an int64 on 64-bit platforms.
    @available(*, unavailable, message: "choose the width: .int64(Int64(n)), or .int32 when it fits")
    public init(_ int: Int) { self = .int64(Int64(int)) }
}

extension BSONTimestamp {
    /// swift-bson's spelling of ``init(timestamp:increment:)``.
    @available(*, deprecated, renamed: "init(timestamp:increment:)")
    public init(timestamp: UInt32, inc: UInt32) { self.init(timestamp: timestamp, increment: inc) }

    /// swift-bson's `Int` form, which traps on a value outside `UInt32`.
    @available(*, unavailable, renamed: "init(timestamp:increment:)", message: "it takes UInt32 values")
    public init(timestamp: Int, inc: Int) {
        self.init(timestamp: UInt32(truncatingIfNeeded: timestamp), increment: UInt32(truncatingIfNeeded: inc))
    }
}

extension BSONBinary {
    /// swift-bson's throwing initializer, whose labels come in the other order.
    @available(*, unavailable, message: "use BSONBinary(subtype:data:): the subtype comes first, and it does not throw")
    public init(data: Data, subtype: Subtype) throws { self.init(subtype: subtype, data: data) }

    /// swift-bson's throwing spelling of ``init(uuid:)``.
    @available(*, unavailable, renamed: "init(uuid:)", message: "it does not throw")
    public init(from uuid: UUID) throws { self.init(uuid: uuid) }

    /// swift-bson's base64 initializer; this library takes the decoded bytes.
    @available(*, unavailable, message: "decode the base64 first: BSONBinary(subtype:data:) with Data(base64Encoded:)")
    public init(base64: String, subtype: Subtype) throws {
        guard let data = Data(base64Encoded: base64) else { throw BSONError(.invalidValue, "not base64") }
        self.init(subtype: subtype, data: data)
    }
}

extension BSONBinary.Subtype {
    /// swift-bson's name for ``binaryOld`` (0x02).
    @available(*, deprecated, renamed: "binaryOld")
    public static var binaryDeprecated: Self { .binaryOld }

    /// swift-bson's name for ``uuidOld`` (0x03).
    @available(*, deprecated, renamed: "uuidOld")
    public static var uuidDeprecated: Self { .uuidOld }
}

extension BSONDocument {
    /// swift-bson's `ByteBuffer` of the document; this library has no SwiftNIO.
    @available(*, unavailable, renamed: "bytes", message: "a [UInt8]; withUnsafeBytes(_:) reads them without a copy")
    public var buffer: [UInt8] { bytes }
}

// Issue 15 adds Extended JSON coders of this library's own: it deletes these two aliases, which
// nothing can use, so that deletion breaks no code.

/// swift-bson's Extended JSON encoder, which this library does not have yet.
@available(*, unavailable, message: "not available yet: encode with BSONEncoder, then call toExtendedJSONString(mode:) on the document")
public typealias ExtendedJSONEncoder = BSONEncoder

/// swift-bson's Extended JSON decoder, which this library does not have yet.
@available(*, unavailable, message: "not available yet: parse with BSONDocument(fromJSON:), then decode the document with BSONDecoder")
public typealias ExtendedJSONDecoder = BSONDecoder
