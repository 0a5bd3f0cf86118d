// Another module that declares some of MongoKitten's type names for itself, as MongoKitten's
// own BSON module or an unrelated library (swift-markdown's `Document`) does.

public struct Document: Equatable {
    public var title: String
    public init(title: String) { self.title = title }
}

public protocol Primitive {}

public struct ObjectId: Primitive, Equatable {
    public var text: String
    public init(_ text: String) { self.text = text }
}

public struct Binary: Primitive {
    public var count: Int
    public init(count: Int) { self.count = count }
}

public struct Timestamp: Primitive {
    public var seconds: Int
    public init(seconds: Int) { self.seconds = seconds }
}

public struct Null: Primitive {
    public init() {}
}
