// The integer-width table of BSONCoderOptions ("Integer widths"), both directions, for every
// container of both coders: which BSON integer a Swift integer is written as, and which BSON
// numbers read back as one.

extension BSONCoderOptions {
    /// Which BSON integer type an integer is written as; see the table on ``BSONCoderOptions``.
    public enum IntegerEncodingStrategy: Sendable, Hashable {
        /// Chosen by the Swift type, whatever the value (the default).
        case bySwiftType
        /// int32 when the value fits, else int64.
        case smallestThatFits
    }

    /// What happens to a `UInt` or `UInt64` above `Int64.max`, which no BSON integer holds.
    public enum UnsignedIntegerStrategy: Sendable, Hashable {
        /// Encoding throws `EncodingError.invalidValue`; decoding accepts only exact values (the default).
        case throwError
        /// Written as the int64 with the same bits (so `UInt64.max` is stored as -1); decoding
        /// a negative int64 into `UInt`/`UInt64` reads its bits back.
        case int64BitPattern
        /// Written as a decimal128 integer; decoding reads decimal128 integers too (always on).
        case decimal128
    }
}

/// The table itself, generic over the integer type: every Codable integer (`Int8` to `UInt64`)
/// goes through these two functions, and a specialisation for one type folds to its row.
enum BSONIntegerWidth {
    /// What one integer is written as.
    enum Written: Equatable {
        case int32(Int32)
        case int64(Int64)
        /// Above `Int64.max` (a `UInt` or `UInt64`): ``BSONCoderOptions/UnsignedIntegerStrategy-swift.enum`` decides.
        case aboveInt64(UInt64)
        /// Below `Int64.min`: no Codable integer type is, but a wider `FixedWidthInteger` could be.
        case belowInt64
    }

    /// The row of `T`: `Int8`, `Int16`, `Int32`, `UInt8` and `UInt16` are int32 whatever the
    /// value; `Int`, `Int64` and `UInt32` are int64 (int32 when `smallestThatFits` and it fits);
    /// `UInt` and `UInt64` as the signed types up to `Int64.max`.
    @inline(__always)
    static func written<T: FixedWidthInteger>(_ value: T, smallestThatFits: Bool) -> Written {
        if T.bitWidth < 32 || (T.isSigned && T.bitWidth == 32) {
            return .int32(Int32(truncatingIfNeeded: value))
        }
        guard let wide = Int64(exactly: value) else {
            return UInt64(exactly: value).map { .aboveInt64($0) } ?? .belowInt64
        }
        if smallestThatFits, let small = Int32(exactly: wide) { return .int32(small) }
        return .int64(wide)
    }

    /// `raw` (an int32 or int64 read from the document) as a `T` when it converts exactly; with
    /// `bitPattern` (``BSONCoderOptions/UnsignedIntegerStrategy-swift.enum/int64BitPattern``) a
    /// negative int64 read as a 64-bit unsigned type gives its bits back.
    @inline(__always)
    static func read<T: FixedWidthInteger>(_ raw: Int64, as type: T.Type, bitPattern: @autoclosure () -> Bool) -> T? {
        if let v = T(exactly: raw) { return v }
        if raw < 0, !T.isSigned, T.bitWidth == 64, bitPattern() {
            return T(truncatingIfNeeded: UInt64(bitPattern: raw))
        }
        return nil
    }
}

extension BSONEncodingState {
    /// Writes `value` by the table (``BSONIntegerWidth/written(_:smallestThatFits:)``).
    @inline(__always)
    func encodeInteger<T: FixedWidthInteger>(_ value: T, _ target: BSONEncodingTarget) throws {
        switch BSONIntegerWidth.written(value, smallestThatFits: options.integerEncodingStrategy == .smallestThatFits) {
        case .int32(let v):
            try write(target, type: BSONType.int32.rawValue) { $0.appendInt32(v) }
        case .int64(let v):
            try write(target, type: BSONType.int64.rawValue) { $0.appendInt64(v) }
        case .aboveInt64(let v):
            try encodeAboveInt64(v, target)
        case .belowInt64:
            throw invalidValue(value, target, "\(value) does not fit in a BSON int64 (the smallest is \(Int64.min))")
        }
    }

    /// A `UInt` or `UInt64` above `Int64.max`, as ``BSONCoderOptions/unsignedIntegerStrategy`` says.
    private func encodeAboveInt64(_ value: UInt64, _ target: BSONEncodingTarget) throws {
        switch options.unsignedIntegerStrategy {
        case .throwError:
            throw invalidValue(value, target, "\(value) does not fit in a BSON int64 (the largest is \(Int64.max)); set BSONCoderOptions.unsignedIntegerStrategy to store it as .int64BitPattern or .decimal128")
        case .int64BitPattern:
            try write(target, type: BSONType.int64.rawValue) { $0.appendInt64(Int64(bitPattern: value)) }
        case .decimal128:
            guard let decimal = try? BSONDecimal128(String(value)) else {
                throw invalidValue(value, target, "\(value) cannot be written as a decimal128")
            }
            try encodeBSON(.decimal128(decimal), to: target)
        }
    }
}

extension BSONDecodingState {
    /// Any BSON number that converts to `T` exactly: int32, int64, an integral double, or a
    /// decimal128 holding a plain integer (``BSONIntegerWidth/read(_:as:bitPattern:)``).
    @inline(__always)
    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type, _ ref: BSONValueRef) throws -> T {
        switch ref.type {
        case BSONType.int32.rawValue:
            let raw = storage.withUnsafeBytes { $0.int32(at: ref.at) }
            if let v = BSONIntegerWidth.read(Int64(raw), as: T.self, bitPattern: false) { return v }
        case BSONType.int64.rawValue:
            let raw = storage.withUnsafeBytes { $0.int64(at: ref.at) }
            if let v = BSONIntegerWidth.read(raw, as: T.self, bitPattern: options.unsignedIntegerStrategy == .int64BitPattern) {
                return v
            }
        case BSONType.double.rawValue:
            if let v = T(exactly: storage.withUnsafeBytes { Double(bitPattern: $0.uint64(at: ref.at)) }) { return v }
        case BSONType.decimal128.rawValue:
            if case .decimal128(let d) = materialize(ref.type, ref.at), let v = T(d.description) { return v }
        default:
            throw mismatch(T.self, ref, expected: "an integer (int32, int64, double or decimal128)")
        }
        throw inexact(T.self, ref)
    }
}
