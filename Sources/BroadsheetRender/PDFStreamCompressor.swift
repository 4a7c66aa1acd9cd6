import CCairo
import CDeflate
import Dispatch
import Foundation

/// Whether this process has asked Cairo to leave PDF page content uncompressed, so that PDF
/// writers deflate it themselves (see `PDFStreamCompressor`).
///
/// Cairo 1.16 reads `CAIRO_DEBUG_PDF` when it makes a PDF surface; setting it is the only
/// way to get raw content. Environment changes are not thread-safe, so a program opts in
/// once, first thing in `main`, before any thread starts; library code never sets it.
public enum PDFContentCompression {
    /// Cairo from 1.17 on writes cross-reference streams, which the post-pass does not parse.
    static let lastSupportedCairo: Int32 = 11_699          // CAIRO_VERSION_ENCODE(1, 16, 99)

    /// Opts in, unless Cairo is newer than the post-pass knows or the user already set the
    /// variable (they asked for readable content, and get it). Call before any thread starts.
    public static func takeOverFromCairo() {
        guard cairo_version() <= lastSupportedCairo, getenv("CAIRO_DEBUG_PDF") == nil,
              setenv("CAIRO_DEBUG_PDF", "1", 1) == 0 else { return }
        state.set(true)
    }

    static var isOurs: Bool { state.get() }

    private static let state = Flag()

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set(_ v: Bool) { lock.lock(); value = v; lock.unlock() }
        func get() -> Bool { lock.lock(); defer { lock.unlock() }; return value }
    }
}

/// Deflates the PDF streams Cairo leaves uncompressed, on every core, with libdeflate.
///
/// Cairo 1.16 deflates each page's content stream itself, with zlib at its default level,
/// on the thread that draws: on a ten-page galley that was 35 ms of a 150 ms render (page
/// content is long runs of glyph ids and offsets, the slow case for zlib's lazy matcher).
/// When the program has taken that over (`PDFContentCompression`), Cairo writes content
/// raw, and this pass compresses every stream that has no /Filter with libdeflate, one
/// stream per core at a time. Fonts and images keep the filters Cairo gave
/// them. Objects it does not understand are left as written; the output is a pure function
/// of the input.
enum PDFStreamCompressor {
    /// libdeflate's fastest level. On the 100k-character galley's page content (743 kB of
    /// glyph ids and offsets) level 1 takes 2.6 ms for 227 kB; level 6, zlib's default, takes
    /// 16.4 ms for 193 kB. The 34 kB it saves is 8 % of that PDF (the embedded font is most of
    /// it) and not worth six times the CPU of a job that is otherwise CPU-bound.
    static let level: Int32 = 1

    /// One stream without a filter: where its parts are in the file.
    private struct PlainStream {
        var objectStart: Int
        /// Index of the ">>" that closes the stream dictionary.
        var dictionaryClose: Int
        var dataStart: Int
        var dataEnd: Int
        /// The bytes of a direct /Length value, to be replaced; nil when indirect.
        var directLength: Range<Int>?
        /// The object holding the length, when indirect.
        var lengthObject: Int?
    }

    /// `precompressed`: deflated data already made for some streams (by `PageContentDeflater`
    /// while later pages were drawn), keyed by the stream data's range; used only where the
    /// range matches the stream's exactly.
    static func compress(_ pdf: [UInt8], precompressed: [Range<Int>: [UInt8]] = [:]) throws -> [UInt8] {
        let reader = PDFBytes(pdf)
        let xref = try PDFCrossReference(reader)
        let objects = xref.objectsInFileOrder
        guard !objects.isEmpty else { return pdf }
        var ends: [Int: Int] = [:]          // object number → first byte after it
        for (k, object) in objects.enumerated() {
            ends[object.number] = k + 1 < objects.count ? objects[k + 1].entry.offset : xref.xrefOffset
        }
        var plain: [(number: Int, stream: PlainStream)] = []
        for object in objects {
            let end = ends[object.number] ?? xref.xrefOffset
            if let stream = try plainStream(object.number, object.entry, end: end, reader: reader, xref: xref) {
                plain.append((object.number, stream))
            }
        }
        guard !plain.isEmpty else { return pdf }

        let ranges = plain.map { $0.stream.dataStart..<$0.stream.dataEnd }
        let missing = ranges.filter { precompressed[$0] == nil }
        let fresh = Dictionary(uniqueKeysWithValues: zip(missing, try deflateAll(missing, of: pdf)))
        let compressed = try ranges.map { range in
            guard let data = precompressed[range] ?? fresh[range] else { throw PDFCrossReference.fail("deflate lost a stream") }
            return data
        }
        var newLength: [Int: Int] = [:]     // indirect length object → its new value
        var rewrite: [Int: (stream: PlainStream, data: [UInt8])] = [:]
        for (k, item) in plain.enumerated() {
            if let lengthObject = item.stream.lengthObject { newLength[lengthObject] = compressed[k].count }
            rewrite[item.number] = (item.stream, compressed[k])
        }

        var output: [UInt8] = []
        output.reserveCapacity(pdf.count)
        output.append(contentsOf: pdf[0..<objects[0].entry.offset])
        var newOffsets: [Int: Int] = [:]
        for object in objects {
            let start = object.entry.offset
            let end = ends[object.number] ?? xref.xrefOffset
            newOffsets[object.number] = output.count
            if let (s, data) = rewrite[object.number] {
                if let direct = s.directLength {
                    output.append(contentsOf: pdf[start..<direct.lowerBound])
                    output.append(contentsOf: Array(String(data.count).utf8))
                    output.append(contentsOf: pdf[direct.upperBound..<s.dictionaryClose])
                } else {
                    output.append(contentsOf: pdf[start..<s.dictionaryClose])
                }
                output.append(contentsOf: Array("   /Filter /FlateDecode\n".utf8))
                output.append(contentsOf: pdf[s.dictionaryClose..<s.dataStart])
                output.append(contentsOf: data)
                output.append(contentsOf: pdf[s.dataEnd..<end])
            } else if let length = newLength[object.number] {
                output.append(contentsOf: Array("\(object.number) \(object.entry.generation) obj\n   \(length)\nendobj\n".utf8))
            } else {
                output.append(contentsOf: pdf[start..<end])
            }
        }
        try xref.append(to: &output, original: pdf) { number, _ in
            guard let offset = newOffsets[number] else { throw PDFCrossReference.fail("lost object \(number)") }
            return offset
        }
        return output
    }

    /// The parts of object `number` if it is a stream without a /Filter; nil for any other
    /// object, and for anything this pass does not understand (it is then left as written).
    private static func plainStream(_ number: Int, _ entry: PDFCrossReference.Entry, end: Int,
                                    reader: PDFBytes, xref: PDFCrossReference) throws -> PlainStream? {
        var cursor = entry.offset
        guard reader.integer(at: &cursor) == number, reader.integer(at: &cursor) == entry.generation,
              reader.word(at: &cursor) == "obj" else {
            throw PDFCrossReference.fail("xref offset \(entry.offset) for object \(number) does not point at it")
        }
        let syntax = PDFSyntax(bytes: reader.bytes)
        syntax.skip(&cursor, end: end)
        guard let entries = syntax.dictionary(&cursor, end: end) else { return nil }
        let dictionaryClose = cursor - 2
        // "stream" must follow the dictionary's own ">>", then an end of line.
        while cursor < end, PDFSyntax.isWhitespace(reader.bytes[cursor]) { cursor += 1 }
        guard reader.matches("stream", at: cursor) else { return nil }
        var dataStart = cursor + 6
        if reader.matches("\r\n", at: dataStart) { dataStart += 2 } else if reader.matches("\n", at: dataStart) { dataStart += 1 } else { return nil }
        guard !entries.contains(where: { $0.key == "/Filter" }),
              let lengthEntry = entries.first(where: { $0.key == "/Length" }) else { return nil }

        // A direct length, or "44 0 R" (Cairo's form for content streams).
        var at = lengthEntry.value.lowerBound
        guard let firstToken = syntax.token(&at, end: lengthEntry.value.upperBound),
              let first = syntax.integer(firstToken) else { return nil }
        var length = first
        var lengthObject: Int?
        if at < lengthEntry.value.upperBound {
            guard let target = xref.entries[first], target.inUse else { return nil }
            var c = target.offset
            guard reader.integer(at: &c) == first, reader.integer(at: &c) != nil, reader.word(at: &c) == "obj",
                  let value = reader.integer(at: &c) else { return nil }
            length = value
            lengthObject = first
        }
        let dataEnd = dataStart + length
        guard length >= 0, dataEnd <= end,
              reader.firstIndex(of: "endstream", from: dataEnd, to: min(end, dataEnd + 12)) != nil else { return nil }
        return PlainStream(objectStart: entry.offset, dictionaryClose: dictionaryClose, dataStart: dataStart,
                           dataEnd: dataEnd, directLength: lengthObject == nil ? firstToken : nil,
                           lengthObject: lengthObject)
    }

    /// zlib-format deflate of each range, spread over the cores.
    private static func deflateAll(_ ranges: [Range<Int>], of pdf: [UInt8]) throws -> [[UInt8]] {
        let results = DeflateResults(count: ranges.count)
        let workers = max(1, min(ranges.count, ProcessInfo.processInfo.activeProcessorCount))
        // Largest first, so one long stream does not end up last on a busy core.
        let queue = ranges.indices.sorted { ranges[$0].count > ranges[$1].count }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            guard let compressor = DeflateCompressor(level: level) else { return }
            pdf.withUnsafeBytes { bytes in
                for k in stride(from: worker, to: queue.count, by: workers) {
                    let i = queue[k]
                    results.set(i, compressor.zlib(UnsafeRawBufferPointer(rebasing: bytes[ranges[i]])))
                }
            }
        }
        return try ranges.indices.map { i in
            guard let data = results.value(i) else { throw PDFCrossReference.fail("deflate failed") }
            return data
        }
    }
}

/// Deflates each page's content stream in the background as soon as Cairo has written it,
/// while the writer draws the next page, so that finishing the file has little left to do.
///
/// Cairo writes an uncompressed content stream as `N 0 obj << /Length M 0 R >> stream …
/// endstream endobj` followed at once by `M 0 obj LEN endobj`; a stream is taken once both
/// are complete. Anything else (a filter, a direct length, an unfinished object) is left to
/// `PDFStreamCompressor.compress`, which deflates whatever this did not.
final class PageContentDeflater: @unchecked Sendable {
    private let queue = DispatchQueue(label: "broadsheet.deflate", attributes: .concurrent)
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var done: [Range<Int>: [UInt8]] = [:]
    /// Where the next scan starts in the writer's bytes.
    private var scanned = 0
    /// Compressors between tasks: a libdeflate compressor is about a megabyte of tables,
    /// and making one per page cost more in fresh memory than deflating the page.
    private var idle: [DeflateCompressor] = []

    private func takeCompressor() -> DeflateCompressor? {
        lock.lock()
        if let c = idle.popLast() { lock.unlock(); return c }
        lock.unlock()
        return DeflateCompressor(level: PDFStreamCompressor.level)
    }

    /// Looks at what was written since the last call and starts deflating finished streams.
    func scan(_ bytes: [UInt8]) {
        let reader = PDFBytes(bytes)
        var cursor = scanned
        while let keyword = reader.firstIndex(of: ">>\nstream\n", from: cursor, to: bytes.count) {
            guard let dictionary = lastIndex(of: "<<", in: bytes, before: keyword, after: cursor) else { break }
            let header = reader.text(from: dictionary, to: keyword)
            let dataStart = keyword + 10
            // "<< /Length M 0 R" and nothing else: the form Cairo gives raw content.
            let words = header.split(whereSeparator: { $0 == " " || $0 == "\n" })
            guard words.count == 5, words[1] == "/Length", let lengthObject = Int(words[2]), words[3] == "0", words[4] == "R",
                  let endstream = reader.firstIndex(of: "\nendstream\nendobj\n\(lengthObject) 0 obj\n", from: dataStart, to: bytes.count) else {
                if reader.firstIndex(of: "endobj", from: dataStart, to: bytes.count) == nil { break }   // not finished yet
                cursor = dataStart
                continue
            }
            var at = endstream + "\nendstream\nendobj\n\(lengthObject) 0 obj\n".utf8.count
            guard let length = reader.integer(at: &at), reader.firstIndex(of: "endobj", from: at, to: min(bytes.count, at + 16)) != nil else { break }
            let range = dataStart..<(dataStart + length)
            guard range.upperBound <= bytes.count, reader.matches("\nendstream", at: range.upperBound) || reader.matches("endstream", at: range.upperBound) else {
                cursor = dataStart
                continue
            }
            let data = Array(bytes[range])
            queue.async(group: group) { [self] in
                guard let compressor = takeCompressor() else { return }
                let out = data.withUnsafeBytes { compressor.zlib($0) }
                lock.lock()
                if let out { done[range] = out }
                idle.append(compressor)
                lock.unlock()
            }
            cursor = at
        }
        scanned = cursor
    }

    /// Waits for every started stream and returns them by data range.
    func finish() -> [Range<Int>: [UInt8]] {
        group.wait()
        lock.lock(); defer { lock.unlock() }
        return done
    }

    private func lastIndex(of token: String, in bytes: [UInt8], before end: Int, after start: Int) -> Int? {
        let t = Array(token.utf8)
        var i = end - t.count
        while i >= start {
            if bytes[i] == t[0], bytes[i..<(i + t.count)].elementsEqual(t) { return i }
            i -= 1
        }
        return nil
    }
}

/// Slots written by concurrent deflate workers, each index by one worker.
private final class DeflateResults: @unchecked Sendable {
    private var values: [[UInt8]?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: [UInt8]?) { lock.lock(); values[i] = value; lock.unlock() }
    func value(_ i: Int) -> [UInt8]? { lock.lock(); defer { lock.unlock() }; return values[i] }
}

/// Owns a libdeflate compressor (not thread-safe: one per worker).
private final class DeflateCompressor {
    private let raw: OpaquePointer

    init?(level: Int32) {
        guard let raw = libdeflate_alloc_compressor(level) else { return nil }
        self.raw = raw
    }

    deinit { libdeflate_free_compressor(raw) }

    func zlib(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        let bound = libdeflate_zlib_compress_bound(raw, input.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { dst in
            libdeflate_zlib_compress(raw, input.baseAddress, input.count, dst.baseAddress, bound)
        }
        guard written > 0 else { return nil }
        out.removeSubrange(written...)
        return out
    }
}
