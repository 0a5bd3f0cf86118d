import LibBSON

/// Documents the text-form tests share.
enum DumpSamples {
    /// JSON punctuation inside a string, an int32, empty containers and nesting.
    static let punctuated: BSONDocument = [
        "s": "a{b},c:\"d\"[e]",
        "n": .int32(1),
        "empty": [:],
        "list": [],
        "sub": ["x": [.int64(2), true]],
    ]
}
