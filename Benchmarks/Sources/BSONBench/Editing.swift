import LibBSON

/// Editing one nested value of a 16 MiB document in place, against rebuilding the document.
///
/// The document holds copies of the "full" data set under keys "doc0", "doc1", … up to just
/// under 16 MiB (MongoDB's document limit). Each operation sets the middle key of the middle copy
/// to a string whose length alternates, so every change moves the bytes after it (the costly
/// case of a splice). The baseline is what a user without in-place editing writes: take the
/// elements out, change the one, build a new document from them (`BSONDocument(elements:)`).
func editingWorkloads(full: BSONDocument) throws -> [Workload] {
    let limit = 16 * 1024 * 1024
    var elements: [(key: String, value: BSON)] = []
    var size = 5
    while size + full.byteCount + 16 < limit {
        let key = "doc\(elements.count)"
        elements.append((key, .document(full)))
        size += 2 + key.utf8.count + full.byteCount
    }
    let big = try BSONDocument(elements: elements)
    let middle = "doc\(elements.count / 2)"
    let values: [BSON] = ["short", "a somewhat longer name"]
    // The key in the middle of the data set: the element edited in the middle copy.
    let keys = full.keys
    guard !keys.isEmpty else { throw BenchError("the full data set is empty") }
    let name = keys[keys.count / 2]
    let divisor = 1_000   // one edit of a 16 MiB document per thousand data-set operations

    func rebuilt(_ doc: BSONDocument, _ value: BSON) throws -> BSONDocument {
        var elements = Array(doc)
        for i in elements.indices where elements[i].key == middle {
            var inner = elements[i].value
            inner[name] = value
            elements[i].value = inner
            break
        }
        return try BSONDocument(elements: elements)
    }
    // Both ways give the same bytes.
    var check = big
    check[middle]?[name] = values[1]
    guard try check == rebuilt(big, values[1]) else { throw BenchError("nested set and rebuild differ") }

    let rebuilding: Body = { n in
        var doc = big
        var sum: Int64 = 0
        for i in 0..<n {
            doc = try rebuilt(doc, values[i & 1])
            sum &+= Int64(doc.byteCount)
        }
        return sum
    }

    return [
        Workload(name: "nested set 16MiB", dataset: "full", bytesPerOperation: big.byteCount,
                 swift: { n in
                     var doc = big
                     var sum: Int64 = 0
                     for i in 0..<n {
                         doc[middle]?[name] = values[i & 1]
                         sum &+= Int64(doc.byteCount)
                     }
                     return sum
                 },
                 baseline: rebuilding,
                 baselineName: "rebuilding it: BSONDocument(elements:) (Swift)", iterationDivisor: divisor),
        Workload(name: "path set 16MiB", dataset: "full", bytesPerOperation: big.byteCount,
                 swift: { n in
                     var doc = big
                     var sum: Int64 = 0
                     let path = BSONPath([middle, name])
                     for i in 0..<n {
                         try doc.setValue(values[i & 1], forPath: path)
                         sum &+= Int64(doc.byteCount)
                     }
                     return sum
                 },
                 baseline: rebuilding,
                 baselineName: "rebuilding it: BSONDocument(elements:) (Swift)", iterationDivisor: divisor),
    ]
}
