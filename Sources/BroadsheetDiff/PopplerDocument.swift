import CCairo
import BroadsheetPoppler
import Foundation

/// Owns one poppler-glib document. Any PDF is accepted, not only ours, so a publisher can
/// diff against pages from another typesetter. Pointers stay inside; pages come out as
/// `RasterImage` values.
final class PopplerDocument {
    private let file: PopplerFile
    let path: String

    init(path: String) throws {
        self.path = path
        do {
            file = try PopplerFile(path: path)
        } catch {
            throw DiffError.unreadable(path: path, reason: error.description)
        }
    }

    var pageCount: Int { file.pageCount }

    /// Renders one page (0-based) on white: PDFs have a transparent page background, and a
    /// transparent raster would compare differently from the printed sheet.
    func render(page index: Int, dpi: Double) throws -> RasterImage {
        guard let page = file.page(at: index) else {
            throw DiffError.unreadable(path: path, reason: "cannot open page \(index + 1)")
        }
        let (widthPt, heightPt) = page.size
        let scale = dpi / pointsPerInch
        // Cairo images stop at 32767 px a side; check before converting (Int(_:) traps on
        // NaN or huge values).
        guard scale > 0, scale.isFinite, widthPt * scale <= 32767, heightPt * scale <= 32767 else {
            throw DiffError.invalidArgument("page \(index + 1) of \(path) at \(dpi) dpi would exceed 32767 pixels a side")
        }
        let width = Self.pixels(widthPt * scale), height = Self.pixels(heightPt * scale)
        let surface = try CairoImageSurface(width: width, height: height)
        guard let cr = cairo_create(surface.surface) else {
            throw DiffError.unreadable(path: path, reason: "cannot create a cairo context")
        }
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        page.render(cairo: cr)
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw DiffError.unreadable(path: path, reason: "page \(index + 1): \(CairoImageSurface.message(status))")
        }
        return surface.raster()
    }

    /// Page sizes in points are rarely whole pixels; rounding up (as pdftoppm does) keeps the
    /// last partial column. The small slack stops 1190.55 pt × 150/72 = 2480.3125 from turning
    /// into an extra column through floating-point noise on exact sizes.
    private static func pixels(_ length: Double) -> Int {
        max(1, Int((length - roundingSlack).rounded(.up)))
    }
}

/// PDF user space unit: 1/72 inch.
private let pointsPerInch = 72.0
/// Tolerance below which a fractional pixel is treated as float noise, not page content.
private let roundingSlack = 1e-6
