import Foundation

/// Adds /TrimBox and /BleedBox to the page dictionaries of a PDF that Cairo wrote.
///
/// Cairo 1.16 has no API for page boxes, so the finished file is edited: each page
/// dictionary gets the two entries right after its /MediaBox, every object behind an
/// insertion moves, and the cross-reference table and startxref are rebuilt with the new
/// offsets. This relies only on what Cairo 1.16 always writes — one classic xref table,
/// no object streams, no incremental updates — and refuses anything else instead of
/// guessing. The edit is a pure function of the input, so output stays deterministic.
enum PDFPageBoxes {
    struct Boxes: Equatable {
        var trim: [Double]
        var bleed: [Double]
    }

    private struct XrefEntry {
        var offset: Int
        var generation: Int
        var inUse: Bool
    }

    static func insert(_ boxes: [Boxes], into pdf: [UInt8]) throws -> [UInt8] {
        let reader = PDFBytes(pdf)
        // The xref table, its subsections, and the trailer that follows it.
        guard let startxrefAt = reader.lastIndex(of: "startxref") else { throw fail("no startxref") }
        var cursor = startxrefAt + 9
        guard let xrefOffset = reader.integer(at: &cursor), xrefOffset < startxrefAt else {
            throw fail("bad startxref value")
        }
        cursor = xrefOffset
        guard reader.consume("xref", at: &cursor) else { throw fail("startxref does not point at an xref table") }
        var entries: [Int: XrefEntry] = [:]
        var subsections: [(first: Int, count: Int)] = []
        while true {
            reader.skipWhitespace(&cursor)
            if reader.matches("trailer", at: cursor) { break }
            guard let first = reader.integer(at: &cursor), let count = reader.integer(at: &cursor) else {
                throw fail("malformed xref subsection header")
            }
            subsections.append((first, count))
            for number in first..<(first + count) {
                guard let offset = reader.integer(at: &cursor), let generation = reader.integer(at: &cursor),
                      let kind = reader.word(at: &cursor), kind == "n" || kind == "f" else {
                    throw fail("malformed xref entry for object \(number)")
                }
                entries[number] = XrefEntry(offset: offset, generation: generation, inUse: kind == "n")
            }
        }
        let trailerStart = cursor
        let trailer = reader.text(from: trailerStart, to: startxrefAt)
        guard !trailer.contains("/Prev"), !trailer.contains("/XRefStm") else {
            throw fail("incrementally updated PDF")
        }

        // Catalog → page tree → pages, in page order.
        guard let root = firstReference(after: "/Root", in: trailer) else { throw fail("trailer has no /Root") }
        let catalog = try objectText(root, entries, reader)
        guard let pagesRef = firstReference(after: "/Pages", in: catalog) else { throw fail("catalog has no /Pages") }
        let pageTree = try objectText(pagesRef, entries, reader)
        guard let kidsRange = pageTree.range(of: "/Kids"),
              let open = pageTree[kidsRange.upperBound...].firstIndex(of: "["),
              let close = pageTree[open...].firstIndex(of: "]") else {
            throw fail("page tree has no /Kids array")
        }
        let kids = references(in: String(pageTree[pageTree.index(after: open)..<close]))
        guard kids.count == boxes.count else {
            throw fail("PDF has \(kids.count) pages in a flat /Kids array, expected \(boxes.count)")
        }

        // Where each page's boxes go: right after the /MediaBox array.
        var insertions: [(position: Int, bytes: [UInt8])] = []
        for (page, box) in zip(kids, boxes) {
            guard let entry = entries[page], entry.inUse else { throw fail("page object \(page) not in xref") }
            let end = try objectEnd(page, entries, reader)
            guard let media = reader.firstIndex(of: "/MediaBox", from: entry.offset, to: end),
                  let bracket = reader.firstIndex(of: "]", from: media, to: end) else {
                throw fail("page object \(page) has no /MediaBox")
            }
            if reader.firstIndex(of: "/TrimBox", from: entry.offset, to: end) != nil {
                throw fail("page object \(page) already has a /TrimBox")
            }
            let text = "\n   /TrimBox [ \(format(box.trim)) ]\n   /BleedBox [ \(format(box.bleed)) ]"
            insertions.append((bracket + 1, Array(text.utf8)))
        }
        insertions.sort { $0.position < $1.position }

        // Copy the body with insertions; an object's new offset is its old one plus what was
        // inserted before it (insertions sit inside objects, never at their first byte).
        var output: [UInt8] = []
        output.reserveCapacity(pdf.count + insertions.reduce(0) { $0 + $1.bytes.count } + 64)
        var copied = 0
        for insertion in insertions {
            output.append(contentsOf: pdf[copied..<insertion.position])
            output.append(contentsOf: insertion.bytes)
            copied = insertion.position
        }
        output.append(contentsOf: pdf[copied..<xrefOffset])
        func shifted(_ offset: Int) -> Int {
            offset + insertions.lazy.filter { $0.position <= offset }.reduce(0) { $0 + $1.bytes.count }
        }
        let newXrefOffset = output.count
        var table = "xref\n"
        for (first, count) in subsections {
            table += "\(first) \(count)\n"
            for number in first..<(first + count) {
                guard let entry = entries[number] else {
                    throw RenderError.pdfPostProcess(detail: "xref has no entry for object \(number)")
                }
                let offset = entry.inUse ? shifted(entry.offset) : entry.offset
                table += pad(offset, 10) + " " + pad(entry.generation, 5) + (entry.inUse ? " n \n" : " f \n")
            }
        }
        output.append(contentsOf: Array(table.utf8))
        output.append(contentsOf: pdf[trailerStart..<startxrefAt])
        output.append(contentsOf: Array("startxref\n\(newXrefOffset)\n%%EOF\n".utf8))
        return output
    }

    private static func fail(_ detail: String) -> RenderError { .pdfPostProcess(detail: detail) }

    private static func objectText(_ number: Int, _ entries: [Int: XrefEntry], _ reader: PDFBytes) throws -> String {
        guard let entry = entries[number], entry.inUse else { throw fail("object \(number) not in xref") }
        return reader.text(from: entry.offset, to: try objectEnd(number, entries, reader))
    }

    /// Index of the "endobj" that closes object `number`, after checking the xref offset
    /// really points at "number gen obj".
    private static func objectEnd(_ number: Int, _ entries: [Int: XrefEntry], _ reader: PDFBytes) throws -> Int {
        guard let entry = entries[number] else { throw fail("object \(number) not in xref") }
        var cursor = entry.offset
        guard reader.integer(at: &cursor) == number, reader.integer(at: &cursor) == entry.generation,
              reader.word(at: &cursor) == "obj" else {
            throw fail("xref offset \(entry.offset) for object \(number) does not point at it")
        }
        guard let end = reader.firstIndex(of: "endobj", from: cursor, to: reader.count) else {
            throw fail("object \(number) has no endobj")
        }
        return end
    }

    private static func firstReference(after key: String, in text: String) -> Int? {
        guard let range = text.range(of: key) else { return nil }
        return references(in: String(text[range.upperBound...])).first
    }

    /// "n g R" triples, in order.
    private static func references(in text: String) -> [Int] {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
        var result: [Int] = []
        var i = 0
        while i + 2 < tokens.count {
            if let n = Int(tokens[i]), Int(tokens[i + 1]) != nil, tokens[i + 2] == "R" {
                result.append(n); i += 3
            } else if tokens[i].hasPrefix("/") || tokens[i] == ">>" {
                if !result.isEmpty { break }
                i += 1
            } else { i += 1 }
        }
        return result
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Fixed-point with at most four decimals: deterministic, locale-free, no exponents.
    static func format(_ values: [Double]) -> String {
        values.map { value -> String in
            let scaled = Int((value * 10_000).rounded())
            let sign = scaled < 0 ? "-" : ""
            let magnitude = abs(scaled)
            var fraction = pad(magnitude % 10_000, 4)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return sign + String(magnitude / 10_000) + (fraction.isEmpty ? "" : "." + fraction)
        }.joined(separator: " ")
    }
}

/// Byte-level scanning over a PDF file; PDF syntax is ASCII, content in between is binary.
private struct PDFBytes {
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

    func firstIndex(of token: String, from: Int, to: Int) -> Int? {
        let t = Array(token.utf8)
        var i = from
        while i + t.count <= to {
            if bytes[i] == t[0] && matches(token, at: i) { return i }
            i += 1
        }
        return nil
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
