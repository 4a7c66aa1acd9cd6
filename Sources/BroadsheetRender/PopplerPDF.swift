import Foundation
import CPoppler

/// Owns a PopplerDocument (a GObject; released with g_object_unref). Advertisements arrive
/// as PDF and must stay vector: poppler draws the page through our cairo_t, so the ad's
/// text and outlines land in our PDF as text and outlines.
final class PopplerPDF {
    private let document: OpaquePointer
    let path: String

    init(path: String) throws {
        self.path = path
        var error: UnsafeMutablePointer<GError>?
        // GLib builds file URIs from absolute paths only; issue files name ads relative to
        // themselves, so resolve against the working directory first.
        let absolute = path.hasPrefix("/") ? path
            : URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
        guard let uri = g_filename_to_uri(absolute, nil, &error) else {
            throw RenderError.imageDecode(path: path, detail: PopplerPDF.consume(error))
        }
        defer { g_free(uri) }
        guard let document = poppler_document_new_from_file(uri, nil, &error) else {
            throw RenderError.imageDecode(path: path, detail: PopplerPDF.consume(error))
        }
        self.document = document
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(document)) }

    var pageCount: Int { Int(poppler_document_get_n_pages(document)) }

    /// `number` counts from 1, as page numbers do on an ad booking.
    func page(_ number: Int) throws -> PopplerPDFPage {
        guard number >= 1, number <= pageCount,
              let page = poppler_document_get_page(document, Int32(number - 1)) else {
            throw RenderError.pdfPageOutOfRange(path: path, page: number, pageCount: pageCount)
        }
        return PopplerPDFPage(page: page, document: self)
    }

    /// Every font the document uses, as poppler sees it: the check a printing plant's
    /// preflight makes (embedded, subset) on the file we actually wrote.
    func fonts() -> [PDFFontInfo] {
        guard let info = poppler_font_info_new(document) else { return [] }
        defer { poppler_font_info_free(info) }
        var out: [PDFFontInfo] = []
        var iter: OpaquePointer?
        while poppler_font_info_scan(info, Int32(pageCount), &iter) != 0 {
            guard let it = iter else { continue }
            repeat {
                let name = poppler_fonts_iter_get_name(it).map { String(cString: $0) } ?? "(unnamed)"
                out.append(PDFFontInfo(name: name, embedded: poppler_fonts_iter_is_embedded(it) != 0,
                                       subset: poppler_fonts_iter_is_subset(it) != 0))
            } while poppler_fonts_iter_next(it) != 0
            poppler_fonts_iter_free(it)
            iter = nil
        }
        return out
    }

    private static func consume(_ error: UnsafeMutablePointer<GError>?) -> String {
        guard let error else { return "unknown poppler error" }
        defer { g_error_free(error) }
        return String(cString: error.pointee.message)
    }
}

/// Owns one PopplerPage and keeps its document alive (a page must not outlive it).
final class PopplerPDFPage {
    private let page: OpaquePointer
    private let document: PopplerPDF

    init(page: OpaquePointer, document: PopplerPDF) {
        self.page = page
        self.document = document
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(page)) }

    /// Page size in points as poppler renders it (crop box, rotation applied).
    var size: (width: Double, height: Double) {
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        return (w, h)
    }

    /// Draws the page as vectors into `context` at the current transformation, top-left
    /// at the origin, one unit per point.
    func render(into context: CairoContext) {
        context.withRawContext { cr in poppler_page_render(page, cr) }
    }
}
