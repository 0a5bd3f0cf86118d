import Foundation

// How BSONEncoder and BSONDecoder write and read `Date`: the strategies and both directions.

extension BSONCoderOptions {
    /// How `Date` values are written.
    public enum DateEncodingStrategy: Sendable {
        /// A BSON UTC datetime, rounded to the nearest millisecond (the default).
        case bsonDatetime
        /// An int64 count of milliseconds since 1970-01-01T00:00:00Z, rounded to the nearest millisecond.
        case millisecondsSince1970
        /// A double count of seconds since 1970-01-01T00:00:00Z.
        case secondsSince1970
        /// An ISO 8601 string in UTC with millisecond precision, for years 0000 to 9999:
        /// `2024-05-17T09:30:00Z`, or `2024-05-17T09:30:00.250Z` when the milliseconds are not zero.
        case iso8601
        /// A closure that encodes the date through the given encoder.
        case custom(@Sendable (Date, any Encoder) throws -> Void)
    }
}

extension BSONEncodingState {
    func encodeDate(_ date: Date, _ target: BSONEncodingTarget) throws {
        /// The error for a `Date` with no text or datetime. A NaN `Date` is reported by its
        /// `Double`: Foundation's `Date.description` traps on NaN, so printing an error holding
        /// it would crash.
        func unrepresentable(_ what: String) -> EncodingError {
            let seconds = date.timeIntervalSince1970
            return invalidValue(seconds.isNaN ? seconds : date, target, "\(seconds) seconds since 1970 is outside \(what)")
        }
        switch options.dateEncodingStrategy {
        case .bsonDatetime, .millisecondsSince1970:
            guard let ms = DateConversion.milliseconds(date) else { throw unrepresentable("the range of BSON datetimes") }
            if case .bsonDatetime = options.dateEncodingStrategy {
                try write(target, type: BSONType.datetime.rawValue) { $0.appendInt64(ms) }
            } else {
                try write(target, type: BSONType.int64.rawValue) { $0.appendInt64(ms) }
            }
        case .secondsSince1970:
            try encodeDouble(date.timeIntervalSince1970, target)
        case .iso8601:
            guard let ms = DateConversion.milliseconds(date), let text = ISO8601.string(milliseconds: ms, years: .fourDigit) else {
                throw unrepresentable("the years 0000 to 9999 that ISO 8601 text can hold")
            }
            try encodeString(text, target)
        case .custom(let closure):
            try withEncoder(target) { try closure(date, $0) }
        }
    }
}

extension BSONCoderOptions {
    /// How `Date` values are read.
    public enum DateDecodingStrategy: Sendable {
        /// A BSON UTC datetime (the default).
        case bsonDatetime
        /// A number (int32, int64 or double) of milliseconds since 1970.
        case millisecondsSince1970
        /// A number (int32, int64 or double) of seconds since 1970.
        case secondsSince1970
        /// An ISO 8601 string, read as Extended JSON's `{"$date": "…"}` is:
        /// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` (`T` or `t`; second 60 is the next minute's
        /// second 0), then `Z`, `z` or an offset `+HH:MM` / `-HHMM`; the fraction, of any
        /// length, rounded to the nearest millisecond.
        case iso8601
        /// A closure that decodes the date from the given decoder.
        case custom(@Sendable (any Decoder) throws -> Date)
    }
}

extension BSONDecodingState {
    func decodeDate(_ ref: BSONValueRef) throws -> Date {
        switch options.dateDecodingStrategy {
        case .bsonDatetime:
            guard ref.type == BSONType.datetime.rawValue else { throw mismatch(Date.self, ref, expected: "a UTC datetime") }
            return DateConversion.date(milliseconds: storage.withUnsafeBytes { $0.int64(at: ref.at) })
        case .millisecondsSince1970:
            if ref.type == BSONType.int64.rawValue {
                return DateConversion.date(milliseconds: storage.withUnsafeBytes { $0.int64(at: ref.at) })
            }
            return DateConversion.date(milliseconds: try numberForDate(ref))
        case .secondsSince1970:
            return Date(timeIntervalSince1970: try numberForDate(ref))
        case .iso8601:
            let text = try decodeString(ref)
            guard let date = ISO8601.parse(text)?.date else {
                throw corrupted(ref, "Expected an ISO 8601 date but found \"\(text)\"")
            }
            return date
        case .custom(let closure):
            return try closure(decoder(for: ref))
        }
    }

    private func numberForDate(_ ref: BSONValueRef) throws -> Double {
        switch ref.type {
        case BSONType.double.rawValue, BSONType.int32.rawValue:
            return try decodeDouble(ref)
        case BSONType.int64.rawValue:
            return Double(storage.withUnsafeBytes { $0.int64(at: ref.at) })
        default:
            throw mismatch(Date.self, ref, expected: "a number (double, int32 or int64)")
        }
    }
}
