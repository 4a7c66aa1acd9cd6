import BroadsheetDisplay
import Foundation
import Testing
@testable import BroadsheetRender

/// The PDF writer deflates page content itself (Cairo is told to leave it raw): every
/// stream must still carry a filter, the xref must point at every object, and the text
/// must read back the same.
struct StreamCompressionTests {
    /// Streams without /Filter in `pdf`, and objects whose xref offset misses "n g obj".
    private func audit(_ pdf: [UInt8]) throws -> (plainStreams: Int, badOffsets: Int, streams: Int) {
        let reader = PDFBytes(pdf)
        let xref = try PDFCrossReference(reader)
        var plain = 0, bad = 0, streams = 0
        let objects = xref.objectsInFileOrder
        for (k, object) in objects.enumerated() {
            var cursor = object.entry.offset
            if reader.integer(at: &cursor) != object.number || reader.integer(at: &cursor) != object.entry.generation
                || reader.word(at: &cursor) != "obj" { bad += 1; continue }
            let end = k + 1 < objects.count ? objects[k + 1].entry.offset : xref.xrefOffset
            guard let keyword = reader.firstIndex(of: "\nstream", from: cursor, to: end) else { continue }
            streams += 1
            if !reader.text(from: cursor, to: keyword).contains("/Filter") { plain += 1 }
        }
        return (plain, bad, streams)
    }

    /// Three pages in the form Cairo 1.16 writes raw content: every stream comes out
    /// deflated, the xref points at every object, and poppler reads the text back.
    @Test func cairoFormRawContentIsCompressedWithAValidXref() throws {
        let raw = RawPDF.cairoStyle(pages: 3)
        let out = try PDFStreamCompressor.compress(raw.bytes)
        let result = try audit(out)
        #expect(result.streams == 3)
        #expect(result.plainStreams == 0)
        #expect(result.badOffsets == 0)
        #expect(out.count < raw.bytes.count / 2)
        guard hasPopplerUtils else { return }
        let path = try makeTempDirectory() + "/cairo-style.pdf"
        try Data(out).write(to: URL(fileURLWithPath: path))
        let text = try runTool("pdftotext", [path, "-"]).stdout
        #expect(text.contains("page 1 line 1") && text.contains("page 3 line 9"))
    }

    /// A hand-written file with a direct /Length, as other writers make: the length is
    /// rewritten in place and poppler reads the text back.
    @Test func directLengthStreamIsCompressedAndStillReads() throws {
        let content = Array(String(repeating: "BT /F1 12 Tf 20 100 Td (Broadsheet stream test) Tj ET\n", count: 40).utf8)
        let body = handWrittenPDF([
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            // /Length1 first: a key that starts like /Length must not be read as it.
            "<< /Length1 7 /Length \(content.count) >>\nstream\n" + String(decoding: content, as: UTF8.self) + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ])

        let out = try PDFStreamCompressor.compress(Array(body.utf8))
        #expect(out.count < body.utf8.count - content.count / 2)
        let result = try audit(out)
        #expect(result.plainStreams == 0)
        #expect(result.badOffsets == 0)
        guard hasPopplerUtils else { return }
        let dir = try makeTempDirectory()
        let path = dir + "/direct.pdf"
        try Data(out).write(to: URL(fileURLWithPath: path))
        let text = try runTool("pdftotext", [path, "-"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Broadsheet stream test"))
    }

    /// A classic PDF of `objects` numbered from 1 (object 1 the catalog), with its xref.
    private func handWrittenPDF(_ objects: [String], info: Int? = nil) -> String {
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (k, object) in objects.enumerated() {
            offsets.append(body.utf8.count)
            body += "\(k + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xrefAt = body.utf8.count
        body += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { body += PDFCrossReference.pad(o, 10) + " 00000 n \n" }
        let infoEntry = info.map { " /Info \($0) 0 R" } ?? ""
        body += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R\(infoEntry) >>\nstartxref\n\(xrefAt)\n%%EOF\n"
        return body
    }

    /// "stream", ">>stream" and a fake /Length inside strings of an ordinary object (a title
    /// is user text) are not a stream: the file comes back untouched.
    @Test func wordStreamInAStringIsLeftAlone() throws {
        let body = handWrittenPDF([
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [] /Count 0 >>",
            "<< /Title (Daily /Length 0 >>stream endstream) /Subject (news>>stream\\) \\(x) /Author (mainstream) >>",
        ], info: 3)
        #expect(try PDFStreamCompressor.compress(Array(body.utf8)) == Array(body.utf8))
    }
}

/// A page writer draws from fonts cut down to the manifest it was given up front.
struct PageWriterTests {
    @Test func glyphMissingFromTheManifestIsAnErrorNotABlank() throws {
        guard case .glyphs(let listed) = try run("日长", x: 10, y: 40),
              case .glyphs(let unlisted) = try run("石", x: 10, y: 80) else { Issue.record("not glyph runs"); return }
        var manifest = GlyphManifest()
        manifest.add(listed.glyphs.map(\.id), font: listed.font, size: listed.size)
        let writer = try PDFPageWriter(title: "t", date: "2025-01-10", glyphs: manifest)
        try writer.add(DisplayPage(width: 200, height: 120, items: [.glyphs(listed)]))
        #expect(throws: RenderError.self) {
            try writer.add(DisplayPage(width: 200, height: 120, items: [.glyphs(unlisted)]))
        }
    }

    /// Fonts are prepared on a background thread; a face that cannot be opened must still
    /// come back as an error from `add`, naming the file.
    @Test(.timeLimit(.minutes(1))) func fontThatCannotBeOpenedIsReportedByAdd() throws {
        var manifest = GlyphManifest()
        manifest.add([1, 2], font: FontRef(path: "/nonexistent/face.otf", faceIndex: 0), size: 12)
        let writer = try PDFPageWriter(title: "t", date: "2025-01-10", glyphs: manifest)
        do {
            try writer.add(DisplayPage(width: 100, height: 100, items: []))
            Issue.record("add succeeded with a missing font")
        } catch {
            #expect("\(error)".contains("/nonexistent/face.otf"))
        }
    }

    /// A writer dropped before its first page (a galley whose guess fell short) stops its
    /// font preparation and returns: nothing may wait forever for glyphs nobody will draw.
    @Test(.timeLimit(.minutes(1))) func writerDroppedBeforeItsFirstPageReturns() throws {
        let pages = [DisplayPage(width: 200, height: 120, items: [try run("日长色入石大，“AI”", x: 10, y: 40)])]
        let manifest = GlyphManifest(DisplayDocument(title: "t", date: "2025-01-10", pages: pages))
        for _ in 0..<3 {
            var writer: PDFPageWriter? = try PDFPageWriter(title: "t", date: "2025-01-10", glyphs: manifest)
            #expect(writer != nil)
            writer = nil
        }
        // And one abandoned, then used anyway, still writes its page.
        let writer = try PDFPageWriter(title: "t", date: "2025-01-10", glyphs: manifest)
        writer.abandon()
        try writer.add(pages[0])
        #expect(try writer.finish().pdf.count > 1000)
    }

    @Test func pagesWrittenOneByOneReadBack() throws {
        let pages = try (1...3).map { p in DisplayPage(width: 200, height: 120, items: [try run("第\(p)页", x: 10, y: 40)]) }
        let writer = try PDFPageWriter(title: "t", date: "2025-01-10",
                                       glyphs: GlyphManifest(DisplayDocument(title: "t", date: "2025-01-10", pages: pages)))
        for page in pages { try writer.add(page) }
        let dir = try makeTempDirectory()
        let path = dir + "/pages.pdf"
        try writer.finish(writingTo: path)
        guard hasPopplerUtils else { return }
        let text = try runTool("pdftotext", [path, "-"]).stdout
        #expect(text.contains("第1页") && text.contains("第2页") && text.contains("第3页"))
        let info = try runTool("pdfinfo", [path]).stdout
        #expect(info.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 3") })
    }
}

/// Page content deflated in the background while later pages are drawn must be exactly
/// what deflating at the end gives.
struct PageContentDeflaterTests {
    @Test func backgroundDeflateFindsEveryPageAndChangesNoByte() throws {
        let raw = RawPDF.cairoStyle(pages: 3)
        let deflater = PageContentDeflater()
        // Fed as a writer sees the file grow: after each page's objects.
        for cut in raw.pageEnds { deflater.scan(Array(raw.bytes[..<cut])) }
        let found = deflater.finish()
        // Exactly the content streams' data ranges: what the final pass looks up.
        #expect(Set(found.keys) == Set(raw.contentRanges))
        #expect(try PDFStreamCompressor.compress(raw.bytes, precompressed: found) == PDFStreamCompressor.compress(raw.bytes))
    }
}

/// A PDF laid out as Cairo 1.16 writes it with raw content: per page a content stream
/// `N 0 obj << /Length M 0 R >> stream … endstream endobj` and its length object, then the
/// page; catalog, page tree and font last.
struct RawPDF {
    var bytes: [UInt8]
    /// Where each page's objects end (as the file stands after that page is shown).
    var pageEnds: [Int]
    /// The data range of each content stream.
    var contentRanges: [Range<Int>]

    static func cairoStyle(pages: Int) -> RawPDF {
        var body = "%PDF-1.5\n%\u{b5}\u{ed}\u{ae}\u{fb}\n"
        var offsets: [Int: Int] = [:]
        var pageEnds: [Int] = [], ranges: [Range<Int>] = []
        let fontObject = 3 * pages + 3
        var kids: [String] = []
        for p in 0..<pages {
            let content = 3 * p + 3, length = content + 1, page = content + 2
            var text = "BT\n/F1 3 Tf\n"
            for l in 0..<40 { text += "1 0 0 1 20 \(190 - l * 4) Tm (page \(p + 1) line \(l + 1)) Tj\n" }
            text += "ET\n"
            offsets[content] = body.utf8.count
            body += "\(content) 0 obj\n<< /Length \(length) 0 R\n>>\nstream\n"
            let dataStart = body.utf8.count
            body += text
            ranges.append(dataStart..<body.utf8.count)
            body += "\nendstream\nendobj\n"
            offsets[length] = body.utf8.count
            body += "\(length) 0 obj\n   \(text.utf8.count)\nendobj\n"
            offsets[page] = body.utf8.count
            body += "\(page) 0 obj\n<< /Type /Page /Parent 1 0 R /MediaBox [ 0 0 300 200 ] /Contents \(content) 0 R /Resources << /Font << /F1 \(fontObject) 0 R >> >> >>\nendobj\n"
            kids.append("\(page) 0 R")
            pageEnds.append(body.utf8.count)
        }
        offsets[1] = body.utf8.count
        body += "1 0 obj\n<< /Type /Pages /Kids [ \(kids.joined(separator: " ")) ] /Count \(pages) >>\nendobj\n"
        offsets[2] = body.utf8.count
        body += "2 0 obj\n<< /Type /Catalog /Pages 1 0 R >>\nendobj\n"
        offsets[fontObject] = body.utf8.count
        body += "\(fontObject) 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n"
        let count = fontObject + 1
        let xrefAt = body.utf8.count
        body += "xref\n0 \(count)\n0000000000 65535 f \n"
        for n in 1..<count { body += PDFCrossReference.pad(offsets[n] ?? 0, 10) + " 00000 n \n" }
        body += "trailer\n<< /Size \(count) /Root 2 0 R >>\nstartxref\n\(xrefAt)\n%%EOF\n"
        return RawPDF(bytes: Array(body.utf8), pageEnds: pageEnds, contentRanges: ranges)
    }
}

/// The byte search the page writer uses to find finished content streams.
@Suite struct PDFBytesSearchTests {
    let bytes = PDFBytes(Array("ab>>\nstream\nxy>>\nstream\n>".utf8))

    @Test func findsEachOccurrenceFromTheCursor() {
        #expect(bytes.firstIndex(of: ">>\nstream\n", from: 0, to: bytes.count) == 2)
        #expect(bytes.firstIndex(of: ">>\nstream\n", from: 3, to: bytes.count) == 14)
        #expect(bytes.firstIndex(of: ">>\nstream\n", from: 15, to: bytes.count) == nil)
    }

    @Test func aMatchMustEndByTheLimit() {
        // The second token spans bytes 14..<24.
        #expect(bytes.firstIndex(of: ">>\nstream\n", from: 3, to: 24) == 14)
        #expect(bytes.firstIndex(of: ">>\nstream\n", from: 3, to: 23) == nil)
        #expect(bytes.firstIndex(of: ">", from: 24, to: 25) == 24)
    }

    @Test func outOfRangeBoundsAreClampedNotTrusted() {
        #expect(bytes.firstIndex(of: "ab", from: -5, to: 1_000) == 0)
        #expect(bytes.firstIndex(of: ">", from: 30, to: 40) == nil)
        #expect(bytes.firstIndex(of: "", from: 0, to: bytes.count) == nil)
        #expect(bytes.firstIndex(of: "abc", from: 5, to: 2) == nil)
    }
}
