import CInteropPeer
import CLibBSON
import Testing
@testable import LibBSON

/// The bridge allocates `bson_t` storage itself (Swift cannot declare the 128-byte aligned
/// struct): its size and alignment must be C's.
@Suite struct BSONTStorageTests {
    @Test func sizeAndAlignmentAreCs() {
        #expect(BSONTStorage.size == peer_bson_size())
        #expect(BSONTStorage.alignment == peer_bson_alignment())
    }
}
