extension BSONDocument: ExpressibleByDictionaryLiteral {
    /// A document literal; keys keep their written order. A literal key containing NUL is a
    /// programming error and stops the program.
    public init(dictionaryLiteral elements: (String, BSON)...) {
        self.init(literalElements: elements)
    }

    init(literalElements elements: [(String, BSON)]) {
        do {
            try self.init(elements: elements.lazy.map { (key: $0.0, value: $0.1) })
        } catch {
            preconditionFailure("BSONDocument literal: \(error)")
        }
    }
}
