import BroadsheetDisplay
import Foundation
import Testing
@testable import BroadsheetRender

@Suite struct ImageTests {
    /// `pdfimages -list` rows as [type, width, height, color, enc] per image.
    func listImages(_ path: String) throws -> [[String]] {
        let out = try runTool("pdfimages", ["-list", path])
        #expect(out.status == 0, "pdfimages failed: \(out.stderr)")
        return out.stdout.split(separator: "\n").dropFirst(2).map { row in
            let c = row.split(separator: " ").map(String.init)
            return [c[2], c[3], c[4], c[5], c[8]] // type width height color enc
        }
    }

    @Test(.enabled(if: hasPopplerUtils, popplerUtilsMissing))
    func jpegIsEmbeddedUnchangedOncePerFile() throws {
        let dir = try makeTempDirectory()
        try PDFRenderer().write(try sampleDocument(in: dir), to: dir + "/out.pdf")
        let images = try listImages(dir + "/out.pdf")
        let jpegs = images.filter { $0[4] == "jpeg" }
        // photo.jpg is placed twice (pages 1 and 2); it must be one object, but pdfimages
        // lists each use, so compare object ids instead of counting rows.
        #expect(jpegs.count >= 1)
        #expect(jpegs.allSatisfy { $0[1] == "64" && $0[2] == "48" && $0[3] == "rgb" }, "\(images)")
        let out = try runTool("pdfimages", ["-list", dir + "/out.pdf"]).stdout
        let jpegObjects = Set(out.split(separator: "\n").dropFirst(2).filter { $0.contains(" jpeg ") }
            .map { $0.split(separator: " ").map(String.init)[10] })
        #expect(jpegObjects.count == 1, "the photo must be embedded once:\n\(out)")
        // The original file's bytes are inside the PDF unchanged.
        let jpeg = try Data(contentsOf: URL(fileURLWithPath: dir + "/photo.jpg"))
        let pdf = try Data(contentsOf: URL(fileURLWithPath: dir + "/out.pdf"))
        #expect(pdf.range(of: jpeg) != nil, "original JPEG bytes not found in the PDF")
    }

    @Test(.enabled(if: hasPopplerUtils, popplerUtilsMissing))
    func grayJPEGStaysGray() throws {
        let dir = try makeTempDirectory()
        try makeJPEG(at: dir + "/gray.jpg", width: 30, height: 20, gray: true)
        let page = DisplayPage(width: 100, height: 100, items: [
            .image(ImageItem(source: .jpeg(path: dir + "/gray.jpg"), frame: Rect(x: 10, y: 10, width: 60, height: 40),
                             crop: Rect(x: 0, y: 0, width: 30, height: 20))),
        ])
        try PDFRenderer().write(DisplayDocument(title: "g", date: "2025-01-10", pages: [page]), to: dir + "/g.pdf")
        let images = try listImages(dir + "/g.pdf")
        #expect(images == [["image", "30", "20", "gray", "jpeg"]])
    }

    @Test func lowResolutionPhotoIsReportedNotPrinted() throws {
        let dir = try makeTempDirectory()
        let doc = try sampleDocument(in: dir)
        // photo.jpg: 64 px across 128 pt = 36 ppi.
        let warnings = try PDFRenderer().write(doc, to: dir + "/w.pdf", options: RenderOptions(minimumImagePPI: 150))
        #expect(warnings.contains { $0.owner == "photo" && $0.page == 1 && $0.message.contains("36 ppi") })
        let none = try PDFRenderer().write(doc, to: dir + "/w.pdf", options: RenderOptions(minimumImagePPI: 10))
        #expect(none.isEmpty)
    }

    /// The ad stays vector: its text is extractable from our output and no image is made.
    @Test(.enabled(if: hasPopplerUtils, popplerUtilsMissing))
    func pdfAdStaysVector() throws {
        let dir = try makeTempDirectory()
        try makeAdPDF(at: dir + "/ad.pdf")
        let page = DisplayPage(width: 300, height: 200, items: [
            .image(ImageItem(source: .pdf(path: dir + "/ad.pdf", page: 1), frame: Rect(x: 50, y: 50, width: 100, height: 50),
                             crop: Rect(x: 0, y: 0, width: 200, height: 100), owner: "ad")),
        ])
        try PDFRenderer().write(DisplayDocument(title: "p", date: "2025-01-10", pages: [page]), to: dir + "/p.pdf")
        let text = try runTool("pdftotext", ["-enc", "UTF-8", dir + "/p.pdf", "-"])
        let images = try listImages(dir + "/p.pdf")
        #expect(text.stdout.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{0C}")))
                == "广告招商")
        #expect(images.isEmpty, "the ad was rasterised: \(images)")
    }

    @Test func pdfPageOutOfRangeIsAnError() throws {
        let dir = try makeTempDirectory()
        try makeAdPDF(at: dir + "/ad.pdf")
        let page = DisplayPage(width: 300, height: 200, items: [
            .image(ImageItem(source: .pdf(path: dir + "/ad.pdf", page: 2), frame: Rect(x: 0, y: 0, width: 10, height: 10),
                             crop: Rect(x: 0, y: 0, width: 10, height: 10))),
        ])
        #expect(throws: RenderError.pdfPageOutOfRange(path: dir + "/ad.pdf", page: 2, pageCount: 1)) {
            _ = try PDFRenderer().render(DisplayDocument(title: "p", date: "2025-01-10", pages: [page]))
        }
    }

    @Test(arguments: ["jpeg", "png", "pdf"])
    func missingImageIsAnErrorNamingTheFile(kind: String) throws {
        let path = "/nonexistent/dir/photo-\(kind).x"
        let source: ImageSource = kind == "jpeg" ? .jpeg(path: path) : kind == "png" ? .png(path: path) : .pdf(path: path, page: 1)
        let page = DisplayPage(width: 100, height: 100, items: [
            .image(ImageItem(source: source, frame: Rect(x: 0, y: 0, width: 10, height: 10),
                             crop: Rect(x: 0, y: 0, width: 10, height: 10))),
        ])
        let doc = DisplayDocument(title: "m", date: "2025-01-10", pages: [page])
        #expect(throws: RenderError.imageMissing(path: path)) { _ = try PDFRenderer().render(doc) }
        #expect(throws: RenderError.imageMissing(path: path)) { _ = try PNGRenderer().renderPage(page, dpi: 72) }
        #expect("\(RenderError.imageMissing(path: path))".contains(path))
    }

    @Test func corruptJPEGIsAnErrorNamingTheFile() throws {
        let dir = try makeTempDirectory()
        let path = dir + "/broken.jpg"
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 1, 2, 3]).write(to: URL(fileURLWithPath: path))
        let page = DisplayPage(width: 100, height: 100, items: [
            .image(ImageItem(source: .jpeg(path: path), frame: Rect(x: 0, y: 0, width: 10, height: 10),
                             crop: Rect(x: 0, y: 0, width: 10, height: 10))),
        ])
        #expect { _ = try PNGRenderer().renderPage(page, dpi: 72) } throws: { error in
            guard case RenderError.imageDecode(let p, _) = error else { return false }
            return p == path
        }
    }

    /// Crop maps image pixels onto the frame: the right (blue) half of the photo, cropped,
    /// fills the whole frame; the red half is clipped away.
    @Test func cropSelectsThePartThatFillsTheFrame() throws {
        let dir = try makeTempDirectory()
        try makeJPEG(at: dir + "/photo.jpg", width: 64, height: 48)
        let page = DisplayPage(width: 100, height: 100, items: [
            .image(ImageItem(source: .jpeg(path: dir + "/photo.jpg"), frame: Rect(x: 20, y: 20, width: 60, height: 60),
                             crop: Rect(x: 36, y: 0, width: 24, height: 48))),
        ])
        let image = try PNGRenderer().renderPage(page, dpi: 72)
        #expect(image.width == 100 && image.height == 100)
        let inside = image.pixel(x: 25, y: 50), alsoInside = image.pixel(x: 75, y: 50)
        #expect(inside.b > 180 && inside.r < 60, "left edge of frame should be blue, got \(inside)")
        #expect(alsoInside.b > 180 && alsoInside.r < 60, "right edge of frame should be blue, got \(alsoInside)")
        let outside = image.pixel(x: 10, y: 50)
        #expect(outside == (255, 255, 255, 255), "outside the frame stays white, got \(outside)")
    }
}

/// CMYK photos (from an agency or a prepress desk) go into the PDF untouched as CMYK JPEG;
/// the PNG proof shows a naive RGB conversion. Needs ImageMagick to make the fixture.
@Suite struct CMYKImageTests {
    @Test(.enabled(if: toolPath("convert") != nil && hasPopplerUtils, "ImageMagick convert or poppler-utils not installed"))
    func cmykJPEGIsEmbeddedAsCMYKAndProofedInRGB() throws {
        let dir = try makeTempDirectory()
        let path = dir + "/cmyk.jpg"
        let made = try runTool("convert", ["-size", "40x30", "xc:#e01010", "-colorspace", "CMYK", path])
        #expect(made.status == 0, "convert failed: \(made.stderr)")
        let page = DisplayPage(width: 100, height: 100, items: [
            .image(ImageItem(source: .jpeg(path: path), frame: Rect(x: 10, y: 10, width: 80, height: 60),
                             crop: Rect(x: 0, y: 0, width: 40, height: 30))),
        ])
        try PDFRenderer().write(DisplayDocument(title: "c", date: "2025-01-10", pages: [page]), to: dir + "/c.pdf")
        let list = try runTool("pdfimages", ["-list", dir + "/c.pdf"]).stdout
        let row = try #require(list.split(separator: "\n").dropFirst(2).first).split(separator: " ").map(String.init)
        #expect([row[3], row[4], row[5], row[8]] == ["40", "30", "cmyk", "jpeg"], "\(list)")
        let proof = try PNGRenderer().renderPage(page, dpi: 72)
        let p = proof.pixel(x: 50, y: 40)
        #expect(p.r > 180 && p.g < 80 && p.b < 80, "CMYK red should proof as red, got \(p)")
    }
}
