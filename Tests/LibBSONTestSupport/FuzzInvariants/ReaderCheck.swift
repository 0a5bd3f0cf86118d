import LibBSON

/// Target (d): a byte stream -> `BSONReader`.
///
/// Invariants:
/// 1. Frames come in order: index 0, 1, 2…; each starts where the previous ended (the
///    first at 0); its bytes are exactly the input's at that offset, at least 5 of them, so
///    there are never more than `count / 5` frames; ``BSONReader/offset`` follows.
/// 2. A frame's document, when it validates, re-validates and equals the frame's bytes read
///    by `BSONDocument(fromBSON:)`; when it does not, the error names the frame's index and
///    an offset inside the frame, and reading goes on.
/// 3. The stream ends either cleanly, having consumed every byte, or with one broken-frame
///    error at the next frame's offset and index, after which the reader is finished and
///    yields nothing more.
/// 4. `readDocument()`, the `Sequence` of results and a reader over a pipe (the
///    file-descriptor path, with its buffer growth and compaction) see exactly the same
///    documents and errors.
/// 5. With a small size limit the same rules hold.
public enum ReaderCheck {
    /// One reading: per frame, the document or its error; then the error that ended it, if any.
    struct Reading: Equatable {
        var documents: [Result<BSONDocument, BSONError>] = []
        var end: BSONError?
    }

    public static func check(_ bytes: [UInt8]) throws(InvariantViolation) {
        let reference = try readFrames(BSONReader(bytes: bytes), bytes, options: .default)

        // 4. The other ways of reading agree.
        try invariant(readDocuments(BSONReader(bytes: bytes)) == reference, "readDocument() disagrees with readFrame()")
        var sequence = Reading()
        for result in BSONReader(bytes: bytes) { sequence.documents.append(result) }
        if reference.end != nil, let last = sequence.documents.popLast(), case .failure(let error) = last {
            sequence.end = error
        }
        try invariant(sequence == reference, "the Sequence of results disagrees with readFrame()")
        if let piped = try readThroughPipe(bytes) {
            try invariant(piped == reference, "a reader over a pipe disagrees with the in-memory reader\npipe: \(piped)\nmemory: \(reference)")
        }

        // 5. A small size limit.
        let limit = 5 + Int(bytes.first ?? 0)
        _ = try readFrames(BSONReader(bytes: bytes, options: BSONValidationOptions(maxDocumentSize: limit)), bytes,
                       options: BSONValidationOptions(maxDocumentSize: limit))
    }

    /// Reads with `readFrame()` and checks invariants 1 to 3.
    static func readFrames(_ reader: BSONReader, _ bytes: [UInt8], options: BSONValidationOptions) throws(InvariantViolation) -> Reading {
        var reading = Reading()
        var offset = 0
        var index = 0
        while true {
            let frame: BSONFrame
            do {
                guard let next = try reader.readFrame() else { break }
                frame = next
            } catch {
                // 3. A broken frame ends the stream.
                try invariant(error.offset == offset, "broken frame at offset \(error.offset ?? -1), expected \(offset): \(error)")
                try invariant(error.documentIndex == index, "broken frame index \(error.documentIndex ?? -1), expected \(index)")
                try invariant(offset < bytes.count, "a broken frame after the last byte: \(error)")
                try invariant(reader.isFinished, "the reader goes on after a broken frame")
                reading.end = error
                break
            }
            // 1. Order, offsets, bytes.
            try invariant(frame.index == index, "frame index \(frame.index), expected \(index)")
            try invariant(frame.offset == offset, "frame offset \(frame.offset), expected \(offset)")
            try invariant(frame.bytes.count >= 5 && frame.bytes.count <= options.maxDocumentSize,
                          "frame of \(frame.bytes.count) bytes (limit \(options.maxDocumentSize))")
            try invariant(frame.endOffset <= bytes.count && frame.bytes[...] == bytes[frame.offset..<frame.endOffset],
                          "frame bytes differ from the input at \(frame.offset)")
            try invariant(reader.offset == frame.endOffset, "reader offset \(reader.offset) after a frame ending at \(frame.endOffset)")
            try invariant(reader.documentCount == index + 1, "documentCount \(reader.documentCount) after frame \(index)")
            index += 1
            offset = frame.endOffset
            try invariant(index <= bytes.count / 5, "\(index) frames from \(bytes.count) bytes")

            // 2. The document.
            let document: Result<BSONDocument, BSONError>
            do {
                document = .success(try frame.document(options: options))
            } catch {
                document = .failure(error)
            }
            switch document {
            case .success(let doc):
                try Walk.revalidate(doc)
                try invariant(doc.bytes == frame.bytes, "a frame's document differs from its bytes")
                reading.documents.append(.success(doc))
            case .failure(let error):
                try invariant(error.documentIndex == frame.index, "document error with index \(error.documentIndex ?? -1) in frame \(frame.index)")
                let at = error.offset ?? -1
                try invariant(at >= frame.offset && at <= frame.endOffset, "document error at \(at) outside frame \(frame.offset)..<\(frame.endOffset): \(error)")
                try invariant((try? BSONDocument(fromBSON: frame.bytes, options: options)) == nil, "the frame fails but its bytes validate")
                reading.documents.append(.failure(error))
            }
        }
        if reading.end == nil {
            try invariant(offset == bytes.count, "the stream ended cleanly at \(offset) of \(bytes.count) bytes")
        }
        try invariant(reader.isFinished, "the reader is not finished at the end")
        try invariant((try? reader.readFrame()) == .some(nil), "a finished reader yields more")
        return reading
    }

    /// Reads with `readDocument()` only.
    static func readDocuments(_ reader: BSONReader) -> Reading {
        var reading = Reading()
        while true {
            do {
                guard let doc = try reader.readDocument() else { break }
                reading.documents.append(.success(doc))
            } catch {
                if reader.isFinished {
                    reading.end = error
                    break
                }
                reading.documents.append(.failure(error))
            }
        }
        return reading
    }

    /// The same bytes through a pipe (nil when they do not fit in the pipe's buffer, since
    /// the writer and the reader share this thread).
    static func readThroughPipe(_ bytes: [UInt8]) throws(InvariantViolation) -> Reading? {
        guard bytes.count <= 65_536 else { return nil }
        let pipe: PipeDescriptors
        do { pipe = try PipeDescriptors() } catch { throw InvariantViolation("\(error)") }
        let reader = BSONReader(fileDescriptor: pipe.readEnd, closeWhenDone: true)
        let writer = BSONOutput(fileDescriptor: pipe.writeEnd, closeWhenDone: true)
        do {
            try writer.write(bytes)
            try writer.close()
        } catch {
            try? reader.close()
            return nil
        }
        let reading = readDocuments(reader)
        try? reader.close()
        return reading
    }
}
