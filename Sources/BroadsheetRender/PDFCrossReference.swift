#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// The classic cross-reference table and trailer of a PDF that Cairo wrote, read so that a
/// post-processing step can move objects and write a new table. Only what Cairo 1.16 always
/// writes is accepted (one xref table, no object streams, no incremental update); anything
/// else is refused rather than guessed at.
struct PDFCrossReference {
    struct Entry {
        var offset: Int
        var generation: Int
        var inUse: Bool
    }

    private(set) var entries: [Int: Entry] = [:]
    private(set) var subsections: [(first: Int, count: Int)] = []
    /// Where "xref" starts: the end of the last object.
    let xrefOffset: Int
    /// From "trailer" up to (not including) "startxref".
    let trailerStart: Int
    let startxrefAt: Int
    let trailer: String

    init(_ reader: PDFBytes) throws {
        guard let startxrefAt = reader.lastIndex(of: "startxref") else { throw Self.fail("no startxref") }
        var cursor = startxrefAt + 9
        guard let xrefOffset = reader.integer(at: &cursor), xrefOffset < startxrefAt else {
            throw Self.fail("bad startxref value")
        }
        cursor = xrefOffset
        guard reader.consume("xref", at: &cursor) else { throw Self.fail("startxref does not point at an xref table") }
        while true {
            reader.skipWhitespace(&cursor)
            if reader.matches("trailer", at: cursor) { break }
            guard let first = reader.integer(at: &cursor), let count = reader.integer(at: &cursor),
                  first >= 0, count >= 0, count < reader.count else {
                throw Self.fail("malformed xref subsection header")
            }
            subsections.append((first, count))
            for number in first..<(first + count) {
                guard let offset = reader.integer(at: &cursor), let generation = reader.integer(at: &cursor),
                      let kind = reader.word(at: &cursor), kind == "n" || kind == "f" else {
                    throw Self.fail("malformed xref entry for object \(number)")
                }
                entries[number] = Entry(offset: offset, generation: generation, inUse: kind == "n")
            }
        }
        self.xrefOffset = xrefOffset
        self.startxrefAt = startxrefAt
        trailerStart = cursor
        trailer = reader.text(from: cursor, to: startxrefAt)
        guard !trailer.contains("/Prev"), !trailer.contains("/XRefStm") else {
            throw Self.fail("incrementally updated PDF")
        }
    }

    /// In-use objects by number, in the order they sit in the file.
    var objectsInFileOrder: [(number: Int, entry: Entry)] {
        entries.filter { $0.value.inUse }.map { (number: $0.key, entry: $0.value) }.sorted { $0.entry.offset < $1.entry.offset }
    }

    /// Appends a new xref table (same subsections, offsets from `newOffset` for objects in
    /// use), the original trailer and startxref to `output`, which must hold the body.
    func append(to output: inout [UInt8], original pdf: [UInt8], newOffset: (Int, Entry) throws -> Int) throws {
        let newXrefOffset = output.count
        var table = "xref\n"
        for (first, count) in subsections {
            table += "\(first) \(count)\n"
            for number in first..<(first + count) {
                guard let entry = entries[number] else { throw Self.fail("xref has no entry for object \(number)") }
                let offset = entry.inUse ? try newOffset(number, entry) : entry.offset
                table += Self.pad(offset, 10) + " " + Self.pad(entry.generation, 5) + (entry.inUse ? " n \n" : " f \n")
            }
        }
        output.append(contentsOf: Array(table.utf8))
        output.append(contentsOf: pdf[trailerStart..<startxrefAt])
        output.append(contentsOf: Array("startxref\n\(newXrefOffset)\n%%EOF\n".utf8))
    }

    static func fail(_ detail: String) -> RenderError { .pdfPostProcess(detail: detail) }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

/// Byte-level scanning over a PDF file; PDF syntax is ASCII, content in between is binary.
struct PDFBytes {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var count: Int { bytes.count }

    func matches(_ token: String, at index: Int) -> Bool {
        let t = Array(token.utf8)
        guard index >= 0, index + t.count <= bytes.count else { return false }
        return bytes[index..<(index + t.count)].elementsEqual(t)
    }

    func lastIndex(of token: String) -> Int? {
        let t = Array(token.utf8)
        var i = bytes.count - t.count
        while i >= 0 {
            if matches(token, at: i) { return i }
            i -= 1
        }
        return nil
    }

    /// First occurrence of `token` lying wholly in from..<to. memchr finds candidates and
    /// memcmp checks them: the page writer scans every page's content (a megabyte on a large
    /// galley, full of the token's first byte) on the thread that draws.
    func firstIndex(of token: String, from: Int, to: Int) -> Int? {
        let t = Array(token.utf8)
        let start = max(0, from), end = min(to, bytes.count)
        guard let first = t.first, end - start >= t.count else { return nil }
        return bytes.withUnsafeBytes { (hay: UnsafeRawBufferPointer) -> Int? in
            t.withUnsafeBytes { (needle: UnsafeRawBufferPointer) -> Int? in
                let base = hay.baseAddress!
                var i = start
                let last = end - t.count          // a match must start at or before this
                while i <= last {
                    guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
                    let k = UnsafeRawPointer(hit) - base
                    if memcmp(hit, needle.baseAddress!, t.count) == 0 { return k }
                    i = k + 1
                }
                return nil
            }
        }
    }

    func consume(_ token: String, at cursor: inout Int) -> Bool {
        skipWhitespace(&cursor)
        guard matches(token, at: cursor) else { return false }
        cursor += token.utf8.count
        return true
    }

    func skipWhitespace(_ cursor: inout Int) {
        while cursor < bytes.count, [0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00].contains(bytes[cursor]) { cursor += 1 }
    }

    /// A whitespace-delimited token of letters or digits.
    func word(at cursor: inout Int) -> String? {
        skipWhitespace(&cursor)
        let start = cursor
        while cursor < bytes.count, (0x30...0x39).contains(bytes[cursor]) || (0x61...0x7A).contains(bytes[cursor]) {
            cursor += 1
        }
        return cursor > start ? String(decoding: bytes[start..<cursor], as: UTF8.self) : nil
    }

    func integer(at cursor: inout Int) -> Int? {
        var c = cursor
        guard let w = word(at: &c), let n = Int(w) else { return nil }
        cursor = c
        return n
    }

    func text(from: Int, to: Int) -> String {
        String(decoding: bytes[from..<max(from, to)], as: UTF8.self)
    }
}
