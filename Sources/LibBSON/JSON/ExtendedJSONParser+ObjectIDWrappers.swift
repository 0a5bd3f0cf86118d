/// The ObjectId wrappers: `{"$oid": "…"}` (24 hex digits, either case) and
/// `{"$dbPointer": {"$ref": "…", "$id": {"$oid": "…"}}}`, keys in either order.
extension ExtendedJSONParser {
    mutating func objectIDValue(valueAt: Int) throws {
        try readObjectID(into: .a)
        setType(BSONType.objectID.rawValue)
        _ = ExtendedJSONScalars.appendObjectID(bufA, to: &w)
    }

    mutating func dbPointerValue(valueAt: Int) throws {
        try openInner(for: .dbPointer)
        var hasRef = false
        var hasID = false
        var first = true
        while try innerKey(first: first, in: "$dbPointer") {
            first = false
            let keyAt = s.position
            if keyIs(.ref) {
                if hasRef { throw duplicate("$dbPointer", at: keyAt) }
                try readWrapperString(into: .a, for: "$dbPointer.$ref")
                hasRef = true
            } else if keyIs(.id) {
                if hasID { throw duplicate("$dbPointer", at: keyAt) }
                guard s.current == UInt8(ascii: "{") else {
                    throw fail("$dbPointer.$id must be {\"$oid\": \"…\"}, found \(describeValue(at: s.position))", at: s.position)
                }
                s.position += 1
                guard try innerKey(first: true, in: "$dbPointer.$id"), keyIs(wrapper: .oid) else {
                    throw fail("$dbPointer.$id must be {\"$oid\": \"…\"}", at: keyAt)
                }
                try readObjectID(into: .b)
                if try innerKey(first: false, in: "$dbPointer.$id") {
                    throw fail("$dbPointer.$id must be {\"$oid\": \"…\"}, found key \(quotedKey())", at: s.position)
                }
                hasID = true
            } else {
                throw fail("$dbPointer holds only $ref and $id, found key \(quotedKey())", at: keyAt)
            }
        }
        guard hasRef, hasID else {
            throw fail("$dbPointer needs both $ref and $id", at: valueAt)
        }
        setType(BSONType.dbPointer.rawValue)
        try appendBSONString(bufA, at: valueAt)
        _ = ExtendedJSONScalars.appendObjectID(bufB, to: &w)
    }

    /// Reads the string of an `$oid` into `buffer` and checks it is 24 hex digits.
    private mutating func readObjectID(into buffer: Buffer) throws {
        let at = s.position
        try readWrapperString(into: buffer, for: ExtendedJSONKey.oid.name)
        let text = buffer == .a ? bufA : bufB
        guard ExtendedJSONScalars.isObjectID(text) else {
            throw fail("$oid must be a string of 24 hex digits, found \(quoted(text))", at: at)
        }
    }
}
