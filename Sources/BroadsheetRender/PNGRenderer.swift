import BroadsheetDisplay
import CCairo
import Foundation

/// Draws display pages to raster: PNG files for proofs, or RGBA pixels in memory for
/// image comparison. Same caching and threading rules as PDFRenderer.
public struct PNGRenderer {
    private let fonts: FontCache
    private let images: ImageCache

    public init() {
        fonts = FontCache()
        images = ImageCache()
    }

    /// Writes `DIR/page-1.png`, `DIR/page-2.png`, … at `dpi` and returns their paths. All
    /// pages are rendered and encoded before the first file is written, so a bad page
    /// leaves the directory untouched; each file is then written atomically.
    @discardableResult
    public func write(_ document: DisplayDocument, toDirectory directory: String, dpi: Double) throws -> [String] {
        let encoded = try document.pages.enumerated().map { index, page in
            try surface(for: page, pageNumber: index + 1, dpi: dpi).writePNG("page \(index + 1)")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw RenderError.write(path: directory, detail: "cannot create directory: \(error.localizedDescription)")
        }
        var paths: [String] = []
        for (index, bytes) in encoded.enumerated() {
            let path = URL(fileURLWithPath: directory).appendingPathComponent("page-\(index + 1).png").path
            try AtomicFile.write(bytes, to: path)
            paths.append(path)
        }
        return paths
    }

    /// PNG bytes for one page.
    public func pngData(for page: DisplayPage, dpi: Double) throws -> [UInt8] {
        try surface(for: page, pageNumber: 1, dpi: dpi).writePNG("page")
    }

    /// One page as straight RGBA pixels on white.
    public func renderPage(_ page: DisplayPage, dpi: Double) throws -> RasterImage {
        RasterImage(surface: try surface(for: page, pageNumber: 1, dpi: dpi))
    }

    private func surface(for page: DisplayPage, pageNumber: Int, dpi: Double) throws -> CairoSurface {
        let scale = dpi / 72
        // Round up so the last partial pixel of the page is kept; the epsilon stops
        // 595.2756 pt at 72 dpi from growing a column from floating-point noise.
        let w = (page.width * scale - 1e-6).rounded(.up), h = (page.height * scale - 1e-6).rounded(.up)
        // Checked as Double first: Int(_:) traps on NaN, infinity and values past Int's range.
        guard dpi > 0, dpi.isFinite, page.width > 0, page.height > 0,
              (1...32767).contains(w), (1...32767).contains(h) else {
            throw RenderError.invalidPageSize(page: pageNumber, width: page.width, height: page.height)
        }
        let width = Int(w), height = Int(h)
        let surface = try CairoSurface.image(width: width, height: height)
        let context = try CairoContext(surface: surface)
        context.setColor(.white)
        context.paint()
        context.scale(scale, scale)
        var drawer = PageDrawer(context: context, fonts: fonts, images: images, target: .raster,
                                pageNumber: pageNumber, minimumImagePPI: nil)
        try drawer.draw(page.items)
        try context.check("rendering page \(pageNumber)")
        return surface
    }
}
