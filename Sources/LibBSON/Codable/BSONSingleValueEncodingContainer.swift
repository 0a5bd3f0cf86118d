/// The single-value container of ``BSONEncoder``: the value of one element (or, at the top
/// level, a whole document). Its methods are ``BSONValueEncodingContainer``'s.
struct BSONSingleValueEncodingContainer: SingleValueEncodingContainer, BSONValueEncodingContainer {
    let node: BSONEncoderNode

    @inline(__always)
    var target: BSONEncodingTarget { .single(node) }
}
