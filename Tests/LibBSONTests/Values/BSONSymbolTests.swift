import Testing
import LibBSON

/// `BSONSymbol` (deprecated by the specification): a string of its own type.
@Suite struct BSONSymbolTests {
    @Test func isItsOwnTypeWithTheStringAsDescription() throws {
        let symbol = BSONSymbol("sym")
        #expect(symbol.description == "sym")
        let doc: BSONDocument = ["y": .symbol(symbol)]
        #expect(doc["y"] == .symbol(symbol) && doc["y"] != .string("sym"))
        #expect(doc.toCanonicalExtendedJSONString() == #"{"y":{"$symbol":"sym"}}"#)
    }
}
