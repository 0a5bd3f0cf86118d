import Foundation
import LibBSON
import OtherBSONNames

// LibBSON's unavailable MongoKitten and swift-bson names must not clash with the same names
// declared elsewhere: by another imported module (OtherBSONNames), or by this module itself.
// This target must compile with no diagnostic at all.

struct Decimal128: Equatable { var text: String }
struct MinKey {}
enum RegularExpression { case any }
typealias ExtendedJSONEncoder = JSONEncoder

extension Document: Primitive {}

func otherNamesAreFound() throws -> [String] {
    let document = Document(title: "t")
    let id = ObjectId("507f1f77bcf86cd799439011")
    let values: [any Primitive] = [document, id, Binary(count: 2), Timestamp(seconds: 1), Null()]
    let local = Decimal128(text: "1.5")
    _ = MinKey()
    _ = RegularExpression.any
    let json = try ExtendedJSONEncoder().encode(["a": 1])
    let bson: BSONDocument = ["title": .string(document.title), "n": .int32(Int32(values.count))]
    return [document.title, id.text, local.text, String(decoding: json, as: UTF8.self), bson.toExtendedJSONString()]
}
