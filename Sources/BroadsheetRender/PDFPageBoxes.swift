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

    static func insert(_ boxes: [Boxes], into pdf: [UInt8]) throws -> [UInt8] {
        let reader = PDFBytes(pdf)
        let xref = try PDFCrossReference(reader)
        let entries = xref.entries
        let trailer = xref.trailer
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
        output.append(contentsOf: pdf[copied..<xref.xrefOffset])
        func shifted(_ offset: Int) -> Int {
            offset + insertions.lazy.filter { $0.position <= offset }.reduce(0) { $0 + $1.bytes.count }
        }
        try xref.append(to: &output, original: pdf) { _, entry in shifted(entry.offset) }
        return output
    }

    private static func fail(_ detail: String) -> RenderError { .pdfPostProcess(detail: detail) }

    private static func objectText(_ number: Int, _ entries: [Int: PDFCrossReference.Entry], _ reader: PDFBytes) throws -> String {
        guard let entry = entries[number], entry.inUse else { throw fail("object \(number) not in xref") }
        return reader.text(from: entry.offset, to: try objectEnd(number, entries, reader))
    }

    /// Index of the "endobj" that closes object `number`, after checking the xref offset
    /// really points at "number gen obj".
    private static func objectEnd(_ number: Int, _ entries: [Int: PDFCrossReference.Entry], _ reader: PDFBytes) throws -> Int {
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

    /// Fixed-point with at most four decimals: deterministic, locale-free, no exponents.
    static func format(_ values: [Double]) -> String {
        values.map { value -> String in
            let scaled = Int((value * 10_000).rounded())
            let sign = scaled < 0 ? "-" : ""
            let magnitude = abs(scaled)
            var fraction = PDFCrossReference.pad(magnitude % 10_000, 4)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            return sign + String(magnitude / 10_000) + (fraction.isEmpty ? "" : "." + fraction)
        }.joined(separator: " ")
    }
}
