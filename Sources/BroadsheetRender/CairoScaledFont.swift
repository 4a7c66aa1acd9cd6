import CCairo

/// Owns a cairo_scaled_font_t: one face at one size under one set of font options, with
/// the glyphs Cairo has loaded for it.
final class CairoScaledFont {
    private let raw: OpaquePointer

    /// The scaled font Cairo's PDF surface makes for a face's font subset (Cairo 1.16,
    /// `_cairo_scaled_font_subsets_map_glyph`): identity font matrix and transformation,
    /// default options but no hinting and unhinted metrics. Cairo reads the widths it writes
    /// into the PDF from this font's glyph metrics, and shares scaled fonts by exactly these
    /// keys, so glyphs loaded here are the ones the PDF surface will find loaded.
    static func pdfSubsetFont(_ face: CairoFontFace) throws -> CairoScaledFont {
        var identity = cairo_matrix_t()
        cairo_matrix_init_identity(&identity)
        let options = cairo_font_options_create()
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        let raw = cairo_scaled_font_create(face.raw, &identity, &identity, options)!
        let status = cairo_scaled_font_status(raw)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_scaled_font_destroy(raw)
            throw RenderError.cairo(operation: "cairo_scaled_font_create", status: String(cString: cairo_status_to_string(status)))
        }
        return CairoScaledFont(raw: raw)
    }

    private init(raw: OpaquePointer) { self.raw = raw }

    deinit { cairo_scaled_font_destroy(raw) }

    /// Loads the glyphs' metrics into the scaled font (asking for their extents does that).
    func loadMetrics(_ glyphs: [cairo_glyph_t]) {
        var extents = cairo_text_extents_t()
        cairo_scaled_font_glyph_extents(raw, glyphs, Int32(glyphs.count), &extents)
    }
}
