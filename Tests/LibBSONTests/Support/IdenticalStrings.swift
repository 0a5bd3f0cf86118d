import Testing

/// Checks that a string the library made is the standard library's string for the same text in
/// every way the two could differ (the bytes, counts, hash, concatenation, scalars): strings
/// made straight from document bytes must be indistinguishable from `String(decoding:as:)`'s.
enum IdenticalStrings {
    static func expect(_ made: String, _ reference: String, _ context: @autoclosure () -> String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(made == reference, "\(context())", sourceLocation: sourceLocation)
        #expect(Array(made.utf8) == Array(reference.utf8), "\(context())", sourceLocation: sourceLocation)
        #expect(made.utf8.count == reference.utf8.count, "\(context())", sourceLocation: sourceLocation)
        #expect(made.count == reference.count, "\(context())", sourceLocation: sourceLocation)
        #expect(made.hashValue == reference.hashValue, "\(context())", sourceLocation: sourceLocation)
        #expect(made + "é" + made == reference + "é" + reference, "\(context())", sourceLocation: sourceLocation)
        #expect(made.unicodeScalars.map(\.value) == reference.unicodeScalars.map(\.value), "\(context())", sourceLocation: sourceLocation)
    }
}
