import CCairo
import Foundation

/// Turns a Cairo status into a Swift error at the call that caused it. Cairo objects go
/// into a sticky error state instead of failing loudly, so every wrapper checks.
func checkCairo(_ status: cairo_status_t, _ operation: @autoclosure () -> String) throws {
    guard status == CAIRO_STATUS_SUCCESS else {
        throw RenderError.cairo(operation: operation(), status: String(cString: cairo_status_to_string(status)))
    }
}

/// Owns a cairo_surface_t (PDF stream, image, or PNG-decoded image).
final class CairoSurface {
    /// Borrowed by CairoContext and PageDrawer for one call at a time; never stored elsewhere.
    let raw: OpaquePointer
    /// Whatever the surface writes into or reads from must live as long as the surface.
    private let keepAlive: AnyObject?
    /// A PDF stream rather than pixels: contexts on it choose their font options by this.
    let isPDF: Bool

    private init(raw: OpaquePointer, keepAlive: AnyObject?, isPDF: Bool = false, operation: String) throws {
        self.raw = raw
        self.keepAlive = keepAlive
        self.isPDF = isPDF
        try checkCairo(cairo_surface_status(raw), operation)
    }

    deinit { cairo_surface_destroy(raw) }

    /// A PDF surface writing into `sink`. Sizes are in points and may change per page.
    static func pdf(into sink: ByteSink, width: Double, height: Double) throws -> CairoSurface {
        let raw = cairo_pdf_surface_create_for_stream(ByteSink.writeFunction, sink.closure, width, height)!
        return try CairoSurface(raw: raw, keepAlive: sink, isPDF: true,
                                operation: "cairo_pdf_surface_create_for_stream")
    }

    /// An ARGB32 raster surface of the given pixel size.
    static func image(width: Int, height: Int, format: cairo_format_t = CAIRO_FORMAT_ARGB32) throws -> CairoSurface {
        let raw = cairo_image_surface_create(format, Int32(width), Int32(height))!
        return try CairoSurface(raw: raw, keepAlive: nil, operation: "cairo_image_surface_create(\(width)×\(height))")
    }

    /// Decodes a PNG file; the caller has checked the file exists so a failure here means
    /// the bytes are bad.
    static func png(path: String) throws -> CairoSurface {
        let raw = cairo_image_surface_create_from_png(path)!
        let status = cairo_surface_status(raw)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(raw)
            throw RenderError.imageDecode(path: path, detail: String(cString: cairo_status_to_string(status)))
        }
        return try CairoSurface(raw: raw, keepAlive: nil, operation: "cairo_image_surface_create_from_png(\(path))")
    }

    var imageWidth: Int { Int(cairo_image_surface_get_width(raw)) }
    var imageHeight: Int { Int(cairo_image_surface_get_height(raw)) }

    /// Lets the caller fill an image surface's pixels in Cairo's native layout (premultiplied
    /// 32-bit words, native endian); flush/mark_dirty bracket the direct access as Cairo asks.
    func withMutablePixels<R>(_ body: (UnsafeMutablePointer<UInt8>, _ stride: Int) throws -> R) rethrows -> R {
        cairo_surface_flush(raw)
        defer { cairo_surface_mark_dirty(raw) }
        return try body(cairo_image_surface_get_data(raw), Int(cairo_image_surface_get_stride(raw)))
    }

    func withPixels<R>(_ body: (UnsafePointer<UInt8>, _ stride: Int) throws -> R) rethrows -> R {
        cairo_surface_flush(raw)
        return try body(UnsafePointer(cairo_image_surface_get_data(raw)), Int(cairo_image_surface_get_stride(raw)))
    }

    /// Attaches bytes Cairo can emit instead of re-encoding pixels (the original JPEG) or use
    /// to recognise one image across surfaces (a unique id). Cairo frees its copy itself.
    func setMimeData(_ mimeType: String, bytes: [UInt8]) throws {
        let copy = malloc(max(bytes.count, 1))!
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        let status = cairo_surface_set_mime_data(raw, mimeType, copy.assumingMemoryBound(to: UInt8.self),
                                                 UInt(bytes.count), { free($0) }, copy)
        if status != CAIRO_STATUS_SUCCESS { free(copy) }
        try checkCairo(status, "cairo_surface_set_mime_data(\(mimeType))")
    }

    // PDF-only calls.

    func pdfSetSize(width: Double, height: Double) {
        cairo_pdf_surface_set_size(raw, width, height)
    }

    func pdfSetMetadata(_ key: cairo_pdf_metadata_t, _ value: String) {
        cairo_pdf_surface_set_metadata(raw, key, value)
    }

    func pdfSetPageLabel(_ label: String) {
        cairo_pdf_surface_set_page_label(raw, label)
    }

    /// Writes out everything still buffered; for PDF this is when fonts are subset and the
    /// trailer is written, so errors from that late work surface here.
    func finish(_ what: String) throws {
        cairo_surface_finish(raw)
        try checkCairo(cairo_surface_status(raw), "finishing \(what)")
    }

    func writePNG(_ what: String) throws -> [UInt8] {
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(raw, ByteSink.writeFunction, sink.closure)
        try checkCairo(status, "cairo_surface_write_to_png_stream(\(what))")
        return sink.bytes
    }
}
