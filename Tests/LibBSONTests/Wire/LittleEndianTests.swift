import Testing
@testable import LibBSON
import LibBSONTestSupport

/// The integer vocabulary: reads and writes are little-endian and unaligned, the same through
/// a buffer, its base address and the writer.
@Suite struct LittleEndianTests {
    /// Bytes 0x01, 0x02, ... 0x18: every read below knows exactly what it must find.
    static let counting: [UInt8] = (1...24).map { UInt8($0) }

    @Test func readsKnownBytesAtEveryOffset() {
        Self.counting.withUnsafeBytes { p in
            guard let base = p.baseAddress else { Issue.record("no base address"); return }
            for at in 0..<8 {
                let b = (0..<8).map { UInt64(Self.counting[at + $0]) }
                let u64 = (0..<8).reduce(UInt64(0)) { $0 | b[$1] << (8 * UInt64($1)) }
                let u32 = UInt32(truncatingIfNeeded: u64)
                #expect(p.uint32(at: at) == u32 && base.uint32(at: at) == u32, "offset \(at)")
                #expect(p.int32(at: at) == Int32(bitPattern: u32) && base.int32(at: at) == Int32(bitPattern: u32))
                #expect(p.uint64(at: at) == u64 && base.uint64(at: at) == u64, "offset \(at)")
                #expect(p.int64(at: at) == Int64(bitPattern: u64) && base.int64(at: at) == Int64(bitPattern: u64))
                #expect(p.double(at: at).bitPattern == u64 && base.double(at: at).bitPattern == u64)
                #expect(p.length(at: at) == Int(Int32(bitPattern: u32)) && base.length(at: at) == p.length(at: at))
            }
        }
    }

    @Test func negativeLengthsReadAsNegative() {
        let bytes: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0x7F]
        bytes.withUnsafeBytes { p in
            #expect(p.length(at: 0) == -1)
            #expect(p.int32(at: 4) == Int32.max - 1)
            #expect(p.uint32(at: 0) == UInt32.max)
        }
    }

    @Test func writesRoundTripThroughReadsAtUnalignedOffsets() {
        var rng = SeededRandom(seed: 0x1E)
        for _ in 0..<500 {
            let at = Int(rng.next() % 9)
            let i32 = Int32(truncatingIfNeeded: rng.next())
            let i64 = Int64(bitPattern: rng.next())
            let d = Double(bitPattern: rng.next())
            var bytes = [UInt8](repeating: 0xAA, count: at + 4 + 8 + 8 + 1)
            bytes.withUnsafeMutableBytes { m in
                guard let base = m.baseAddress else { return }
                base.storeLittleEndian(i32, at: at)
                base.storeLittleEndian(i64, at: at + 4)
                base.storeLittleEndian(d.bitPattern, at: at + 12)
            }
            // Byte for byte what the little-endian representation is, and nothing else touched.
            #expect(Array(bytes[at..<(at + 4)]) == (0..<4).map { UInt8(truncatingIfNeeded: UInt32(bitPattern: i32) >> (8 * UInt32($0))) })
            #expect(bytes[..<at].allSatisfy { $0 == 0xAA } && bytes.last == 0xAA)
            bytes.withUnsafeBytes { p in
                #expect(p.int32(at: at) == i32)
                #expect(p.int64(at: at + 4) == i64)
                #expect(p.double(at: at + 12).bitPattern == d.bitPattern)
            }
            // The writer's appends are the same bytes.
            var writer = BSONByteWriter()
            for _ in 0..<at { writer.append(0xAA) }
            writer.appendInt32(i32)
            writer.appendInt64(i64)
            writer.appendDouble(d)
            writer.append(0xAA)
            #expect(writer.toArray() == bytes)
        }
    }
}
