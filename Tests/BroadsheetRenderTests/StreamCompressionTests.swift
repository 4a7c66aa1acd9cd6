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

    @Test func renderedPagesHaveEveryStreamCompressedAndAValidXref() throws {
        let pages = try (0..<3).map { p in
            DisplayPage(width: 300, height: 200, items: try (0..<6).map { l in
                try run("第\(p + 1)页第\(l + 1)行：日长色入石大，AI大模型。", size: 12, x: 10, y: 20 + Double(l) * 25)
            })
        }
        let (pdf, _) = try PDFRenderer().render(DisplayDocument(title: "t", date: "2025-01-10", pages: pages))
        #expect(PDFStreamCompressor.ownsContentCompression, "CAIRO_DEBUG_PDF was set outside the test")
        let result = try audit(pdf)
        // Three content streams plus the font and its ToUnicode map at least.
        #expect(result.streams >= 5)
        #expect(result.plainStreams == 0)
        #expect(result.badOffsets == 0)
    }

    /// A hand-written file with a direct /Length, as other writers make: the length is
    /// rewritten in place and poppler reads the text back.
    @Test func directLengthStreamIsCompressedAndStillReads() throws {
        let content = Array(String(repeating: "BT /F1 12 Tf 20 100 Td (Broadsheet stream test) Tj ET\n", count: 40).utf8)
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        func add(_ object: String) { offsets.append(body.utf8.count); body += object }
        add("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
        add("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
        add("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n")
        add("4 0 obj\n<< /Length \(content.count) >>\nstream\n" + String(decoding: content, as: UTF8.self) + "\nendstream\nendobj\n")
        add("5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n")
        let xrefAt = body.utf8.count
        body += "xref\n0 6\n0000000000 65535 f \n"
        for o in offsets { body += PDFCrossReference.pad(o, 10) + " 00000 n \n" }
        body += "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n\(xrefAt)\n%%EOF\n"

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

    /// "stream" inside a string of an ordinary object is not a stream.
    @Test func wordStreamInAStringIsLeftAlone() throws {
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        func add(_ object: String) { offsets.append(body.utf8.count); body += object }
        add("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
        add("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n")
        add("3 0 obj\n<< /Title (mainstream news) >>\nendobj\n")
        let xrefAt = body.utf8.count
        body += "xref\n0 4\n0000000000 65535 f \n"
        for o in offsets { body += PDFCrossReference.pad(o, 10) + " 00000 n \n" }
        body += "trailer\n<< /Size 4 /Root 1 0 R /Info 3 0 R >>\nstartxref\n\(xrefAt)\n%%EOF\n"
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
    @Test func fontThatCannotBeOpenedIsReportedByAdd() throws {
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
        #expect(PDFStreamCompressor.ownsContentCompression)
        let sink = ByteSink()
        let deflater = PageContentDeflater()
        do {
            let surface = try CairoSurface.pdf(into: sink, width: 200, height: 120)
            let context = try CairoContext(surface: surface)
            for p in 1...3 {
                context.setColor(RGBColor(r: 0, g: 0, b: 0))
                context.rectangle(Rect(x: 10, y: 10, width: Double(20 * p), height: 30))
                context.fill()
                context.showPage()
                deflater.scan(sink.bytes)
            }
            try surface.finish("test")
        }
        let found = deflater.finish()
        #expect(found.count == 3, "one content stream per page")
        let raw = sink.bytes
        #expect(try PDFStreamCompressor.compress(raw, precompressed: found) == PDFStreamCompressor.compress(raw))
    }
}
