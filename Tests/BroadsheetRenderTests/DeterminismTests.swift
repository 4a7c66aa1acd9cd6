import BroadsheetDisplay
import Foundation
import Testing
@testable import BroadsheetRender

/// Same input, same bytes: the output is archived and diffed, and a byte that depends on
/// the clock or on memory addresses makes every regression diff noisy.
@Suite struct DeterminismTests {
    @Test func pdfIsByteIdenticalAcrossRenders() throws {
        let dir = try makeTempDirectory()
        let doc = try sampleDocument(in: dir)
        // Two renderers, so no cache is shared between the two runs.
        try PDFRenderer().write(doc, to: dir + "/a.pdf")
        try PDFRenderer().write(doc, to: dir + "/b.pdf")
        let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.pdf"))
        let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/b.pdf"))
        #expect(a.count > 1000)
        #expect(a == b, "PDF output differs between two renders of the same document")
        // And a second write through the same renderer (warm caches).
        let renderer = PDFRenderer()
        let c = try renderer.render(doc).pdf
        let d = try renderer.render(doc).pdf
        #expect(c == d)
        #expect(Data(c) == a)
    }

    @Test func printPDFIsByteIdenticalAcrossRenders() throws {
        let dir = try makeTempDirectory()
        let doc = try sampleDocument(in: dir)
        let options = RenderOptions(print: PrintGeometry(bleed: 8.504, markLength: 14))
        let a = try PDFRenderer().render(doc, options: options).pdf
        let b = try PDFRenderer().render(doc, options: options).pdf
        #expect(a == b)
    }

    @Test func pdfDatesComeFromTheDocument() throws {
        let dir = try makeTempDirectory()
        let pdf = try PDFRenderer().render(try sampleDocument(in: dir)).pdf
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/CreationDate (20250110000000+08'00)"))
        #expect(text.contains("/ModDate (20250110000000+08'00)"))
        #expect(text.contains("/Creator (Broadsheet)"))
    }

    @Test func invalidDateIsRejected() throws {
        let doc = DisplayDocument(title: "t", date: "10/01/2025", pages: [DisplayPage(width: 10, height: 10)])
        #expect(throws: RenderError.invalidDate("10/01/2025")) { _ = try PDFRenderer().render(doc) }
    }

    @Test func pngIsByteIdenticalAcrossRenders() throws {
        let dir = try makeTempDirectory()
        let doc = try sampleDocument(in: dir)
        let first = try PNGRenderer().write(doc, toDirectory: dir + "/one", dpi: 100)
        let second = try PNGRenderer().write(doc, toDirectory: dir + "/two", dpi: 100)
        #expect(first.map { URL(fileURLWithPath: $0).lastPathComponent } == ["page-1.png", "page-2.png"])
        for (a, b) in zip(first, second) {
            let da = try Data(contentsOf: URL(fileURLWithPath: a)), db = try Data(contentsOf: URL(fileURLWithPath: b))
            #expect(da.count > 100)
            #expect(da == db, "\(a) differs from \(b)")
        }
    }
}
