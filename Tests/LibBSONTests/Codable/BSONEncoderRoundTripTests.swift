import Foundation
import Testing
@testable import LibBSON

/// What `BSONEncoder` writes, `BSONDecoder` reads back: every kind of container and value
/// `Codable` can express, through the keyed, unkeyed and single-value containers of both sides.
@Suite struct BSONEncoderRoundTripTests {
    struct Address: Codable, Equatable {
        var street: String
        var zip: Int32?
    }

    struct Person: Codable, Equatable {
        var name: String
        var age: Int
        var address: Address
        var previous: [Address]
        var nicknames: [String]?
        var scores: [[Double]]
        var flags: [Bool]
    }

    @Test func nestedStructsArraysAndOptionals() throws {
        let p = Person(name: "Ada", age: 36, address: Address(street: "St James's Square", zip: 12),
                       previous: [Address(street: "Marylebone", zip: nil), Address(street: "Ockham", zip: 7)],
                       nicknames: nil, scores: [[1.5, -0.0], [], [Double.greatestFiniteMagnitude]], flags: [true, false])
        #expect(try CodableTestSupport.roundTrip(p) == p)
        let doc = try BSONEncoder().encode(p)
        #expect(doc.keys == ["name", "age", "address", "previous", "scores", "flags"])
        #expect(doc["previous"]?[0]?["zip"] == nil)
        #expect(doc["scores"]?[1] == .array([]))
    }

    enum Color: String, Codable, Equatable { case red, green }
    enum Level: Int, Codable, Equatable { case low = 1, high = 9 }
    enum Shape: Codable, Equatable {
        case circle(radius: Double)
        case rect(Double, Double)
        case point
        case labelled(name: String, tags: [String], inner: Address?)
    }

    struct Enums: Codable, Equatable {
        var color: Color
        var level: Level
        var shapes: [Shape]
    }

    @Test func rawValueAndAssociatedValueEnums() throws {
        let v = Enums(color: .green, level: .high,
                      shapes: [.circle(radius: 2), .rect(3, 4), .point, .labelled(name: "n", tags: ["a"], inner: Address(street: "s", zip: nil))])
        #expect(try CodableTestSupport.roundTrip(v) == v)
        let doc = try BSONEncoder().encode(v)
        #expect(doc["color"] == "green")
        #expect(doc["level"] == .int64(9))
        #expect(doc["shapes"]?[0] == ["circle": ["radius": .double(2)]])
        #expect(doc["shapes"]?[1] == ["rect": ["_0": .double(3), "_1": .double(4)]])
        #expect(doc["shapes"]?[2] == ["point": [:]])
    }

    struct Dictionaries: Codable, Equatable {
        var byName: [String: Int]
        var byNumber: [Int: String]
        var byUUID: [UUID: Bool]
        var nested: [String: [String: [Int]]]
        var optionals: [String: Int?]
    }

    @Test func dictionariesWithStringAndNonStringKeys() throws {
        let u = UUID()
        let v = Dictionaries(byName: ["a": 1, "b": 2], byNumber: [1: "one", -2: "minus two"], byUUID: [u: true],
                             nested: ["x": ["y": [1, 2]], "z": [:]], optionals: ["some": 1, "none": nil])
        #expect(try CodableTestSupport.roundTrip(v) == v)
        let doc = try BSONEncoder().encode(v)
        // Int keys become document keys; other keys an array of alternating keys and values.
        #expect(doc["byNumber"]?["1"] == "one")
        #expect(doc["byNumber"]?["-2"] == "minus two")
        #expect(doc["byUUID"]?.arrayValue?.count == 2)
        #expect(doc["optionals"]?["none"] == .null)
    }

    @Test func arraysOfArraysAtTheTopOfAValue() throws {
        let v: [[[Int8]]] = [[[1, 2], []], [[-128, 127]]]
        #expect(try CodableTestSupport.valueRoundTrip(v) == v)
        #expect(try BSONEncoder().encodeValue(v) == .array([.array([.array([.int32(1), .int32(2)]), .array([])]),
                                                            .array([.array([.int32(-128), .int32(127)])])]))
    }

    @Test func topLevelValuesOfEveryKind() throws {
        #expect(try CodableTestSupport.valueRoundTrip(42) == 42)
        #expect(try CodableTestSupport.valueRoundTrip("text") == "text")
        #expect(try CodableTestSupport.valueRoundTrip(Optional<Int>.none) == nil)
        #expect(try CodableTestSupport.valueRoundTrip([String: Int]()) == [:])
        #expect(try BSONEncoder().encodeValue(Optional<Int>.none) == .null)
        #expect(try BSONEncoder().encodeValue(2.5) == .double(2.5))
    }

    // MARK: Hand-written containers

    /// Uses nested keyed, unkeyed and single-value containers by hand.
    struct Manual: Codable, Equatable {
        var id: Int
        var point: (x: Int, y: Int)
        var matrix: [[Int]]
        var note: String

        enum Keys: String, CodingKey { case id, point, matrix, note }
        enum PointKeys: String, CodingKey { case x, y }

        init(id: Int, point: (x: Int, y: Int), matrix: [[Int]], note: String) {
            self.id = id
            self.point = point
            self.matrix = matrix
            self.note = note
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(id, forKey: .id)
            var p = c.nestedContainer(keyedBy: PointKeys.self, forKey: .point)
            try p.encode(point.x, forKey: .x)
            try p.encode(point.y, forKey: .y)
            var m = c.nestedUnkeyedContainer(forKey: .matrix)
            for row in matrix {
                var r = m.nestedUnkeyedContainer()
                for v in row { try r.encode(v) }
            }
            var single = c.superEncoder(forKey: .note).singleValueContainer()
            try single.encode(note)
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            id = try c.decode(Int.self, forKey: .id)
            let p = try c.nestedContainer(keyedBy: PointKeys.self, forKey: .point)
            point = (try p.decode(Int.self, forKey: .x), try p.decode(Int.self, forKey: .y))
            var m = try c.nestedUnkeyedContainer(forKey: .matrix)
            var rows: [[Int]] = []
            while !m.isAtEnd {
                var r = try m.nestedUnkeyedContainer()
                var row: [Int] = []
                while !r.isAtEnd { row.append(try r.decode(Int.self)) }
                rows.append(row)
            }
            matrix = rows
            note = try c.superDecoder(forKey: .note).singleValueContainer().decode(String.self)
        }

        static func == (a: Manual, b: Manual) -> Bool {
            a.id == b.id && a.point == b.point && a.matrix == b.matrix && a.note == b.note
        }
    }

    @Test func handWrittenNestedContainersAndSuperEncoderForKey() throws {
        let v = Manual(id: 7, point: (1, 2), matrix: [[1, 2], [], [3]], note: "hi")
        #expect(try CodableTestSupport.roundTrip(v) == v)
        let doc = try BSONEncoder().encode(v)
        #expect(doc == ["id": .int64(7), "point": ["x": .int64(1), "y": .int64(2)],
                        "matrix": [[.int64(1), .int64(2)], [], [.int64(3)]], "note": "hi"])
    }

    // MARK: Class inheritance (superEncoder / superDecoder)

    class Animal: Codable {
        var name: String
        init(name: String) { self.name = name }
    }

    final class Dog: Animal {
        var breed: String
        var tricks: [String]
        enum Keys: String, CodingKey { case breed, tricks }
        init(name: String, breed: String, tricks: [String]) {
            self.breed = breed
            self.tricks = tricks
            super.init(name: name)
        }
        required init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            breed = try c.decode(String.self, forKey: .breed)
            tricks = try c.decode([String].self, forKey: .tricks)
            try super.init(from: c.superDecoder())
        }
        override func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(breed, forKey: .breed)
            try super.encode(to: c.superEncoder())
            try c.encode(tricks, forKey: .tricks)
        }
    }

    @Test func classInheritanceThroughSuperEncoder() throws {
        let dog = Dog(name: "Rex", breed: "collie", tricks: ["sit"])
        let doc = try BSONEncoder().encode(dog)
        #expect(doc == ["breed": "collie", "super": ["name": "Rex"], "tricks": ["sit"]])
        let back = try BSONDecoder().decode(Dog.self, from: doc)
        #expect(back.name == "Rex" && back.breed == "collie" && back.tricks == ["sit"])
    }

    /// A super encoder used after later keys were written still lands in its own place.
    struct LateSuper: Encodable {
        enum Keys: String, CodingKey { case a, b }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            let sup = c.superEncoder()
            try c.encode(1, forKey: .a)
            var inner = c.nestedContainer(keyedBy: Keys.self, forKey: .b)
            var s = sup.container(keyedBy: Keys.self)
            try s.encode("late", forKey: .a)
            try inner.encode(true, forKey: .a)
            var u = c.superEncoder().unkeyedContainer()
            try u.encode(3)
            try s.encode("later", forKey: .b)
        }
    }

    @Test func superEncoderUsedOutOfOrder() throws {
        let doc = try BSONEncoder().encode(LateSuper())
        _ = try BSONDocument(fromBSON: doc.bytes)
        #expect(doc.keys == ["super", "a", "b", "super"])
        #expect(doc["super"] == ["a": "late", "b": "later"])
        #expect(doc["b"] == ["a": true])
        #expect(doc.values.last == .array([.int64(3)]))
    }

    /// Two nested containers written alternately (legal in Codable): the encoder splices.
    struct Interleaved: Encodable {
        var n: Int
        enum Keys: String, CodingKey { case evens, odds, inner, tail }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            var evens = c.nestedUnkeyedContainer(forKey: .evens)
            var odds = c.nestedUnkeyedContainer(forKey: .odds)
            var inner = c.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            var deep = inner.nestedUnkeyedContainer(forKey: .evens)
            for i in 0..<n {
                if i % 2 == 0 { try evens.encode(i) } else { try odds.encode(i) }
                try deep.encode(String(i))
                if i == 2 { try c.encode("middle", forKey: .tail) }
                var nested = evens.nestedContainer(keyedBy: Keys.self)
                try odds.encode(-i)
                try nested.encode(i, forKey: .tail)
            }
        }
    }

    @Test func interleavedNestedContainers() throws {
        let n = 40
        let doc = try BSONEncoder().encode(Interleaved(n: n))
        _ = try BSONDocument(fromBSON: doc.bytes)
        #expect(doc.keys == ["evens", "odds", "inner", "tail"])
        var evens: [BSON] = []
        var odds: [BSON] = []
        var deep: [BSON] = []
        for i in 0..<n {
            if i % 2 == 0 { evens.append(.int64(Int64(i))) } else { odds.append(.int64(Int64(i))) }
            deep.append(.string(String(i)))
            evens.append(["tail": .int64(Int64(i))])
            odds.append(.int64(Int64(-i)))
        }
        #expect(doc["evens"] == .array(evens))
        #expect(doc["odds"] == .array(odds))
        #expect(doc["inner"] == ["evens": .array(deep)])
        #expect(doc["tail"] == "middle")
    }

    /// A value whose encode(to:) asks for no container becomes an empty document.
    struct Nothing: Codable, Equatable {
        func encode(to encoder: any Encoder) throws {}
        init() {}
        init(from decoder: any Decoder) throws {}
    }

    @Test func valueThatEncodesNothingIsAnEmptyDocument() throws {
        #expect(try BSONEncoder().encode(Box(value: Nothing())) == ["value": [:]])
        #expect(try BSONEncoder().encode(Nothing()) == [:])
        #expect(try CodableTestSupport.roundTrip(Box(value: Nothing())) == Box(value: Nothing()))
    }

    /// A wrapper that encodes its payload through a single-value container.
    struct Wrapper<T: Codable & Equatable>: Codable, Equatable {
        var payload: T
        init(_ payload: T) { self.payload = payload }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(payload)
        }
        init(from decoder: any Decoder) throws {
            payload = try decoder.singleValueContainer().decode(T.self)
        }
    }

    @Test func singleValueWrappersNestAndWorkAtTheTopLevel() throws {
        let v = Wrapper(Wrapper(Address(street: "a", zip: 1)))
        #expect(try CodableTestSupport.roundTrip(v) == v)
        #expect(try BSONEncoder().encode(v) == ["street": "a", "zip": .int32(1)])
        let list = Box(value: [Wrapper(1), Wrapper(2)])
        #expect(try CodableTestSupport.roundTrip(list) == list)
        #expect(try BSONEncoder().encode(list) == ["value": [.int64(1), .int64(2)]])
    }
}
