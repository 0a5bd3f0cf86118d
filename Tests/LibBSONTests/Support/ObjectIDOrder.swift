@testable import LibBSON

/// Order of ObjectIds from one generator. Byte order alone is not enough: the 3-byte counter
/// starts at a random value and wraps at 2^24, so two ids made in the same second around the
/// wrap compare the wrong way as bytes. `b` follows `a` when its timestamp is later, or equal
/// with the counter moved forward (modulo 2^24) by less than half the range; other tests
/// running in parallel draw from the same generator, so the step may be more than one.
enum ObjectIDOrder {
    static func timestamp(_ id: BSONObjectID) -> UInt32 {
        let b = id.byteArray
        return UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
    }

    static func counter(_ id: BSONObjectID) -> UInt32 {
        let b = id.byteArray
        return UInt32(b[9]) << 16 | UInt32(b[10]) << 8 | UInt32(b[11])
    }

    static func follows(_ b: BSONObjectID, _ a: BSONObjectID) -> Bool {
        let ta = timestamp(a), tb = timestamp(b)
        if tb > ta { return true }
        if tb < ta { return false }
        let step = (counter(b) &- counter(a)) & 0xFF_FFFF
        return step > 0 && step < 0x80_0000
    }
}
