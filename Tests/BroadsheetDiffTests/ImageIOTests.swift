import CCairo
import Foundation
import Testing
@testable import BroadsheetDiff

@Suite struct ImageIOTests {
    @Test func pngRoundTripKeepsEveryPixel() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var image = samplePage()
        image[3, 4] = RGBA8(r: 12, g: 250, b: 99)
        image[5, 4] = RGBA8(r: 0, g: 0, b: 0, a: 0)
        let file = path(dir, "page.png")
        try image.writePNG(to: file)
        let back = try RasterImage(pngPath: file)
        #expect(back == image)
        // Atomic write: nothing but the file itself is left in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["page.png"])
    }

    @Test func semiTransparentPixelsSurviveWithin8BitPrecision() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var image = RasterImage(width: 4, height: 1)
        image[0, 0] = RGBA8(r: 200, g: 100, b: 50, a: 128)
        let file = path(dir, "alpha.png")
        try image.writePNG(to: file)
        let p = try RasterImage(pngPath: file)[0, 0]
        #expect(p.a == 128)
        #expect(abs(Int(p.r) - 200) <= 1 && abs(Int(p.g) - 100) <= 1 && abs(Int(p.b) - 50) <= 1)
    }

    @Test func missingAndForeignFilesGiveErrorsNamingTheFile() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = path(dir, "b.png")
        #expect(throws: DiffError.fileNotFound(path: missing)) { try ImageLoader.pages(of: missing) }
        #expect(DiffError.fileNotFound(path: "b.png").description == "cannot read b.png: file not found")
        let text = path(dir, "notes.png")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: DiffError.unsupportedFormat(path: text)) { try ImageLoader.pages(of: text) }
    }

    /// Draws a two-page PDF with cairo, rasterises it through poppler and checks the pixels.
    @Test func pdfPagesAreRasterisedAtTheRequestedDPI() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = path(dir, "proof.pdf")
        let widthPt = 144.0, heightPt = 72.0  // 2 × 1 inch
        let surface = try #require(cairo_pdf_surface_create(file, widthPt, heightPt))
        let cr = try #require(cairo_create(surface))
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_rectangle(cr, 36, 18, 72, 36)  // centre half of the page
        cairo_fill(cr)
        cairo_show_page(cr)
        cairo_set_source_rgb(cr, 1, 0, 0)
        cairo_rectangle(cr, 0, 0, 36, 72)  // left quarter, red
        cairo_fill(cr)
        cairo_show_page(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        #expect(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS)
        cairo_surface_destroy(surface)

        let dpi = 100.0
        #expect(try ImageLoader.kind(of: file) == .pdf)
        #expect(try ImageLoader.pageCount(of: file) == 2)
        let pages = try ImageLoader.pages(of: file, dpi: dpi)
        #expect(pages.count == 2)
        let first = pages[0]
        #expect(first.width == Int(widthPt / 72 * dpi) && first.height == Int(heightPt / 72 * dpi))
        #expect(first[first.width / 2, first.height / 2] == .black)   // inside the rectangle
        #expect(first[5, 5] == .white)                                  // page background is white
        #expect(first[first.width - 5, first.height / 2] == .white)
        // Edges land where the rectangle's points say: 36 pt = 50 px at 100 dpi.
        #expect(first[51, 40] == .black && first[48, 40] == .white)
        let second = pages[1]
        #expect(second[10, 50] == .red && second[60, 50] == .white)
        // And a higher dpi scales the page.
        #expect(try ImageLoader.pages(of: file, dpi: 200)[0].width == 2 * first.width)
    }

    @Test func documentsCompareWithPDFAgainstPNG() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = path(dir, "one.pdf")
        let surface = try #require(cairo_pdf_surface_create(file, 72, 72))
        let cr = try #require(cairo_create(surface))
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_rectangle(cr, 18, 18, 36, 36)
        cairo_fill(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
        // The PNG is the PDF's own rendering with one changed block.
        var png = try ImageLoader.pages(of: file, dpi: 72)[0]
        let same = path(dir, "same.png"), changed = path(dir, "changed.png")
        try png.writePNG(to: same)
        png.fill(PixelRect(x: 60, y: 60, width: 4, height: 4), with: .black)
        try png.writePNG(to: changed)
        #expect(try DocumentDiff.compare(file, same, dpi: 72).isEqual)
        var images = 0
        let result = try DocumentDiff.compare(file, changed, dpi: 72) { index, page in
            #expect(index == 0)
            if page.diffImage != nil { images += 1 }
        }
        #expect(images == 1)
        #expect(result.pages.first?.differingPixels == 16)
        #expect(result.pages.first?.regions == [PixelRect(x: 60, y: 60, width: 4, height: 4)])
        #expect(!result.isEqual)
    }
}
