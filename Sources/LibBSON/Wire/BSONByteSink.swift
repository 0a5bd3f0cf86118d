/// Somewhere bytes can be appended: the writer of a document being built, or a plain array
/// (the JSON parser decodes strings into both).
protocol BSONByteSink: ~Copyable {
    var count: Int { get }
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf buffer: UnsafeRawBufferPointer)
}

extension Array: BSONByteSink where Element == UInt8 {}

extension BSONByteWriter: BSONByteSink {}
