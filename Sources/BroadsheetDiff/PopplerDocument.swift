import CCairo
import CPoppler
import Foundation

/// Owns one poppler-glib document. Any PDF is accepted, not only ours, so a publisher can
/// diff against pages from another typesetter. Pointers stay inside; pages come out as
/// `RasterImage` values.
final class PopplerDocument {
    private let document: OpaquePointer
    let path: String

    init(path: String) throws {
        self.path = path
        var error: UnsafeMutablePointer<GError>? = nil
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let uri = g_filename_to_uri(absolute, nil, &error) else {
            throw DiffError.unreadable(path: path, reason: Self.consume(error))
        }
        defer { g_free(uri) }
        guard let doc = poppler_document_new_from_file(uri, nil, &error) else {
            throw DiffError.unreadable(path: path, reason: Self.consume(error))
        }
        document = doc
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(document)) }

    var pageCount: Int { Int(poppler_document_get_n_pages(document)) }

    /// Renders one page (0-based) on white: PDFs have a transparent page background, and a
    /// transparent raster would compare differently from the printed sheet.
    func render(page index: Int, dpi: Double) throws -> RasterImage {
        guard let page = poppler_document_get_page(document, Int32(index)) else {
            throw DiffError.unreadable(path: path, reason: "cannot open page \(index + 1)")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var widthPt = 0.0, heightPt = 0.0
        poppler_page_get_size(page, &widthPt, &heightPt)
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
        poppler_page_render(page, cr)
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

    private static func consume(_ error: UnsafeMutablePointer<GError>?) -> String {
        guard let error else { return "unknown poppler error" }
        defer { g_error_free(error) }
        return String(cString: error.pointee.message)
    }
}

/// PDF user space unit: 1/72 inch.
private let pointsPerInch = 72.0
/// Tolerance below which a fractional pixel is treated as float noise, not page content.
private let roundingSlack = 1e-6
