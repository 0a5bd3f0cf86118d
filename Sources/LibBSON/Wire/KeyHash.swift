/// The hash of a key's bytes, for the tables that look keys up: the Codable decoder's
/// (`BSONDecoderNode`) and a wide document's (``BSONKeyTable``).
enum KeyHash {
    /// Swift's `Hasher` (SipHash with a per-process random seed) over the key's bytes.
    ///
    /// Keys come from untrusted documents. A fixed, weak hash (FNV-1a, whose low bits depend
    /// only on the low bits of the input) let a document of keys built to share one slot make
    /// every lookup probe all of them: 65,536 such keys took 9 s to decode instead of 15 ms.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: key)
        return hasher.finalize()
    }
}
