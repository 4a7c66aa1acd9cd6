import BroadsheetDisplay
import CCairo

/// Owns a cairo_t and keeps its target surface alive. Only the calls the page drawer needs
/// are exposed, so no cairo_t pointer leaves this class except for the one-call loan to
/// poppler in `withRawContext`.
final class CairoContext {
    private let raw: OpaquePointer
    private let surface: CairoSurface

    /// `hintMetrics` is for tests; by default it follows the surface (see below).
    init(surface: CairoSurface, hintMetrics: Bool? = nil) throws {
        self.surface = surface
        raw = cairo_create(surface.raw)!
        try checkCairo(cairo_status(raw), "cairo_create")
        setFontOptions(hintMetrics: hintMetrics ?? surface.isPDF)
    }

    /// Unhinted outlines: the PNG proof must show what the PDF shows, with glyphs exactly
    /// where layout put them.
    ///
    /// Metrics hinting differs by surface. A raster needs unhinted metrics, or glyph
    /// bearings snap to whole pixels. A PDF takes the widths and advances it writes from
    /// a second, unhinted copy of the face that Cairo makes at the em size (its font-subset
    /// font); the drawing font's metrics only give each text's ink extents, which hinting
    /// rounds outward: Cairo may then keep a clip it could have left out, or draw a group's
    /// box a little larger, but never drops or moves a glyph. Unhinted, they cost Cairo 1.16
    /// a second FreeType load of every glyph (the metrics at the em size, then the outline
    /// at type size); hinted, one load: about 6 ms of a one-page galley's 70. Tested: the
    /// same bytes for plain text, the same raster for text against a clip edge.
    private func setFontOptions(hintMetrics: Bool) {
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, hintMetrics ? CAIRO_HINT_METRICS_ON : CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(raw, options)
        cairo_font_options_destroy(options)
    }

    deinit { cairo_destroy(raw) }

    /// Whether glyph metrics are hinted (the font options chosen in `init`).
    var hintsMetrics: Bool {
        let options = cairo_font_options_create()
        defer { cairo_font_options_destroy(options) }
        cairo_get_font_options(raw, options)
        return cairo_font_options_get_hint_metrics(options) == CAIRO_HINT_METRICS_ON
    }

    func check(_ operation: @autoclosure () -> String) throws {
        try checkCairo(cairo_status(raw), operation())
    }

    func save() { cairo_save(raw) }
    func restore() { cairo_restore(raw) }
    func translate(_ x: Double, _ y: Double) { cairo_translate(raw, x, y) }
    func scale(_ x: Double, _ y: Double) { cairo_scale(raw, x, y) }
    func newPath() { cairo_new_path(raw) }
    func rectangle(_ r: Rect) { cairo_rectangle(raw, r.x, r.y, r.width, r.height) }
    func moveTo(_ x: Double, _ y: Double) { cairo_move_to(raw, x, y) }
    func lineTo(_ x: Double, _ y: Double) { cairo_line_to(raw, x, y) }
    func circle(x: Double, y: Double, radius: Double) {
        cairo_new_sub_path(raw)
        cairo_arc(raw, x, y, radius, 0, 2 * Double.pi)
        cairo_close_path(raw)
    }
    func clip() { cairo_clip(raw) }
    func fill() { cairo_fill(raw) }
    func fillPreserve() { cairo_fill_preserve(raw) }
    func stroke() { cairo_stroke(raw) }
    func paint() { cairo_paint(raw) }
    func setColor(_ c: RGBColor) { cairo_set_source_rgb(raw, c.r, c.g, c.b) }
    func setLineWidth(_ w: Double) { cairo_set_line_width(raw, w) }
    func setButtCaps() {
        cairo_set_line_cap(raw, CAIRO_LINE_CAP_BUTT)
        cairo_set_line_join(raw, CAIRO_LINE_JOIN_MITER)
    }

    func pushGroup() { cairo_push_group(raw) }
    func popGroupToSource() { cairo_pop_group_to_source(raw) }

    /// Uses `image` as the source; `pad` repeats edge pixels when sampling, which avoids
    /// translucent seams in raster output (PDF output keeps the default so Cairo writes a
    /// plain image XObject).
    func setSource(_ image: CairoSurface, pad: Bool) {
        cairo_set_source_surface(raw, image.raw, 0, 0)
        let pattern = cairo_get_source(raw)
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_GOOD)
        if pad { cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD) }
    }

    func setFont(_ face: CairoFontFace, size: Double) {
        cairo_set_font_face(raw, face.raw)
        cairo_set_font_size(raw, size)
    }

    /// Draws glyphs with the text they stand for, so the PDF's ToUnicode/ActualText maps
    /// each cluster to its real source characters.
    func showTextGlyphs(utf8: [UInt8], glyphs: [cairo_glyph_t], clusters: [cairo_text_cluster_t]) {
        utf8.withUnsafeBufferPointer { text in
            text.baseAddress!.withMemoryRebound(to: CChar.self, capacity: text.count) { chars in
                cairo_show_text_glyphs(raw, chars, Int32(text.count), glyphs, Int32(glyphs.count),
                                       clusters, Int32(clusters.count), cairo_text_cluster_flags_t(0))
            }
        }
    }

    /// For runs that carry no source text (ornaments): nothing to map, so plain glyphs.
    func showGlyphs(_ glyphs: [cairo_glyph_t]) {
        cairo_show_glyphs(raw, glyphs, Int32(glyphs.count))
    }

    func showPage() { cairo_show_page(raw) }

    /// Adds the glyphs' outlines to the current path (which loads them into the scaled font).
    func glyphPath(_ glyphs: [cairo_glyph_t]) {
        cairo_glyph_path(raw, glyphs, Int32(glyphs.count))
    }

    /// Lends the raw cairo_t for one call into a library that draws with Cairo itself
    /// (poppler); the pointer must not be kept beyond `body`. Metrics are unhinted for the
    /// loan: the speed-up above is for our own text, and another document's fonts (Type 3
    /// ones among them, whose widths come from the drawing font) are drawn as they were.
    func withRawContext<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        cairo_save(raw)
        defer { cairo_restore(raw) }
        setFontOptions(hintMetrics: false)
        return try body(raw)
    }
}
