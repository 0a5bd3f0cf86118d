import Foundation

// How BSONEncoder and BSONDecoder write and read `Data`: the strategies and both directions.

extension BSONCoderOptions {
    /// How `Data` values are written.
    public enum DataEncodingStrategy: Sendable {
        /// Binary, generic subtype 0 (the default).
        case binary
        /// A base64 string.
        case base64
        /// A closure that encodes the data through the given encoder.
        case custom(@Sendable (Data, any Encoder) throws -> Void)
    }
}

extension BSONEncodingState {
    func encodeData(_ data: Data, _ target: BSONEncodingTarget) throws {
        switch options.dataEncodingStrategy {
        case .binary:
            guard let length = Int32(exactly: data.count) else {
                throw invalidValue(data, target, "binary data cannot exceed 2 GiB")
            }
            try write(target, type: BSONType.binary.rawValue) { w in
                w.appendInt32(length)
                w.append(BSONBinary.Subtype.generic.rawValue)
                data.withUnsafeBytes { w.append(contentsOf: $0) }
            }
        case .base64:
            try encodeString(data.base64EncodedString(), target)
        case .custom(let closure):
            try withEncoder(target) { try closure(data, $0) }
        }
    }
}

extension BSONCoderOptions {
    /// How `Data` values are read.
    public enum DataDecodingStrategy: Sendable {
        /// Binary of any subtype (the default).
        case binary
        /// A base64 string.
        case base64
        /// A closure that decodes the data from the given decoder.
        case custom(@Sendable (any Decoder) throws -> Data)
    }
}

extension BSONDecodingState {
    func decodeData(_ ref: BSONValueRef) throws -> Data {
        switch options.dataDecodingStrategy {
        case .binary:
            guard ref.type == BSONType.binary.rawValue else { throw mismatch(Data.self, ref, expected: "binary data") }
            return storage.withUnsafeBytes { p in
                var length = Int(p.int32(at: ref.at))
                var from = ref.at + 5
                if p[ref.at + 4] == BSONBinary.Subtype.binaryOld.rawValue {
                    from += 4
                    length -= 4
                }
                return Data(UnsafeRawBufferPointer(rebasing: p[from..<(from + length)]))
            }
        case .base64:
            let text = try decodeString(ref)
            guard let data = Data(base64Encoded: text) else {
                throw corrupted(ref, "Expected base64 data but found a string that is not base64")
            }
            return data
        case .custom(let closure):
            return try closure(decoder(for: ref))
        }
    }
}
