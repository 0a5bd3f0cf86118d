/// The splice engine of one `BSONEncoder` call: a single growing buffer that every container
/// appends to, and the bookkeeping that lets containers be written out of order.
///
/// Containers normally nest like a stack (a child is finished before its parent writes
/// again), and then every write is an append: a document's length is a placeholder until the
/// document is closed, then patched. `Codable` also allows containers to be used out of order
/// (two nested containers written alternately, a `superEncoder()` used after later keys); a
/// write to an already closed document is then spliced in before its terminator, and every
/// recorded offset after it shifts and every enclosing length is re-patched. Nodes that can
/// no longer be written (no container refers to them) are dropped from that bookkeeping.
///
/// The nodes (``BSONEncoderNode``) are the engine's frames: their `kind`, `start` and `end`
/// say where their bytes are.
final class BSONEncodingBuffer {
    var writer = BSONByteWriter(capacity: 256)
    /// Open documents and arrays, outermost first; the last one is where appends go.
    private var stack: [BSONEncoderNode] = []
    /// Closed frames and `superEncoder` slots that a live container may still write to.
    private var detached: [BSONEncoderNode] = []
    private var pruneAt = 64
    private var finished = false
    /// The first error found where `Encoder`'s API cannot throw; the call throws it at the end.
    private(set) var deferredError: (any Error)?

    init() {
        stack.reserveCapacity(16)
    }

    /// Keeps the first error found where `Encoder`'s API cannot throw.
    func record(_ error: any Error) {
        if deferredError == nil { deferredError = error }
    }

    // MARK: The call

    /// Opens `root` as the top-level document.
    func openRoot(_ root: BSONEncoderNode) {
        root.start = writer.beginDocument()
        root.kind = .open
        stack.append(root)
    }

    /// Closes every open frame and returns the bytes; throws the first deferred error.
    func finishCall() throws -> ArraySlice<UInt8> {
        while !stack.isEmpty { closeTop() }
        if let deferredError { throw deferredError }
        return writer.toArray()[...]
    }

    /// Breaks the node <-> state reference cycles; later writes through escaped containers throw.
    func tearDown() {
        finished = true
        stack.removeAll()
        detached.removeAll()
    }

    // MARK: Elements

    struct ElementPosition {
        var typeAt: Int
        var valueAt: Int
    }

    @inline(__always)
    private static func writeElement(_ w: inout BSONByteWriter, _ frame: BSONEncoderNode, _ key: String, _ type: UInt8,
                                     _ body: (inout BSONByteWriter) throws -> Void) throws -> ElementPosition {
        let mark = w.count
        w.append(type)
        do {
            if frame.isArray {
                w.appendIndexKey(frame.count)
            } else {
                try w.appendKey(key)
            }
            let valueAt = w.count
            try body(&w)
            if frame.isArray { frame.count += 1 }
            return ElementPosition(typeAt: mark, valueAt: valueAt)
        } catch {
            w.removeSubrange(mark...)
            throw error
        }
    }

    /// Writes one element (type byte, key, value) at the current end of `frame`.
    @inline(__always) @discardableResult
    func appendElement(to frame: BSONEncoderNode, key: String, type: UInt8,
                       _ body: (inout BSONByteWriter) throws -> Void) throws -> ElementPosition {
        if frame === stack.last {
            return try Self.writeElement(&writer, frame, key, type, body)
        }
        return try appendElementOutOfOrder(to: frame, key: key, type: type, body)
    }

    private func appendElementOutOfOrder(to frame: BSONEncoderNode, key: String, type: UInt8,
                                         _ body: (inout BSONByteWriter) throws -> Void) throws -> ElementPosition {
        if finished { throw frame.misuse("A container was used after BSONEncoder finished encoding") }
        switch frame.kind {
        case .open:
            // A child document is still open above this one: it is finished.
            closeFrames(above: frame)
            return try Self.writeElement(&writer, frame, key, type, body)
        case .closed:
            var scratch = BSONByteWriter(capacity: 32)
            let relative = try Self.writeElement(&scratch, frame, key, type, body)
            let at = frame.end
            scratch.withUnsafeBytes { splice($0, at: at) }
            return ElementPosition(typeAt: at + relative.typeAt, valueAt: at + relative.valueAt)
        default:
            throw deferredError ?? frame.misuse("This container cannot be written to (the value was already encoded)")
        }
    }

    // MARK: Frames

    private func closeFrames(above frame: BSONEncoderNode) {
        while let top = stack.last, top !== frame { closeTop() }
    }

    private func closeTop() {
        guard let top = stack.popLast() else { return }
        writer.append(0)
        top.end = writer.count - 1
        top.kind = .closed
        patchLength(top)
        track(top)
    }

    /// Closes the open frame `node` and every frame opened above it.
    func close(_ node: BSONEncoderNode) {
        while let top = stack.last {
            closeTop()
            if top === node { break }
        }
    }

    private func patchLength(_ node: BSONEncoderNode) {
        do {
            try writer.patchLength(at: node.start, length: node.end + 1 - node.start)
        } catch {
            record(node.misuse("\(error)"))
        }
    }

    /// Makes `node` a document or array, as its first keyed or unkeyed container asks.
    func prepareFrame(_ node: BSONEncoderNode, isArray: Bool) {
        let type: UInt8 = isArray ? BSONType.array.rawValue : BSONType.document.rawValue
        switch node.kind {
        case .pending:
            node.isArray = isArray
            guard let parent = node.parent else {
                if isArray {
                    record(node.misuse("BSONEncoder.encode(_:) needs a value that encodes as a document, not an array; use encodeValue(_:) for other values"))
                    node.kind = .invalid
                    return
                }
                openRoot(node)
                return
            }
            openElement(node, in: parent, type: type)
        case .open, .closed:
            if node.isArray != isArray {
                record(node.misuse("A keyed and an unkeyed container were both requested for one value"))
            }
        case .placeholder:
            node.isArray = isArray
            writer[node.start] = type
            let at = node.end
            if let parent = node.parent, parent.kind == .open {
                closeFrames(above: parent)
                if writer.count == at {
                    writer.append(contentsOf: [0, 0, 0, 0] as [UInt8])
                    node.start = at
                    node.kind = .open
                    stack.append(node)
                    return
                }
            }
            ([5, 0, 0, 0, 0] as [UInt8]).withUnsafeBytes { splice($0, at: at) }
            node.start = at
            node.end = at + 4
            node.kind = .closed
        case .written:
            record(node.misuse("A container was requested for a value that was already encoded"))
            node.kind = .invalid
        case .invalid:
            break
        }
    }

    /// Writes the pending `node` as an element of `parent`: opened on the stack when `parent`
    /// is, else an empty document spliced into the closed parent, to be spliced into.
    private func openElement(_ node: BSONEncoderNode, in parent: BSONEncoderNode, type: UInt8) {
        do {
            if parent.kind == .open {
                let position = try appendElement(to: parent, key: node.elementKey, type: type) {
                    $0.append(contentsOf: [0, 0, 0, 0] as [UInt8])
                }
                node.start = position.valueAt
                node.kind = .open
                stack.append(node)
            } else {
                let position = try appendElement(to: parent, key: node.elementKey, type: type) {
                    $0.append(contentsOf: [5, 0, 0, 0, 0] as [UInt8])
                }
                node.start = position.valueAt
                node.end = position.valueAt + 4
                node.kind = .closed
                track(node)
            }
        } catch let error as BSONError {
            record(node.misuse(error.description))
            node.kind = .invalid
        } catch {
            record(error)
            node.kind = .invalid
        }
    }

    // MARK: superEncoder slots

    /// A `superEncoder()` slot: writes a null element now (keeping its place among the
    /// elements) that the returned encoder's value replaces.
    func makeSuperEncoder(in frame: BSONEncoderNode, key: String, path: BSONPathKey) -> BSONEncoderNode {
        let node = BSONEncoderNode(state: frame.state, parent: frame, pathKey: path, elementKey: key, kind: .placeholder)
        do {
            let position = try appendElement(to: frame, key: key, type: BSONType.null.rawValue) { _ in }
            node.start = position.typeAt
            node.end = position.valueAt
            track(node)
        } catch {
            record((error as? BSONError).map { node.misuse($0.description) } ?? error)
            node.kind = .invalid
        }
        return node
    }

    /// Writes a value of BSON `type` into the `superEncoder()` slot `node`: the slot's type
    /// byte becomes `type` and the value's bytes go where its null had none.
    func fill(placeholder node: BSONEncoderNode, type: UInt8, _ body: (inout BSONByteWriter) throws -> Void) throws {
        var scratch = BSONByteWriter(capacity: 16)
        do {
            try body(&scratch)
        } catch let error as BSONError {
            throw node.misuse(error.description)
        }
        writer[node.start] = type
        let at = node.end
        node.kind = .written
        if let parent = node.parent, parent.kind == .open {
            closeFrames(above: parent)
            if writer.count == at {
                scratch.withUnsafeBytes { writer.append(contentsOf: $0) }
                return
            }
        }
        scratch.withUnsafeBytes { splice($0, at: at) }
    }

    // MARK: Out-of-order writes

    private func track(_ node: BSONEncoderNode) {
        guard !node.tracked else { return }
        node.tracked = true
        detached.append(node)
        if detached.count >= pruneAt { prune() }
    }

    /// Drops the nodes that nothing but this list refers to: no container can write to them.
    private func prune() {
        var survivors: [BSONEncoderNode] = []
        survivors.reserveCapacity(detached.count)
        // Oldest first, so a dropped child releases its parent before the parent is looked at.
        detached.reverse()
        while var node = detached.popLast() {
            if isKnownUniquelyReferenced(&node) {
                node.tracked = false
            } else {
                survivors.append(node)
            }
        }
        detached = survivors
        pruneAt = max(64, survivors.count * 2)
    }

    /// Inserts `bytes` at offset `at`, shifting every recorded offset after it and
    /// re-patching the length of every closed document that contains it.
    private func splice(_ bytes: UnsafeRawBufferPointer, at: Int) {
        writer.insert(contentsOf: bytes, at: at)
        let n = bytes.count
        for node in stack where node.start >= at {
            node.start += n
        }
        for node in detached {
            switch node.kind {
            case .closed:
                if node.start >= at {
                    node.start += n
                    node.end += n
                } else if node.end >= at {
                    node.end += n
                    patchLength(node)
                }
            case .placeholder:
                if node.start >= at {
                    node.start += n
                    node.end += n
                }
            default:
                break
            }
        }
    }
}
