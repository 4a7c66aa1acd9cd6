import BroadsheetDisplay
import CCairo
import Foundation
import Testing
@testable import BroadsheetRender

/// Contexts on a PDF surface ask Cairo for hinted glyph metrics, because Cairo 1.16 then
/// loads each glyph once instead of twice (see CairoContext). That is only sound while the
/// PDF does not depend on those metrics: this draws text whose advances are not whole
/// points (Latin and digits at odd sizes, half-width punctuation, fractional positions) with
/// metrics hinted and unhinted, and the bytes must be the same.
struct MetricsHintingTests {
    @Test func pdfBytesDoNotDependOnMetricsHinting() throws {
        let items: [DisplayItem] = [
            try run("日长色入石大，“AI大模型”——132.2%……", size: 9, x: 10.37, y: 20.11),
            try run("Broadsheet 2025-01-10 fi ffl WAVE", size: 10.5, x: 12.5, y: 40.73),
            try run("平湖市 0123456789 Typst XeLaTeX", size: 7.3, x: 9.91, y: 60.2),
            try run("霞鹜文楷 Quick brown fox", font: wenKai, size: 13.7, x: 11.03, y: 85.4),
            try run("头版 A1", size: 42.2, x: 10.1, y: 140.6),
        ]
        let page = DisplayPage(width: 320, height: 160, items: items)
        let hinted = try pdf(of: page, hintMetrics: true)
        let unhinted = try pdf(of: page, hintMetrics: false)
        #expect(hinted.count > 1000)
        #expect(hinted == unhinted)
    }

    /// Text whose ink nearly touches a clip (the print layout clips to the bleed): hinted
    /// extents, rounded outward, may make Cairo keep a clip it would have left out, but what
    /// the page shows must not change. Compared as rasters, 4 px per point. (With Cairo 1.16
    /// the two files do differ here, by the clip: checked when the test was written.)
    @Test func textAgainstAClipEdgeDrawsTheSame() throws {
        let text = "日长色入石大，“AI大模型”132.2%"
        let size = 9.0, origin = Point(x: 10.3, y: 20.7)
        let line = try run(text, size: size, x: origin.x, y: origin.y)
        guard case .glyphs(let glyphRun) = line else { Issue.record("not a glyph run"); return }
        let last = try #require(glyphRun.glyphs.last)
        // The line's em box, 0.2 pt out: the ink is inside it, rounded-out extents are not.
        let clip = Rect(x: origin.x - 0.2, y: origin.y - 0.88 * size - 0.2,
                        width: last.x + size - origin.x + 0.4, height: size + 0.4)
        let page = DisplayPage(width: 220, height: 40, items: [line])
        let dir = try makeTempDirectory()
        var rasters: [RasterImage] = []
        for hinted in [true, false] {
            let path = dir + "/\(hinted).pdf"
            try Data(try pdf(of: page, hintMetrics: hinted, clip: clip)).write(to: URL(fileURLWithPath: path))
            rasters.append(try rasterPage(ofPDF: path, width: 880, height: 160, scale: 4))
        }
        #expect(rasters[0].rgba.contains { $0 < 128 }, "the page must show ink")
        #expect(rasters[0].rgba == rasters[1].rgba)
    }

    /// A raster is where metrics hinting would show, so image contexts keep it off.
    @Test func contextsHintMetricsOnlyOnPDFSurfaces() throws {
        let pdfSurface = try CairoSurface.pdf(into: ByteSink(), width: 10, height: 10)
        let image = try CairoSurface.image(width: 10, height: 10)
        #expect(try CairoContext(surface: pdfSurface).hintsMetrics)
        #expect(try !CairoContext(surface: image).hintsMetrics)
        #expect(try !CairoContext(surface: pdfSurface, hintMetrics: false).hintsMetrics)
    }
}

/// One page drawn straight onto a PDF surface, with the metrics hinting forced either way
/// and, optionally, a clip around everything.
private func pdf(of page: DisplayPage, hintMetrics: Bool, clip: Rect? = nil) throws -> [UInt8] {
    let sink = ByteSink()
    do {
        let surface = try CairoSurface.pdf(into: sink, width: page.width, height: page.height)
        // Cairo would otherwise stamp both dates from the clock.
        surface.pdfSetMetadata(CAIRO_PDF_METADATA_CREATE_DATE, "2025-01-10T00:00:00Z")
        surface.pdfSetMetadata(CAIRO_PDF_METADATA_MOD_DATE, "2025-01-10T00:00:00Z")
        let context = try CairoContext(surface: surface, hintMetrics: hintMetrics)
        if let clip {
            context.rectangle(clip)
            context.clip()
        }
        var drawer = PageDrawer(context: context, fonts: FontCache(), images: ImageCache(), target: .pdf,
                                pageNumber: 1, minimumImagePPI: nil)
        try drawer.draw(page.items)
        context.showPage()
        try context.check("showing the page")
        try surface.finish("metrics hinting test")
    }
    return sink.bytes
}
