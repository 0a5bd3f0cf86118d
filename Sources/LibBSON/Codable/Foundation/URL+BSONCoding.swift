import Foundation

// How BSONEncoder and BSONDecoder write and read `URL`: its absolute string.

extension BSONEncodingState {
    func encodeURL(_ url: URL, _ target: BSONEncodingTarget) throws {
        try encodeString(url.absoluteString, target)
    }
}

extension BSONDecodingState {
    func decodeURL(_ ref: BSONValueRef) throws -> URL {
        let text = try decodeString(ref)
        guard let url = URL(string: text) else { throw corrupted(ref, "Expected a URL but found \"\(text)\"") }
        return url
    }
}
