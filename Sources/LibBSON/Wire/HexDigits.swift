/// Bytes as hexadecimal digits and back, at the byte level: ASCII digits read and written as
/// `UInt8`, shared by every folder that shows bytes as text (`BSONObjectID.hex`, binary
/// subtypes, the Extended JSON writer, scanner and scalar readers, error messages that name a
/// byte).
enum HexDigits {
    static let lower: [UInt8] = Array("0123456789abcdef".utf8)

    @inline(__always)
    static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(lower[Int(b >> 4)])
            out.append(lower[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
